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
from search.backends.postgres import MATCH_TABLE
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


def insert_entries(count: int, words: str, every: int = 4, length: int = 1) -> ContentType:
    """`count` material entries written straight into the index table, as many as a real
    site's; one in `every` holds `words`, each with `length` other words (a real
    material's text is about a hundred)."""
    content_type = ContentType.objects.get_for_model(MaterialPage)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {IndexEntry._meta.db_table} (content_type_id, object_id, title_norm,"
            " autocomplete, title, body, title_text, body_text)"
            " SELECT %s, -n, 1.0, ''::tsvector, to_tsvector('simple', 'Filler ' || n),"
            " to_tsvector('simple', CASE WHEN mod(n, %s) = 0 THEN %s ELSE 'other' END || ' '"
            "  || array_to_string(ARRAY(SELECT 'w' || mod(n * 7919 + g * 104729, 20000)"
            "  FROM generate_series(1, %s) AS g), ' ')), '', ''"
            " FROM generate_series(1, %s) AS n",
            [content_type.pk, every, words, length, count],
        )
        cursor.execute(f"ANALYZE {MATCH_TABLE}")
    return content_type


def test_a_match_reads_the_narrow_table_through_its_index():
    """The match reads the narrow match table, never the wide index entries (a quarter of
    100,000 wide entries cost 60-120 ms to read), and its condition is one the table's
    GIN index answers. Whether the planner takes the index depends on the table's size
    (at 10,000 real materials a word in every entry is read about as fast by a scan; at
    100,000 a word in a quarter of them is read through the index in 15-30 ms)."""
    insert_entries(4000, f"plenty {MARKER}")
    with CaptureQueriesContext(connection) as queries:
        found = matches(f"plenty {MARKER}")
    assert len(found) == 1000
    (query,) = queries.captured_queries
    assert IndexEntry._meta.db_table not in query["sql"]
    assert MATCH_TABLE in query["sql"]
    assert " document @@ " in query["sql"]  # the bare column: its GIN index applies
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexname = %s",
            [MATCH_TABLE, "search_matchdocument_gin"],
        )
        (definition,) = cursor.fetchone()
    assert "USING gin (document)" in definition


def written_documents(table: str, document: str, content_type) -> dict[str, str]:
    """object id -> document (as text) in `table`, for the entries insert_entries wrote
    (negative ids), not the site's own materials."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT object_id, ({document})::text FROM {table}"
            " WHERE content_type_id = %s AND object_id LIKE '-%%'",
            [content_type.pk],
        )
        return dict(cursor.fetchall())


def match_documents(content_type) -> dict[str, str]:
    return written_documents(MATCH_TABLE, "document", content_type)


def entry_documents(content_type) -> dict[str, str]:
    return written_documents(IndexEntry._meta.db_table, "title || body", content_type)


def test_the_match_table_follows_every_write_to_the_index_entries():
    """Triggers keep it equal to the entries: inserts, upserts, updates of the text or the
    key, deletes and TRUNCATE, whichever code makes them."""
    content_type = insert_entries(40, f"follow {MARKER}", every=2)
    assert match_documents(content_type) == entry_documents(content_type)
    assert len(match_documents(content_type)) == 40
    table = IndexEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET body = to_tsvector('simple', 'changed words')"
            " WHERE content_type_id = %s AND object_id = '-1'",
            [content_type.pk],
        )
        cursor.execute(
            f"UPDATE {table} SET object_id = '-1001'"
            " WHERE content_type_id = %s AND object_id = '-2'",
            [content_type.pk],
        )
        cursor.execute(
            f"DELETE FROM {table} WHERE content_type_id = %s AND object_id = '-3'",
            [content_type.pk],
        )
    documents = match_documents(content_type)
    assert documents == entry_documents(content_type)
    assert "'chang'" in documents["-1"] or "'changed'" in documents["-1"]
    assert "-2" not in documents and "-1001" in documents and "-3" not in documents
    # A real page indexed through the backend (an upsert) is found at once.
    page = material("en", f"Trigger {MARKER}")
    assert page.pk in matches(f"trigger {MARKER}")
    page.title = f"Renamed {MARKER}"
    page.save_revision().publish()
    assert page.pk in matches(f"renamed {MARKER}")
    assert page.pk not in matches(f"trigger {MARKER}")
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE waits for no FK check
        cursor.execute(f"TRUNCATE {table}")
        cursor.execute(f"SELECT count(*) FROM {MATCH_TABLE}")
        assert cursor.fetchone()[0] == 0


def test_a_title_norm_refresh_does_not_rewrite_the_match_table():
    """modelsearch updates title_norm of every entry after each write; those updates touch
    neither the key nor the text, so they must not rewrite a document each."""
    content_type = insert_entries(20, f"norms {MARKER}", every=2)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT xmin::text FROM {MATCH_TABLE} WHERE content_type_id = %s ORDER BY object_id",
            [content_type.pk],
        )
        before = cursor.fetchall()
        cursor.execute(
            f"UPDATE {IndexEntry._meta.db_table} SET title_norm = 0.5 WHERE content_type_id = %s",
            [content_type.pk],
        )
        cursor.execute(
            f"SELECT xmin::text FROM {MATCH_TABLE} WHERE content_type_id = %s ORDER BY object_id",
            [content_type.pk],
        )
        assert cursor.fetchall() == before
