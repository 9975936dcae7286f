"""The SQLite backend orders ranked results (the admin's page search, Wagtail's
autocomplete and search) from one read of the bm25 scores, not one MATCH per hit, and in
the order modelsearch's own ranking gives."""

import pytest

from django.db import connection

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from materials.models import MaterialPage
from tests.search.helpers import MARKER, matches, material

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "sqlite" or not hasattr(get_search_backend(), "ranked_matches"),
        reason="SQLite FTS5 backend: runs in the SQLite pass, without SEARCH_URL",
    ),
]

TITLES = [
    f"{MARKER} {MARKER} {MARKER}",
    f"{MARKER} optics",
    f"Light and {MARKER} in a long title about many other things",
    f"{MARKER}",
    f"Sound, waves and {MARKER}",
    f"{MARKER} {MARKER} magnets",
]


@pytest.fixture
def pages():
    return [material("en", title) for title in TITLES]


def pks(results) -> list[int]:
    return [page.pk for page in results]


def test_the_backend_uses_the_ranked_results(pages):
    # Named, not imported: the module defines SQLite-only models that the PostgreSQL pass,
    # which skips this file, cannot load.
    results = get_search_backend().autocomplete(MARKER, Page)
    assert type(results).__module__ == "search.backends.fts_scores"
    assert type(results).__name__ == "RankedSQLiteSearchResults"


def test_autocomplete_order_is_modelsearchs_own(pages):
    backend = get_search_backend()
    ranked = pks(backend.autocomplete(MARKER, Page))
    # Asking for the score as an attribute takes modelsearch's own ranked query.
    stock = pks(backend.autocomplete(MARKER, Page).annotate_score("score"))
    assert sorted(ranked) == sorted(page.pk for page in pages)
    assert ranked == stock


def test_full_text_search_orders_as_the_public_search_ranks(pages):
    """Wagtail's full-text search on this backend and the site's own ranked matches agree:
    bm25 with the title weighted (test_database_backends: a title match outranks a body
    match), ties broken by the newest page first, as modelsearch breaks them."""
    in_body = material("en", "Circuits", summary=f"All about {MARKER} at home.")
    ranked = pks(get_search_backend().search(MARKER, MaterialPage))
    scores = matches(MARKER)
    assert set(ranked) == {page.pk for page in pages} | {in_body.pk}
    assert ranked == sorted(scores, key=lambda pk: (-scores[pk], -pk))


def test_pages_of_results_are_slices_of_the_whole_order(pages):
    results = get_search_backend().autocomplete(MARKER, Page)
    whole = pks(results)
    assert pks(results[0:2]) + pks(results[2:4]) + pks(results[4:]) == whole
    assert results.count() == len(whole) == len(pages)


def test_the_queryset_filters_still_apply(pages):
    draft = pages[0]
    Page.objects.filter(pk=draft.pk).update(live=False)
    live = pks(get_search_backend().autocomplete(MARKER, Page.objects.live()))
    assert draft.pk not in live
    assert len(live) == len(pages) - 1


def test_a_page_of_results_costs_three_queries_at_any_number_of_hits(
    pages, django_assert_num_queries
):
    backend = get_search_backend()
    list(backend.autocomplete("warm the content type cache", Page))
    # The matching keys, their scores, the page of objects.
    with django_assert_num_queries(3):
        assert len(list(backend.autocomplete(MARKER, Page)[:3])) == 3
    for n in range(10):
        material("en", f"{MARKER} extra {n}")
    with django_assert_num_queries(3):
        assert len(list(backend.autocomplete(MARKER, Page)[:3])) == 3


def test_a_search_without_hits_answers_empty(pages):
    assert list(get_search_backend().autocomplete("qqqxyzzy", Page)) == []
