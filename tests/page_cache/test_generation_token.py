"""The token read from the database (plain SQL, on every request) is the stored one, a new
row is made when there is none, and a bump replaces it."""

import pytest

from page_cache import generation
from page_cache.models import PageCacheGeneration

pytestmark = pytest.mark.django_db


def test_the_token_read_is_the_stored_token():
    PageCacheGeneration.objects.all().delete()

    first = generation.database_token()  # no row yet: one is made

    assert first == PageCacheGeneration.objects.get(pk=1).token.hex
    assert generation.database_token() == first


def test_a_bump_replaces_the_token_read(monkeypatch):
    monkeypatch.setattr(generation, "token_in_database", lambda: True)
    before = generation.database_token()

    generation.bump()

    after = generation.database_token()
    assert after != before
    assert after == PageCacheGeneration.objects.get(pk=1).token.hex
