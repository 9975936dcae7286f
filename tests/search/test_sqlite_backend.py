"""The SQLite FTS5 backend folds diacritics in every script, survives any input and ranks
in one query."""

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend

from materials.models import MaterialIndexPage, MaterialPage
from tests.factories import MaterialPageFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "sqlite",
        reason="SQLite FTS5 backend: runs in the SQLite pass of CI",
    ),
]

# A word no demo page holds, so each query below can only match the pages a test makes.
MARKER = "zorbulat"

BAD_INPUT = [
    '"',
    "NEAR(",
    "*",
    "-",
    "OR",
    "AND",
    "^",
    "x" * 10_000,
    "word " * 2_000,
    "\x00",
    "a\x00b\x01c\x1f",
    "a & b | !c",
    "'",
    "a:* <-> b",
    "\\",
    "",
    "   ",
]


def material(language: str, title: str, summary: str = "A short summary.") -> MaterialPage:
    parent = MaterialIndexPage.objects.get(locale__language_code=language)
    page = MaterialPageFactory(parent=parent, title=title, summary=summary)
    get_search_backend().add(page)
    return page


def matches(query: str, languages=None) -> dict[int, float]:
    return get_search_backend().ranked_matches(MaterialPage.objects.all(), query, languages)


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
