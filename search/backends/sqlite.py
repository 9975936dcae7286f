"""Wagtail's SQLite FTS5 backend with diacritics folded in every script, and a ranked
match that costs one query at any number of hits.

FTS5's unicode61 tokenizer folds Latin diacritics only (Μαθηματικά stays accented), so
indexed text and queries are folded here in Python, the same way on both sides. The
stock ranked search annotates each hit with a correlated subquery that reruns the
MATCH; `ranked_matches` reads bm25 scores straight from the FTS table instead.
"""

from modelsearch.backends.database.sqlite.query import MatchExpression
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    SQLiteFTSIndexEntry,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from django.db import connections, router

from search.text import fold, search_terms

FOLDED_COLUMNS = ("title", "body", "autocomplete")
# bm25 column weights in the FTS5 table's column order: autocomplete, body, title.
BM25_WEIGHTS = "0.0, 1.0, 2.0"


class FoldingSQLiteIndex(SQLiteIndex):
    def add_items(self, model, objs):
        super().add_items(model, objs)
        ids = [str(obj.pk) for obj in objs]
        if not ids:
            return
        entries = list(
            IndexEntry._default_manager.filter(
                content_type_id=get_content_type_pk(model), object_id__in=ids
            ).only("pk", *FOLDED_COLUMNS)
        )
        for entry in entries:
            for column in FOLDED_COLUMNS:
                setattr(entry, column, fold(getattr(entry, column) or ""))
        # The update trigger copies the folded text into the FTS5 table.
        IndexEntry._default_manager.bulk_update(entries, FOLDED_COLUMNS, batch_size=500)


class FoldingSQLiteQueryCompiler(SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            query = PlainText(
                " ".join(search_terms(query.query_string)),
                operator=query.operator,
                boost=query.boost,
            )
        elif isinstance(query, Phrase):
            query = Phrase(" ".join(search_terms(query.query_string)))
        return super().build_search_query_content(query, config=config)

    def search(self, config, start, stop, score_field=None):
        """Punctuation-only words (",", "*") match nothing rather than break the MATCH."""
        if isinstance(self.query, PlainText) and not search_terms(self.query.query_string):
            return self.queryset.none()
        return super().search(config, start, stop, score_field=score_field)


class FoldingSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = FoldingSQLiteQueryCompiler
    index_class = FoldingSQLiteIndex

    def ranked_matches(self, queryset, query_string: str, languages=None) -> dict[int, float]:
        """pk -> score (higher is better) for every object of `queryset`'s model whose
        indexed text holds every word of `query_string`. `languages` is accepted for
        the PostgreSQL backend's sake: FTS5 has no per-language stemming.

        Raw SQL for one reason: CROSS JOIN makes SQLite read the FTS5 matches first.
        Through the ORM's inner join, SQLite without ANALYZE statistics scans the
        index entries and reruns the MATCH for each (1.2 s instead of 12 ms at 10,000
        materials). The MATCH text is Wagtail's own; the rank is bm25 with the title
        weighted as Page.search_fields boosts it (Wagtail's expression scales the
        whole row's bm25, so a short title outranked a title match)."""
        terms = search_terms(query_string)
        if not terms:
            return {}
        compiler = self.query_compiler_class(
            queryset, PlainText(" ".join(terms), operator="and"), order_by_relevance=True
        )
        match = MatchExpression(
            compiler.FTS_TABLE_FIELDS, compiler.build_search_query(compiler.query)
        )
        connection = connections[router.db_for_read(IndexEntry)]
        sql_compiler = SQLiteFTSIndexEntry.objects.all().query.get_compiler(connection=connection)
        match_sql, match_params = match.as_sql(sql_compiler, connection)
        content_types = list(get_descendants_content_types_pks(queryset.model))
        fts = SQLiteFTSIndexEntry._meta.db_table
        entries = IndexEntry._meta.db_table
        placeholders = ", ".join(["%s"] * len(content_types))
        sql = (
            f"SELECT entry.object_id, bm25({fts}, {BM25_WEIGHTS}) "
            f"FROM {fts} CROSS JOIN {entries} AS entry ON entry.id = {fts}.rowid "
            f"WHERE {match_sql} AND entry.content_type_id IN ({placeholders})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*match_params, *content_types])
            rows = cursor.fetchall()
        # bm25() is negative, lower is better: negate so higher is better everywhere.
        return {int(object_id): -score for object_id, score in rows}


SearchBackend = FoldingSQLiteSearchBackend
