"""Turns whole-page caching on (the test settings keep it off) with an empty cache.

The tests here build their own pages with `tests.factories`."""

import pytest

from django.core.cache import cache

from page_cache import generation, kept, route_roots


@pytest.fixture(params=["database", "shared cache"])
def page_cache(request, settings, monkeypatch, db):
    """Caching on, with the generation token in the database (a per-process cache) or in the
    cache itself (Redis): both ways must invalidate."""
    settings.PAGE_CACHE_SECONDS = 300
    settings.CDN_CACHE_SECONDS = 120
    monkeypatch.setattr(generation, "token_in_database", lambda: request.param == "database")
    cache.clear()
    route_roots.clear()
    kept.clear()
    yield request.param
    cache.clear()
    route_roots.clear()
    kept.clear()
