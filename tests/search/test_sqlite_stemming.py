"""What only the SQLite backend does: stem with Snowball in Python, in each page's own
language, for every partner language PostgreSQL stems too; fold the other languages
only. Pages are indexed and searched through the real FTS5 backend. The behaviour both
database backends share: test_database_backends; PostgreSQL's stemming:
test_postgres_backend."""

import unicodedata

import pytest

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry
from wagtail.search.utils import parse_query_string

from materials.models import MaterialPage
from search.stemming import snowball_language
from tests.materials.builders import publish
from tests.search.helpers import MARKER, matches, material

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("material_indexes"),
    pytest.mark.skipif(
        connection.vendor != "sqlite" or not hasattr(get_search_backend(), "ranked_matches"),
        reason="SQLite FTS5 backend: runs in the SQLite pass, without SEARCH_URL",
    ),
]

# Per stemmed partner language: (word in a title, another form of it a teacher types).
WORD_FORMS = {
    "en": [("recipe", "recipes"), ("experiment", "experiments")],
    "de": [("Experiment", "Experimente"), ("Schüler", "Schülern")],
    "nl": [("proef", "proeven"), ("experiment", "experimenten")],
    "nb": [("eksperiment", "eksperimentene"), ("oppskrift", "oppskrifter")],
    "el": [("πείραμα", "πειράματα"), ("φυσική", "φυσικής")],
    "es": [("experimento", "experimentos"), ("receta", "recetas")],
    "pt": [("experiência", "experiências"), ("receita", "receitas")],
    "fr": [("expérience", "expériences"), ("recette", "recettes")],
    "it": [("esperimento", "esperimenti"), ("ricetta", "ricette")],
    "fi": [("matematiikka", "matematiikkaa"), ("opettaja", "opettajien")],
    "sv": [("experiment", "experimenten"), ("recept", "recepten")],
    "hu": [("tanár", "tanárok")],
}
# Partner languages PostgreSQL has no stemmer for: another form is another word.
UNSTEMMED_FORMS = {
    "cs": ("pokus", "pokusy"),
    "sk": ("pokus", "pokusy"),
    "mt": ("esperiment", "esperimenti"),
    "pl": ("doświadczenie", "doświadczenia"),
}
MATERIAL_INDEX_LANGUAGES = ("en", *sorted((set(WORD_FORMS) | set(UNSTEMMED_FORMS)) - {"en"}))
PAIRS = [
    (language, written, typed) for language, pairs in WORD_FORMS.items() for written, typed in pairs
]


def searched(query: str) -> set[int]:
    return {page.pk for page in MaterialPage.objects.search(query)}


def test_every_stemmed_partner_language_has_word_forms_here():
    partners = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
    stemmed = {code for code in partners if snowball_language(code)}
    assert stemmed == set(WORD_FORMS)
    assert partners - stemmed == set(UNSTEMMED_FORMS)


@pytest.mark.parametrize(("language", "written", "typed"), PAIRS)
def test_another_form_of_a_word_finds_the_page_both_ways(language, written, typed):
    page_written = material(language, f"{written} {MARKER}")
    page_typed = material(language, f"{typed} {MARKER}")
    for query in (typed, written):
        for languages in ([language], None):
            found = matches(f"{query} {MARKER}", languages)
            assert {page_written.pk, page_typed.pk} <= found.keys(), (query, languages)
        assert {page_written.pk, page_typed.pk} <= searched(f"{query} {MARKER}"), query


@pytest.mark.parametrize(("language", "written", "typed"), PAIRS)
def test_stemming_keeps_folding_accents_and_case(language, written, typed):
    page = material(language, f"{written} {MARKER}")
    assert page.pk in matches(f"{typed.upper()} {MARKER}", [language])
    assert page.pk in matches(f"{_unaccented(typed)} {MARKER}", [language])


@pytest.mark.parametrize(("language", "forms"), UNSTEMMED_FORMS.items())
def test_languages_without_a_stemmer_are_folded_only(language, forms):
    written, typed = forms
    page = material(language, f"{written} {MARKER}")
    assert page.pk in matches(f"{written.upper()} {MARKER}", [language])
    assert page.pk in matches(f"{_unaccented(written)} {MARKER}", [language])
    assert page.pk not in matches(f"{typed} {MARKER}", [language])
    assert _unaccented(written).lower() in index_title(page)


def index_title(page) -> list[str]:
    entry = IndexEntry.objects.get(
        content_type=ContentType.objects.get_for_model(MaterialPage), object_id=str(page.pk)
    )
    return entry.title.split()


def test_a_page_is_stemmed_in_its_own_language():
    german = material("de", f"Experimente {MARKER}")
    english = material("en", f"Experiments {MARKER}")
    assert index_title(german)[0] == "experiment"  # German Snowball
    assert index_title(english)[0] == "experi"  # English Snowball


def test_query_words_are_stemmed_by_the_languages_in_scope_only():
    english = material("en", f"Recipe {MARKER}")
    assert english.pk in matches(f"recipes {MARKER}", ["en"])
    assert english.pk not in matches(f"recipes {MARKER}", ["cs"])


def test_every_word_is_still_required_and_phrases_stem_too():
    page = material("en", f"Kitchen experiments {MARKER}")
    assert page.pk in matches(f"kitchen experiment {MARKER}", ["en"])
    assert page.pk not in matches(f"kitchen recipes {MARKER}", ["en"])
    assert page.pk in searched(f'"kitchen experiment" {MARKER}')


def test_autocomplete_stays_unstemmed_prefix_matching():
    page = material("en", f"Experiments with magnets {MARKER}")
    found = {result.pk for result in MaterialPage.objects.autocomplete("experimen")}
    assert page.pk in found


def test_the_search_page_finds_other_word_forms(client):
    """Through the visitor's search: the database engine and its work index."""
    for language, written, typed in [
        ("en", "recipe", "recipes"),
        ("de", "Experiment", "Experimente"),
    ]:
        page = material(language, f"Kitchen {written} {MARKER}")
        publish(page)
        response = client.get(f"/api/search/?lang={language}&q={typed}+{MARKER}")
        assert response.status_code == 200
        assert [hit["id"] for hit in response.json()["results"]] == [page.pk]


def _unaccented(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@pytest.mark.parametrize("query", ['"*"', '"" physics', 'light "" -"', '"kitchen experiments"'])
def test_parsed_queries_with_empty_phrases_are_answered(query):
    """The admin's search parses quotes into phrases, which may hold no word at all."""
    list(MaterialPage.objects.search(parse_query_string(query)[1]))
