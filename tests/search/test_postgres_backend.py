"""What only the PostgreSQL backend does: stem in each page's language, keep stop words,
index languages without a stemmer folded. The behaviour it shares with SQLite:
test_database_backends."""

import pytest

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from materials.models import MaterialPage
from tests.search.helpers import BAD_INPUT, MARKER, matches, material

MATERIAL_INDEX_LANGUAGES = ("en", "de", "cs")
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("material_indexes"),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="PostgreSQL full-text backend: runs in the PostgreSQL pass of CI",
    ),
]


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


@pytest.mark.parametrize("query", BAD_INPUT)
def test_any_input_is_answered_by_autocomplete_too(query):
    list(MaterialPage.objects.autocomplete(query))


def test_materials_outside_the_ranked_ones_match_unranked():
    named = material("en", f"Lenses {MARKER}")
    other = material("en", f"Lenses and mirrors {MARKER}")
    found = get_search_backend().ranked_matches(
        MaterialPage.objects.all(), f"lenses {MARKER}", rank=[named.pk]
    )
    assert found[named.pk] > 0
    assert found[other.pk] == 0.0


def test_a_common_word_is_read_from_the_document_index():
    """The match goes through the GIN index of material_search_document(title, body),
    which the planner prefers because the function is declared costly: with the bare
    `title || body` expression it scanned and concatenated every entry when a word was
    in a quarter of them (45-80 ms at 10,000 materials instead of 3-10 ms). Entries are
    written straight into the index table, as many as a real site's, a quarter of them
    holding the word."""
    content_type = ContentType.objects.get_for_model(MaterialPage)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {IndexEntry._meta.db_table} (content_type_id, object_id, title_norm,"
            " autocomplete, title, body, title_text, body_text)"
            " SELECT %s, -n, 1.0, ''::tsvector, to_tsvector('simple', 'Filler ' || n),"
            " to_tsvector('simple', CASE WHEN mod(n, 4) = 0 THEN %s ELSE 'other words' END), '', ''"
            " FROM generate_series(1, 4000) AS n",
            [content_type.pk, f"plenty {MARKER}"],
        )
        cursor.execute(f"ANALYZE {IndexEntry._meta.db_table}")
    with CaptureQueriesContext(connection) as queries:
        found = matches(f"plenty {MARKER}")
    assert len(found) == 1000
    (query,) = queries.captured_queries
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + query["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "material_search_document_gin" in plan, plan
