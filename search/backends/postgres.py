"""Wagtail's PostgreSQL full-text backend with diacritics folded in every script, stemming
in each page's own language, and a ranked match that costs one query.

A page is indexed with the text search configuration of its locale (stem_german for a
German page, fold_simple for Czech, which PostgreSQL has no stemmer for); other objects
use fold_simple. search/migrations/0003 creates the configurations: unaccent, then a
Snowball stemmer that keeps stop words (as the other backends do). A tsvector keeps no
record of its configuration, so a query is the OR of the same words parsed by each
configuration that may have indexed the hits: a German word then meets German stems, an
English word English ones. Text is also folded in Python on both sides
(search.text.fold), exactly as the SQLite backend folds, so both sides agree even where
unaccent.rules and Unicode case folding differ (final sigma).
"""

import operator
from functools import reduce

from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    ObjectIndexer,
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.weights import get_sql_weights
from modelsearch.query import Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db import connections

from wagtail.models import Locale, Page

from search.backends.index_batches import index_batch
from search.stemming import snowball_language
from search.text import fold, search_terms

FOLD_SIMPLE = "fold_simple"
# Each index entry's `title || body` in a narrow table kept by triggers, with its own GIN
# index (search/migrations/0008_match_documents.py).
MATCH_TABLE = "search_matchdocument"


def config_for_language(code: str | None) -> str:
    language = snowball_language(code)
    return f"stem_{language}" if language else FOLD_SIMPLE


def configs_for_languages(codes) -> list[str]:
    return list(dict.fromkeys(config_for_language(code) for code in codes))


class LocaleObjectIndexer(ObjectIndexer):
    def __init__(self, obj, backend, config):
        super().__init__(obj, backend)
        self.config = config

    def as_vector(self, texts, for_autocomplete=False):
        folded = [(fold(text), weight) for text, weight in texts]
        return super().as_vector(folded, for_autocomplete=for_autocomplete)


class LocaleIndex(PostgresIndex):
    def configs(self, objs) -> list[str]:
        """The configuration of each object: its locale's for a page, the default
        otherwise. One query per batch, however many pages."""
        locale_ids = {obj.locale_id for obj in objs if isinstance(obj, Page)}
        languages = dict(
            Locale.objects.filter(pk__in=locale_ids).values_list("pk", "language_code")
            if locale_ids
            else ()
        )
        return [
            config_for_language(languages.get(obj.locale_id))
            if isinstance(obj, Page)
            else self.backend.config
            for obj in objs
        ]

    def add_items(self, model, objs):
        """modelsearch's add_items builds its indexer inline, with one configuration for
        every object; this is the same upsert with an indexer per object's language."""
        if not model.get_search_fields() or not objs:
            return
        content_type_id = get_content_type_pk(model)
        with index_batch(model, objs):
            indexers = [
                LocaleObjectIndexer(obj, self.backend, config)
                for obj, config in zip(objs, self.configs(objs), strict=True)
            ]
            entries = [
                IndexEntry(
                    content_type_id=content_type_id,
                    object_id=indexer.id,
                    title=indexer.title,
                    autocomplete=indexer.autocomplete,
                    body=indexer.body,
                    title_norm=1.0,
                    title_text=indexer.title_text,
                    body_text=indexer.body_text,
                )
                for indexer in indexers
            ]
        IndexEntry._default_manager.db_manager(self.write_connection.alias).bulk_create(
            entries,
            update_conflicts=True,
            unique_fields=["content_type", "object_id"],
            update_fields=[
                "title",
                "autocomplete",
                "body",
                "title_norm",
                "title_text",
                "body_text",
            ],
        )
        self._refresh_title_norms()


