"""The database search backends (SQLite FTS5 in the SQLite pass of CI, PostgreSQL in the
PostgreSQL pass) fold diacritics in every script, require every word, weight titles,
survive any input and rank in one query. PostgreSQL's stemming: test_postgres_backend."""

import pytest

from wagtail.search.backends import get_search_backend

from materials.models import MaterialPage
from tests.search.helpers import BAD_INPUT, MARKER, matches, material

MATERIAL_INDEX_LANGUAGES = ("en", "de", "el", "cs")
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("material_indexes"),
    pytest.mark.skipif(
        not hasattr(get_search_backend(), "ranked_matches"),
        reason="SEARCH_URL is set: the site searches with Elasticsearch/OpenSearch",
    ),
]


@pytest.mark.parametrize(
    ("language", "accented", "folded"),
    [
        ("de", "Schüler", "schuler"),
        ("el", "Μαθηματικά", "μαθηματικα"),
        ("cs", "příroda", "priroda"),
    ],
)
def test_diacritics_fold_both_ways(language, accented, folded):
    written_accented = material(language, f"{accented} {MARKER}")
    written_folded = material(language, f"{folded} {MARKER}")
    for query in (accented, folded, accented.upper()):
        found = matches(f"{query} {MARKER}")
        assert {written_accented.pk, written_folded.pk} <= found.keys(), query
        searched = MaterialPage.objects.search(f"{query} {MARKER}")
        assert {written_accented.pk, written_folded.pk} <= {page.pk for page in searched}, query


def test_every_word_is_required():
    page = material("en", f"Magnetism {MARKER}")
    assert page.pk in matches(f"magnetism {MARKER}")
    assert page.pk not in matches(f"magnetism gravity {MARKER}")


def test_title_matches_rank_above_body_matches():
    in_title = material("en", f"Electricity {MARKER}")
    in_body = material("en", f"Circuits {MARKER}", summary="All about electricity at home.")
    found = matches(f"electricity {MARKER}")
    assert found[in_title.pk] > found[in_body.pk]


@pytest.mark.parametrize("query", BAD_INPUT)
def test_any_input_is_answered_without_error(query):
    assert isinstance(matches(query), dict)
    assert isinstance(matches(query, ["de", "cs"]), dict)
    list(MaterialPage.objects.search(query))


def test_ranked_matches_costs_one_query(django_assert_num_queries):
    for n in range(3):
        material("en", f"Optics {n} {MARKER}")
    matches("warm the content type cache")
    with django_assert_num_queries(1):
        found = matches(f"optics {MARKER}")
    assert len(found) == 3


def test_ranking_can_be_narrowed_to_the_materials_that_can_be_shown():
    """A faceted search ranks only what its filters keep: the matches stay the same, and
    the materials named keep the score a full ranking gives them."""
    shown = material("en", f"Optics shown {MARKER}")
    others = [material("en", f"Optics {n} {MARKER}", summary="Optics again.") for n in range(3)]
    query = f"optics {MARKER}"
    everything = matches(query)
    narrowed = get_search_backend().ranked_matches(
        MaterialPage.objects.all(), query, rank=[shown.pk]
    )
    assert narrowed.keys() == everything.keys() >= {shown.pk, *(page.pk for page in others)}
    assert narrowed[shown.pk] == pytest.approx(everything[shown.pk])
    unranked = get_search_backend().ranked_matches(MaterialPage.objects.all(), query, rank=[])
    assert unranked.keys() == everything.keys()
