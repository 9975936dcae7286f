"""Each process keeps one search engine, so an Elasticsearch/OpenSearch client (and its
pool of kept-alive connections) serves every search; new backend settings replace it."""

from django.test import override_settings

from search.engines import get_engine
from search.engines.database import DatabaseEngine
from search.engines.elasticsearch import ElasticsearchEngine
from tests.search.helpers import closed_port, engine_settings


def test_every_search_gets_the_same_engine():
    assert get_engine() is get_engine()
    assert isinstance(get_engine(), DatabaseEngine)


def test_new_backend_settings_replace_the_engine_and_restoring_them_returns_to_the_database():
    database_engine = get_engine()
    with override_settings(WAGTAILSEARCH_BACKENDS=engine_settings("opensearch2", closed_port())):
        engine = get_engine()
        assert isinstance(engine, ElasticsearchEngine)
        assert get_engine() is engine
        assert get_engine().backend.es is engine.backend.es  # one client, one pool
    assert get_engine() is not engine
    assert isinstance(get_engine(), DatabaseEngine)
    assert get_engine() is not database_engine  # rebuilt for the restored settings
