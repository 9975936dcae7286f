"""Wagtail's SQLite FTS5 backend with diacritics folded in every script, Snowball
stemming in each page's own language, and a ranked match that costs one query at any
number of hits.

FTS5's unicode61 tokenizer folds Latin diacritics only (Μαθηματικά stays accented) and
stems nothing, so indexed text and queries are folded and stemmed here in Python
(search.stemming), the same way on both sides. A page's title and body are stemmed with
its locale's stemmer (none for Czech: folded only); the autocomplete column stays
folded, unstemmed, because it is matched by prefix. As on PostgreSQL, an index entry
keeps no record of its language, so a query is the OR of its words stemmed by each
stemmer in scope, every word required within each: `(experiment AND x) OR (experi AND
x)`; the folded words themselves are an alternative where a language in scope has no
stemmer, and in searches with no language scope.

The stock ranked search annotates each hit with a correlated subquery that reruns the
MATCH; `ranked_matches` and the ranked results (search.backends.fts_scores) read bm25
scores straight from the FTS table instead.
"""

import operator
from functools import reduce

from modelsearch.backends.database.sqlite.query import (
    Lexeme,
    SearchQueryExpression,
)
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import And, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from django.conf import settings

from search.backends.fts_scores import RankedSQLiteSearchResults, fts_scores
from search.backends.index_batches import index_batch
from search.stemming import (
    object_languages,
    query_stemmers,
    snowball_language,
    stem_text,
    stem_word,
)
from search.text import fold, search_terms

STEMMED_COLUMNS = ("title", "body")
FOLDED_COLUMNS = ("autocomplete",)
# bm25 column weights in the FTS5 table's column order: autocomplete, body, title.
BM25_WEIGHTS = "0.0, 1.0, 2.0"


class FoldingSQLiteIndex(SQLiteIndex):
    def add_items(self, model, objs):
        with index_batch(model, objs):
            super().add_items(model, objs)
        if not objs:
            return
        stemmers = {
            str(obj.pk): snowball_language(code)
            for obj, code in zip(objs, object_languages(objs), strict=True)
        }
        entries = list(
            IndexEntry._default_manager.filter(
                content_type_id=get_content_type_pk(model), object_id__in=list(stemmers)
            ).only("pk", "object_id", *STEMMED_COLUMNS, *FOLDED_COLUMNS)
        )
        for entry in entries:
            stemmer = stemmers.get(entry.object_id)
            for column in STEMMED_COLUMNS:
                setattr(entry, column, stem_text(getattr(entry, column) or "", stemmer))
            for column in FOLDED_COLUMNS:
                setattr(entry, column, fold(getattr(entry, column) or ""))
        # The update trigger copies the folded, stemmed text into the FTS5 table.
        IndexEntry._default_manager.bulk_update(
            entries, [*STEMMED_COLUMNS, *FOLDED_COLUMNS], batch_size=500
        )


def quoted(word: str) -> str:
    """An FTS5 string: a bareword could be read as AND, OR, NOT or NEAR."""
    return '"' + word.replace('"', '""') + '"'


def match_text(words: list[str], stemmers, *, phrase: bool = False, every: bool = True) -> str:
    """The FTS5 query for folded `words`: one alternative per stemmer, OR-ed; within an
    alternative every word is required (`every`), any will do, or all in a row
    (`phrase`). Identical alternatives are sent once."""
    alternatives = []
    for stemmer in stemmers:
        stems = [stem_word(word, stemmer) for word in words]
        if phrase:
            alternatives.append(quoted(" ".join(stems)))
        else:
            joiner = " AND " if every else " OR "
            alternatives.append("(" + joiner.join(quoted(stem) for stem in stems) + ")")
    return " OR ".join(dict.fromkeys(alternatives))


class MatchText(Lexeme):
    """A complete FTS5 query text, passed as it is (modelsearch's Lexeme quotes one
    word, and chains them without parentheses)."""

    def as_sql(self, compiler, connection):
        return "%s", [self.value]


class FoldingSQLiteQueryCompiler(SQLiteSearchQueryCompiler):
    BM25_WEIGHTS = BM25_WEIGHTS
    languages = None  # language codes whose stemmers apply; None: every partner language

    def stemmers(self) -> list[str | None]:
        """The visitor's scope's stemmers; without one, every partner language's and
        the folded words (objects without a language: images, documents, snippets)."""
        if self.languages:
            return query_stemmers(self.languages)
        partners = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
        return query_stemmers(partners, unstemmed=True)

    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText | Phrase):
            words = search_terms(query.query_string)
            if not words:
                # As modelsearch does: no plain words, no query; an empty phrase matches
                # nothing.
                return None if isinstance(query, PlainText) else SearchQueryExpression("")
            every = not isinstance(query, PlainText) or query.operator.upper() == "AND"
            text = match_text(words, self.stemmers(), phrase=isinstance(query, Phrase), every=every)
            return SearchQueryExpression(MatchText(text), config=config)
        if isinstance(query, And | Or):
            # A part with no word ("-" in the admin's `light -`) is left out, not None
            # combined with the rest.
            parts = [self.build_search_query_content(part, config) for part in query.subqueries]
            parts = [part for part in parts if part is not None]
            if not parts:
                return None
            return reduce(operator.and_ if isinstance(query, And) else operator.or_, parts)
        return super().build_search_query_content(query, config=config)

    def search(self, config, start, stop, score_field=None):
        """Punctuation-only words (",", "*") match nothing rather than break the MATCH."""
        if self.build_search_query(self.query, config=config) is None:
            return self.queryset.none()
        return super().search(config, start, stop, score_field=score_field)


class FoldingSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = FoldingSQLiteQueryCompiler
    index_class = FoldingSQLiteIndex
    results_class = RankedSQLiteSearchResults

    def ranked_matches(
        self, queryset, query_string: str, languages=None, rank=None
    ) -> dict[int, float]:
        """pk -> score (higher is better) for every object of `queryset`'s model whose
        indexed text holds every word of `query_string`, stemmed by any stemmer of
        `languages` (codes) or folded; None or empty: every partner language's stemmer.
        `rank` narrows ranking on PostgreSQL; FTS5 reads bm25 with the match at little
        extra cost, so every match is scored here.

        Raw SQL for one reason: CROSS JOIN makes SQLite read the FTS5 matches first.
        Through the ORM's inner join, SQLite without ANALYZE statistics scans the
        index entries and reruns the MATCH for each (1.2 s instead of 12 ms at 10,000
        materials). The MATCH text is the compiler's; the rank is bm25 with the title
        weighted as Page.search_fields boosts it (Wagtail's expression scales the
        whole row's bm25, so a short title outranked a title match)."""
        terms = search_terms(query_string)
        if not terms:
            return {}
        compiler = self.query_compiler_class(
            queryset, PlainText(" ".join(terms), operator="and"), order_by_relevance=True
        )
        compiler.languages = languages
        scores = fts_scores(compiler, compiler.build_search_query(compiler.query), BM25_WEIGHTS)
        # bm25() is negative, lower is better: negate so higher is better everywhere.
        return {object_id: -score for object_id, score in scores.items()}


SearchBackend = FoldingSQLiteSearchBackend
