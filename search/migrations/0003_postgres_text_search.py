"""PostgreSQL text search configurations for search.backends.postgres: one
`stem_<language>` per Snowball stemmer the server ships (unaccent, then the stemmer) and
`fold_simple` (unaccent, no stemming) for languages without one and for objects without a
language. The stemmers keep every word: stop word lists are written with diacritics, which
the folded text no longer has, and the SQLite and Elasticsearch backends drop no word
either ("the" finds pages on each). Nothing happens on other databases. Safe to run again."""

from django.db import migrations

WORD_TOKENS = "asciiword, word, hword, hword_part, hword_asciipart, asciihword"
SNOWBALL_LANGUAGES = """
    SELECT substring(d.dictname FROM '^(.*)_stem$')
    FROM pg_ts_dict d JOIN pg_ts_template t ON t.oid = d.dicttemplate
    WHERE t.tmplname = 'snowball' AND d.dictnamespace = 'pg_catalog'::regnamespace
"""


def configurations(cursor):
    """(configuration, built-in configuration it copies, Snowball language or None)."""
    cursor.execute(SNOWBALL_LANGUAGES)
    stemmed = [(f"stem_{language}", language, language) for (language,) in cursor.fetchall()]
    return [("fold_simple", "simple", None), *stemmed]


def create_unless_exists(cursor, catalog, column, name, statement):
    """CREATE TEXT SEARCH ... has no IF NOT EXISTS."""
    cursor.execute(
        f"""
        DO $$ BEGIN
            IF NOT EXISTS (
                SELECT 1 FROM {catalog}
                WHERE {column}name = '{name}'
                AND {column}namespace = current_schema()::regnamespace
            ) THEN {statement};
            END IF;
        END $$
        """
    )


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        # Trusted since PostgreSQL 13: the database owner may create it without superuser.
        cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        for name, template, language in configurations(cursor):
            dictionary = "simple"
            if language:
                dictionary = f"{language}_stem_nostop"
                create_unless_exists(
                    cursor,
                    "pg_ts_dict",
                    "dict",
                    dictionary,
                    f"CREATE TEXT SEARCH DICTIONARY {dictionary}"
                    f" (TEMPLATE = snowball, LANGUAGE = {language})",
                )
            create_unless_exists(
                cursor,
                "pg_ts_config",
                "cfg",
                name,
                f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{template})",
            )
            cursor.execute(
                f"ALTER TEXT SEARCH CONFIGURATION {name}"
                f" ALTER MAPPING FOR {WORD_TOKENS} WITH unaccent, {dictionary}"
            )


def drop(apps, schema_editor):
    """The unaccent extension stays: other code (modelsearch's f_unaccent) may use it."""
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name, _template, language in configurations(cursor):
            cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
            if language:
                cursor.execute(f"DROP TEXT SEARCH DICTIONARY IF EXISTS {language}_stem_nostop")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_generation_row")]

    operations = [migrations.RunPython(create, drop)]
