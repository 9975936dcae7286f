"""The live search engine for the suites that need one: a real Elasticsearch/OpenSearch at
SEARCH_URL (`make opensearch` starts one; `.ci/run` always does).

Each suite indexes the test database into its own indices, prefixed
`<SEARCH_INDEX>_contract…`, so a developer's own index is left alone and a suite that
changes content cannot disturb another's expectations.
"""

import io
import os
from contextlib import contextmanager

import pytest

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from repo_site.settings.search import search_backend_settings
from search.engines import get_engine
from search.engines.elasticsearch import ElasticsearchEngine

SEARCH_URL = os.environ.get("SEARCH_URL")


def require_live_search() -> None:
    """Skip the calling module without a server, except in CI, where it is a failure."""
    if SEARCH_URL:
        return
    reason = "SEARCH_URL not set: no live Elasticsearch/OpenSearch to run the contract against"
    if "CI" in os.environ:  # CI starts a node (`.ci/run`): its absence is a failure there
        pytest.fail(f"CI must run the live search suites, but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


def live_backends(suffix: str) -> dict:
    return {
        "default": search_backend_settings(
            search_url=SEARCH_URL,
            engine=os.environ.get("SEARCH_ENGINE", "elasticsearch8"),
            index_name=os.environ.get("SEARCH_INDEX", "stem_materials") + suffix,
            database_engine=settings.DATABASES["default"]["ENGINE"],
        )
    }


@contextmanager
def live_engine(suffix: str, django_db_blocker):
    """The site searching with the live engine, its indices built from the test database."""
    with override_settings(WAGTAILSEARCH_BACKENDS=live_backends(suffix)):
        with django_db_blocker.unblock():
            call_command("update_index", backend_name="default", stdout=io.StringIO())
        engine = get_engine()
        assert isinstance(engine, ElasticsearchEngine)
        yield engine