class LocaleQueryCompiler(PostgresSearchQueryCompiler):
    languages = None  # language codes narrowing the configurations; None: all partners'

    def configs(self, default_config) -> list[str]:
        if self.fields is not None:
            # Model columns are parsed at query time with the query's configuration.
            return [default_config]
        if self.languages:
            return configs_for_languages(self.languages)
        partners = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
        return list(dict.fromkeys([*configs_for_languages(partners), default_config]))

    def build_tsquery_content(self, query, config=None, invert=False):
        """Every word required (visitors type words, not operators), parsed by each
        configuration, OR-ed. search_terms leaves only word characters: no tsquery syntax,
        no NUL (which psycopg refuses), and plainto_tsquery never raises on words."""
        if not isinstance(query, (PlainText, Phrase)):
            return super().build_tsquery_content(query, config=config, invert=invert)
        words = " ".join(search_terms(query.query_string))
        search_type = "phrase" if isinstance(query, Phrase) else "plain"
        queries = [
            SearchQuery(words, search_type=search_type, config=name, invert=invert)
            for name in self.configs(config)
        ]
        # Not(de | en) is !de & !en.
        return reduce(operator.and_ if invert else operator.or_, queries)


class FoldingAutocompleteQueryCompiler(PostgresAutocompleteQueryCompiler):
    # modelsearch nests one Python expression per word: thousands overflow the stack.
    MAX_TERMS = 32

    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, PlainText):
            terms = search_terms(query.query_string)[: self.MAX_TERMS]
            if not terms:
                # An empty tsquery matches nothing (modelsearch would return None here).
                return SearchQuery("", config=config)
            query = PlainText(" ".join(terms), operator=query.operator, boost=query.boost)
        return super().build_tsquery_content(query, config=config, invert=invert)


class LocalePostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = LocaleQueryCompiler
    autocomplete_query_compiler_class = FoldingAutocompleteQueryCompiler
    index_class = LocaleIndex

    def __init__(self, params):
        super().__init__(params)
        self.config = params.get("SEARCH_CONFIG") or FOLD_SIMPLE
        self.autocomplete_config = FOLD_SIMPLE

    def ranked_matches(
        self, queryset, query_string: str, languages=None, rank=None
    ) -> dict[int, float]:
        """pk -> score (higher is better) for every object of `queryset`'s model whose
        indexed text holds every word of `query_string`, in one query. `languages` (codes)
        narrows the configurations the words are parsed with; None or empty: all partner
        languages and the default. `rank` (pks), when given, are the only objects worth a
        score: the others match with 0.0, unranked. Ranking weighs each matching document,
        the costliest part of the query; a faceted search shows a few of thousands of
        matches and ranks only those.

        Matches and scores are read from MATCH_TABLE (search/migrations/0008), whose rows
        are the object id and the `title || body` document only: a common word is a
        quarter of the materials, and reading that many wide index entries cost more than
        all the rest of a search."""
        terms = search_terms(query_string)
        if not terms:
            return {}
        compiler = self.query_compiler_class(queryset, PlainText(" ".join(terms), operator="and"))
        compiler.languages = languages
        tsquery, tsquery_params = compile_expression(
            compiler.build_tsquery(compiler.query, config=self.config)
        )
        # The title's field weight (its boost) counts: `document` keeps each part's weight.
        ranked = f"ts_rank(%s::float4[], document, {tsquery})"
        ranked_params = [get_sql_weights(), *tsquery_params]
        if rank is None:
            score, score_params = ranked, ranked_params
        elif rank:
            score = f"CASE WHEN object_id = ANY(%s) THEN {ranked} ELSE 0.0 END"
            score_params = [[str(pk) for pk in rank], *ranked_params]
        else:
            score, score_params = "0.0", []
        sql = (
            f"SELECT object_id::bigint, {score} FROM {MATCH_TABLE}"
            f" WHERE content_type_id = ANY(%s) AND document @@ {tsquery}"
        )
        params = [
            *score_params,
            list(get_descendants_content_types_pks(queryset.model)),
            *tsquery_params,
        ]
        with connections[IndexEntry._default_manager.db].cursor() as cursor:
            cursor.execute(sql, params)
            # Plain tuples of an integer pk and a float: a common word at 100,000 materials
            # is 27,000 rows, and the ORM's per-row converters cost more than the query's
            # own reading of them. (Objects of page models have integer pks.)
            return dict(cursor.fetchall())


def compile_expression(expression) -> tuple[str, list]:
    """SQL and parameters of a Django expression (the tsquery), for a hand-written query."""
    query = IndexEntry._default_manager.all().query
    compiler = query.get_compiler(using=IndexEntry._default_manager.db)
    sql, params = expression.resolve_expression(query).as_sql(compiler, compiler.connection)
    return sql, list(params)


SearchBackend = LocalePostgresSearchBackend
