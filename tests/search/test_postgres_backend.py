"""The PostgreSQL backend folds diacritics in every script, stems in each page's language,
survives any input and ranks in one query."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from materials.models import MaterialIndexPage, MaterialPage
from tests.factories import MaterialPageFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="PostgreSQL full-text backend: runs in the PostgreSQL pass of CI",
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


def test_pages_are_stemmed_in_their_own_language():
    german = material("de", f"Experimente {MARKER}")
    english = material("en", f"Experiments {MARKER}")
    assert german.pk in matches(f"Experiment {MARKER}", languages=["de"])
    assert english.pk in matches(f"experiment {MARKER}", languages=["en"])
    # The default query parses the words with every partner language's configuration.
    assert {german.pk, english.pk} <= matches(f"experiment {MARKER}").keys()
    assert {german.pk, english.pk} <= {
        page.pk for page in MaterialPage.objects.search(f"experiment {MARKER}")
    }
    # Another inflection matches through the German stemmer only, not unstemmed Czech.
    assert german.pk in matches(f"Experimenten {MARKER}", languages=["de"])
    assert german.pk not in matches(f"Experimenten {MARKER}", languages=["cs"])


def test_stop_words_are_words_like_any_other():
    """As on SQLite and Elasticsearch: "the" is required, and it finds pages."""
    with_the = material("en", f"The magnet {MARKER}")
    without = material("en", f"Magnets {MARKER}")
    found = matches(f"the magnet {MARKER}", ["en"])
    assert with_the.pk in found
    assert without.pk not in found


def test_czech_pages_are_indexed_unstemmed_and_found_by_their_words():
    czech = material("cs", f"Pokusy z přírody {MARKER}")
    entry = IndexEntry.objects.get(
        content_type=ContentType.objects.get_for_model(MaterialPage), object_id=str(czech.pk)
    )
    assert "'prirody'" in str(entry.title)  # folded, not stemmed
    for languages in (None, ["cs"]):
        assert czech.pk in matches(f"pokusy prirody {MARKER}", languages)
        assert czech.pk in matches(f"přírody {MARKER}", languages)
    assert czech.pk not in matches(f"priroda {MARKER}", ["cs"])


def test_objects_without_a_language_use_the_folding_configuration():
    backend = get_search_backend()
    assert backend.index_class(backend).configs([object()]) == ["fold_simple"]


def test_title_matches_rank_above_body_matches():
    in_title = material("en", f"Electricity {MARKER}")
    in_body = material("en", f"Circuits {MARKER}", summary="All about electricity at home.")
    found = matches(f"electricity {MARKER}")
    assert found[in_title.pk] > found[in_body.pk] > 0


@pytest.mark.parametrize("query", BAD_INPUT)
def test_any_input_is_answered_without_error(query):
    assert isinstance(matches(query), dict)
    assert isinstance(matches(query, ["de", "cs"]), dict)
    list(MaterialPage.objects.search(query))
    list(MaterialPage.objects.autocomplete(query))


def test_ranked_matches_costs_one_query(django_assert_num_queries):
    for n in range(3):
        material("en", f"Optics {n} {MARKER}")
    matches("warm the content type cache")
    with django_assert_num_queries(1):
        found = matches(f"optics {MARKER}")
    assert len(found) == 3
