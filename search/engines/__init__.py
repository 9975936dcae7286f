"""The search engine for the configured Wagtail backend: Elasticsearch/OpenSearch count
facets with aggregations, the database backends with the in-memory work index.

Each process keeps one engine. Wagtail builds a new backend, and for Elasticsearch and
OpenSearch a new client with its own connection pool, on every call: a search paid for a
client and a new TCP connection each time. Changing WAGTAILSEARCH_BACKENDS (tests do,
with override_settings) drops the kept engine."""

from django.core.signals import setting_changed
from django.dispatch import receiver

from wagtail.search.backends import get_search_backend

_kept: dict = {}


def get_engine():
    engine = _kept.get("engine")
    if engine is None:
        engine = _kept["engine"] = engine_for(get_search_backend())
    return engine


def engine_for(backend):
    if getattr(backend, "faceted_engine", None) == "elasticsearch":
        from search.engines.elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine(backend)
    from search.engines.database import DatabaseEngine

    return DatabaseEngine(backend)


@receiver(setting_changed, dispatch_uid="search-engine-settings")
def forget_engine(setting, **kwargs):
    if setting == "WAGTAILSEARCH_BACKENDS":
        _kept.clear()
