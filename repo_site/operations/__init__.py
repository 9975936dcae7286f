"""Running the site: the health endpoint for load balancers, the answer to a database
outage, and where server errors are reported."""
