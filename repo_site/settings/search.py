"""Which Wagtail search backend serves the site: the database's own full-text search
(SQLite FTS5 or PostgreSQL), or Elasticsearch/OpenSearch when SEARCH_URL is set."""

from django.core.exceptions import ImproperlyConfigured

SEARCH_ENGINES = {
    "elasticsearch8": "search.backends.elasticsearch.Elasticsearch8Backend",
    "elasticsearch9": "search.backends.elasticsearch.Elasticsearch9Backend",
    "opensearch2": "search.backends.elasticsearch.OpenSearch2Backend",
    "opensearch3": "search.backends.elasticsearch.OpenSearch3Backend",
}


def search_backend_settings(
    *,
    search_url: str | None,
    engine: str,
    index_name: str,
    database_engine: str,
    timeout: float = 10,
) -> dict:
    """`timeout`: seconds a request to Elasticsearch/OpenSearch may take before the
    search page answers 503 and an index write is queued for a retry."""
    if search_url:
        if engine not in SEARCH_ENGINES:
            raise ImproperlyConfigured(
                f"SEARCH_ENGINE must be one of {', '.join(SEARCH_ENGINES)}, not {engine!r}"
            )
        return {
            "BACKEND": SEARCH_ENGINES[engine],
            "URLS": [search_url],
            "INDEX": index_name,
            "TIMEOUT": timeout,
            "AUTO_UPDATE": True,
        }
    if "postgresql" in database_engine:
        return {"BACKEND": "search.backends.postgres"}
    return {"BACKEND": "search.backends.sqlite"}
