"""The admin's page search and the explorer's search box, with Wagtail's permission rule
sent to the search engine as a handful of tree-path clauses instead of a list of every
explorable page id (which Elasticsearch/OpenSearch refuse past 65,536 terms)."""
