"""A narrow table of the documents search.backends.postgres matches words against:
`search_matchdocument (content_type_id, object_id, document)`, with `document` the
entry's `title || body` and a GIN index on it, kept equal to wagtailsearch_indexentry by
triggers. PostgreSQL only; replaces 0007's expression index.

Finding which entries hold a word is cheap in the GIN index, but each match must then be
read from the table for its object id. Index entries are wide (two tsvectors for
autocomplete and ranking plus the whole title and body text, about 2 KB each), so a
common word, a quarter of 100,000 materials, touched 16,000 heap pages and cost 60-120 ms
however the index was built. Here a row is the object id and one tsvector: the same
word touches 9,000-13,000 smaller pages and costs 15-25 ms, and the rank is read from the
same row.

Triggers, not the indexing code, keep the table equal to the entries, so every path that
writes entries (publish, bulk indexing, `update_index`, deletes, a test database's
TRUNCATE) keeps it current. Updates that touch neither the key nor the document
(modelsearch's title_norm refresh) do not fire.
"""

from django.db import migrations

TABLE = "search_matchdocument"
INDEX = "search_matchdocument_gin"
SYNC = "search_matchdocument_sync"
CLEAR = "search_matchdocument_clear"
OLD_INDEX = "material_search_document_gin"
OLD_FUNCTION = "material_search_document"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    entries = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    for statement in (
        f"CREATE TABLE {TABLE} (content_type_id integer NOT NULL, object_id text NOT NULL,"
        " document tsvector NOT NULL, PRIMARY KEY (content_type_id, object_id))",
        f"CREATE FUNCTION {SYNC}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        " IF TG_OP <> 'INSERT' THEN"
        f"  DELETE FROM {TABLE} WHERE content_type_id = OLD.content_type_id"
        "   AND object_id = OLD.object_id;"
        " END IF;"
        " IF TG_OP <> 'DELETE' THEN"
        f"  INSERT INTO {TABLE} (content_type_id, object_id, document)"
        "   VALUES (NEW.content_type_id, NEW.object_id, NEW.title || NEW.body)"
        "   ON CONFLICT (content_type_id, object_id) DO UPDATE SET document = EXCLUDED.document;"
        " END IF;"
        " RETURN NULL; END $$",
        f"CREATE FUNCTION {CLEAR}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        f" TRUNCATE {TABLE}; RETURN NULL; END $$",
        f"CREATE TRIGGER {SYNC}_insert AFTER INSERT ON {entries}"
        f" FOR EACH ROW EXECUTE FUNCTION {SYNC}()",
        f"CREATE TRIGGER {SYNC}_update AFTER UPDATE OF content_type_id, object_id, title, body"
        f" ON {entries} FOR EACH ROW"
        " WHEN (OLD.content_type_id IS DISTINCT FROM NEW.content_type_id"
        " OR OLD.object_id IS DISTINCT FROM NEW.object_id"
        " OR OLD.title IS DISTINCT FROM NEW.title OR OLD.body IS DISTINCT FROM NEW.body)"
        f" EXECUTE FUNCTION {SYNC}()",
        f"CREATE TRIGGER {SYNC}_delete AFTER DELETE ON {entries}"
        f" FOR EACH ROW EXECUTE FUNCTION {SYNC}()",
        f"CREATE TRIGGER {CLEAR} AFTER TRUNCATE ON {entries}"
        f" FOR EACH STATEMENT EXECUTE FUNCTION {CLEAR}()",
        f"INSERT INTO {TABLE} (content_type_id, object_id, document)"
        f" SELECT content_type_id, object_id, title || body FROM {entries}",
        f"CREATE INDEX {INDEX} ON {TABLE} USING gin (document)",
        f"ANALYZE {TABLE}",
        f"DROP INDEX IF EXISTS {OLD_INDEX}",
        f"DROP FUNCTION IF EXISTS {OLD_FUNCTION}(tsvector, tsvector)",
    ):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    entries = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    for statement in (
        f"DROP TRIGGER IF EXISTS {CLEAR} ON {entries}",
        *(f"DROP TRIGGER IF EXISTS {SYNC}_{op} ON {entries}" for op in ("insert", "update", "delete")),
        f"DROP FUNCTION IF EXISTS {CLEAR}()",
        f"DROP FUNCTION IF EXISTS {SYNC}()",
        f"DROP TABLE IF EXISTS {TABLE}",
        # 0007's function and index, as that migration left them.
        f"CREATE OR REPLACE FUNCTION {OLD_FUNCTION}(title tsvector, body tsvector) "
        "RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE COST 1000 "
        "SET search_path = pg_catalog AS $$ SELECT title || body $$",
        f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON {entries}"
        f" USING gin ({OLD_FUNCTION}(title, body))",
    ):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0007_costed_search_document")]

    operations = [migrations.RunPython(create, drop)]
