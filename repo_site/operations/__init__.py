"""Running the site: the health endpoint for load balancers, the answer to a database
outage, where server errors are reported, and a web process's startup heap kept out of
the garbage collector."""
