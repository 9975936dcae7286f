"""The search engine for the configured Wagtail backend: Elasticsearch/OpenSearch count
facets with aggregations, the database backends with the in-memory work index."""

from wagtail.search.backends import get_search_backend


def get_engine():
    backend = get_search_backend()
    if getattr(backend, "faceted_engine", None) == "elasticsearch":
        from search.engines.elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine(backend)
    from search.engines.database import DatabaseEngine

    return DatabaseEngine(backend)
