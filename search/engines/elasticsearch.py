"""Faceted material search on Elasticsearch/OpenSearch: one search request per page of
results, built by a pure function so tests can read it without a server.

One request carries everything: the text and scope in `query` (they narrow results
and counts alike), the facet selections in `post_filter` (they narrow the results
only), and `terms` aggregations inside `filter` aggregations holding every *other*
facet's selection, so each facet's counts say what ticking one more of its values would
add (OR within a facet, AND across facets). Facets without a selection share one filter
aggregation; each selected facet has its own. Terms aggregations return 10
buckets unless told otherwise, so every one sends its facet's `bucket_size`.

The unit of a result is a material (translation_key), not a language version:
- by default the index holds at most one document per material in scope: the
  visitor's language version, or the source-language one when the material is not
  live in the visitor's language (a fallback), so documents are materials;
- with `all_languages`, every version is in scope and `collapse` on translation_key
  keeps one per material; totals and counts then count distinct translation keys.
Hits become visitor-language versions, with every live language listed, through one
database query for the translation keys on the page.

Sorting by downloads or by PD uses: the index does not hold those counts (they change on
every download or recorded use), so the request asks for every matching material (at most
MAX_RESULT_WINDOW, ids only) and the counts are read from the database, as the database
engine does (search.counted_sorts).
"""

import logging
import uuid
from dataclasses import dataclass
from typing import Any

from modelsearch.backends.elasticsearchbase import Field
from modelsearch.query import MATCH_ALL, PlainText

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from wagtail.models import Locale

from materials.models import MaterialPage
from materials.versions import live_version_rows
from search.backends.elasticsearch import FoldingMapping, FoldingQueryCompiler
from search.backends.engine_errors import ENGINE_ERRORS
from search.counted_sorts import COUNTED_SORTS
from search.facets import FACETS, FACETS_BY_NAME, Facet
from search.query import PAGE_SIZE, Hit, SearchOutcome, SearchRequest, SearchUnavailable
from search.text import search_terms

MAX_RESULT_WINDOW = 10_000  # index.max_result_window: from + size may not exceed it
# Cardinality precision_threshold: distinct counts are near-exact below it. Memory is about
# 8 bytes per unit of threshold per bucket, and facets have hundreds of buckets, so the
# buckets get Elasticsearch's default and only the one total gets its maximum.
TOTAL_PRECISION = 40_000
BUCKET_PRECISION = 3_000
FACET_AGGREGATION = "facet_{}"  # a selected facet's filter aggregation, by facet name
SHARED_FACETS = "facets"  # the filter aggregation of every facet without a selection
TOTAL_AGGREGATION = "materials"  # distinct materials across all selections (all_languages)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LocaleScope:
    """Locale ids the default scope filters on: the visitor's (None when the language
    has no locale yet) and the source language's."""

    visitor: int | None
    source: int | None

    @classmethod
    def for_language(cls, language: str) -> "LocaleScope":
        ids = dict(
            Locale.objects.filter(language_code__in={language, settings.LANGUAGE_CODE}).values_list(
                "language_code", "pk"
            )
        )
        return cls(visitor=ids.get(language), source=ids.get(settings.LANGUAGE_CODE))


class MaterialColumns:
    """Index field names for the facts a material search reads, all from Wagtail's
    mapping of MaterialPage's search_fields, never spelled out by hand."""

    def __init__(self, mapping: FoldingMapping):
        self.mapping = mapping
        self.filter_fields = {
            field.field_name: field for field in MaterialPage.get_filterable_search_fields()
        }

    def filter(self, field_name: str) -> str:
        return self.mapping.get_field_column_name(self.filter_fields[field_name])

    @property
    def translation_key(self) -> str:
        return self.filter("translation_key")

    @property
    def locale(self) -> str:
        return self.filter("locale")

    @property
    def live_languages(self) -> str:
        return self.filter("search_live_languages")

    @property
    def title_sort(self) -> str:
        return self.mapping.sort_column(self.filter_fields["title"])

    def facet(self, facet_name: str) -> str:
        return self.filter(FACETS_BY_NAME[facet_name].index_field)


def compile_search_body(request: SearchRequest, scope: LocaleScope) -> dict:
    """The body of the one search request that answers `request`: results, total and
    every facet's counts. Pure: reads no database and sends nothing."""
    terms = search_terms(request.query)
    query = PlainText(" ".join(terms), operator="and") if terms else MATCH_ALL
    compiler = FoldingQueryCompiler(MaterialPage.objects.live(), query)
    columns = MaterialColumns(compiler.mapping)
    # Wagtail's filters: the MaterialPage content type and live=True (drafts are indexed);
    # then no view restriction, as the database engine's `.public()`.
    filters = [
        *compiler.get_filters(),
        {"term": {columns.filter("search_public"): True}},
        *scope_filters(request, scope, columns),
    ]
    filters += age_filters(request.pupil_age, columns)
    selections = selected_filters(request, columns)

    body: dict[str, Any] = {
        "query": {"bool": {"must": text_query(compiler, request.language), "filter": filters}},
        "aggs": facet_aggregations(request, selections, columns),
        "sort": sort_order(request.sort, columns),
        "track_total_hits": True,
        "_source": False,
        "docvalue_fields": [columns.translation_key, columns.locale, columns.live_languages],
    }
    if selections:
        body["post_filter"] = all_of(list(selections.values()))
    if request.all_languages:
        body["collapse"] = {"field": columns.translation_key}
        body["aggs"][TOTAL_AGGREGATION] = {
            "filter": all_of(list(selections.values())),
            "aggs": {"distinct": distinct_materials(columns, TOTAL_PRECISION)},
        }
    body.update(result_window(request))
    return body


def text_query(compiler: FoldingQueryCompiler, language: str) -> dict:
    """Every word must occur (operator "and", whatever the engine's default), in the
    folded catch-all fields or in their subfields stemmed for the visitor's language.
    Wagtail's compiler writes the multi_match; only the field list is extended."""
    if not isinstance(compiler.query, PlainText):
        return compiler.get_inner_query()  # match_all: browsing
    fields = list(compiler.remapped_fields)
    for field in compiler.remapped_fields:
        stemmed = compiler.mapping.stemmed_column(field.field_name, language)
        if stemmed:
            fields.append(Field(stemmed, field.boost))
    return compiler._compile_plaintext_query(compiler.query, fields)


def scope_filters(request: SearchRequest, scope: LocaleScope, columns) -> list[dict]:
    """Default scope: the visitor's language versions, plus source-language versions of
    materials not live in the visitor's language. With all_languages: everything."""
    if request.all_languages:
        return []
    in_visitor_locale = {"term": {columns.locale: scope.visitor}}
    untranslated_source = {
        "bool": {
            "filter": [{"term": {columns.locale: scope.source}}],
            "must_not": [{"term": {columns.live_languages: request.language}}],
        }
    }
    branches: list[dict] = []
    if scope.visitor is not None:
        branches.append(in_visitor_locale)
    if scope.source is not None and scope.source != scope.visitor:
        branches.append(untranslated_source)
    if not branches:  # no locale at all: nothing is in scope
        return [{"bool": {"must_not": {"match_all": {}}}}]
    return [{"bool": {"should": branches, "minimum_should_match": 1}}]


def age_filters(pupil_age: int | None, columns) -> list[dict]:
    if pupil_age is None:
        return []
    return [
        {"range": {columns.filter("age_min"): {"lte": pupil_age}}},
        {"range": {columns.filter("age_max"): {"gte": pupil_age}}},
    ]


def selected_filters(request: SearchRequest, columns) -> dict[str, dict]:
    """facet name -> `terms` filter (any of its selected values), for selected facets."""
    return {
        name: {"terms": {columns.facet(name): list(request.selections[name])}}
        for name in selected_facets(request)
    }


def selected_facets(request: SearchRequest) -> list[str]:
    """Names of the facets with a selection; unknown names are ignored, as the form never
    sends them."""
    return [
        name for name, values in request.selections.items() if name in FACETS_BY_NAME and values
    ]


def facet_groups(selected: list[str]) -> dict[str, list[Facet]]:
    """Aggregation name -> the facets it counts. Every facet without a selection is counted
    under all the selections alike, so they share one filter aggregation (the filter is
    then evaluated once, not once per facet); a selected facet is counted under the
    others' selections, in an aggregation of its own."""
    groups: dict[str, list[Facet]] = {}
    for facet in FACETS:
        name = FACET_AGGREGATION.format(facet.name) if facet.name in selected else SHARED_FACETS
        groups.setdefault(name, []).append(facet)
    return groups


def all_of(filters: list[dict]) -> dict:
    return {"bool": {"filter": filters}} if filters else {"match_all": {}}


def distinct_materials(columns, precision: int) -> dict:
    """Distinct translation keys: materials, however many language versions matched."""
    return {"cardinality": {"field": columns.translation_key, "precision_threshold": precision}}


def facet_aggregations(request: SearchRequest, selections: dict[str, dict], columns) -> dict:
    """Per group of facets (facet_groups): the selections of every facet but the counted
    one, then each facet's values with an explicit size, under the facet's name. With
    all_languages a bucket counts distinct materials, not language versions."""
    aggregations = {}
    for name, facets in facet_groups(list(selections)).items():
        counted = {facet.name for facet in facets}
        others = [selection for facet, selection in selections.items() if facet not in counted]
        values = {}
        for facet in facets:
            terms = {"terms": {"field": columns.facet(facet.name), "size": facet.bucket_size}}
            if request.all_languages:
                terms["aggs"] = {"materials": distinct_materials(columns, BUCKET_PRECISION)}
            values[facet.name] = terms
        aggregations[name] = {"filter": all_of(others), "aggs": values}
    return aggregations


def sort_order(sort: str, columns) -> list:
    """Ties are broken by translation key, so pages never repeat or skip a material.
    Downloads fetch newest first: the counts reorder them, newest first among equals.
    Title sorts the matched version's title, which is the shown one except when
    all_languages collapses onto another language's version."""
    newest = {columns.filter("search_material_published"): {"order": "desc", "missing": "_last"}}
    orders = {
        "relevance": [{"_score": {"order": "desc"}}, newest],
        "newest": [newest],
        "title": [{columns.title_sort: {"order": "asc"}}],
        "downloads": [newest],
        "used": [newest],
    }
    return [*orders.get(sort, orders["relevance"]), {columns.translation_key: {"order": "asc"}}]


def result_window(request: SearchRequest) -> dict:
    if request.sort in COUNTED_SORTS:
        return {"from": 0, "size": MAX_RESULT_WINDOW}
    offset = max(request.offset, 0)
    if offset + PAGE_SIZE > MAX_RESULT_WINDOW:  # past the last page the index can serve
        return {"from": 0, "size": 0}
    return {"from": offset, "size": PAGE_SIZE}


@dataclass(frozen=True)
class IndexHit:
    """One document of a response: the language version the index matched, and the
    languages its material is live in (doc values come sorted, as the work index gives
    them)."""

    page_id: int
    translation_key: uuid.UUID
    locale_id: int
    languages: tuple[str, ...]

    @classmethod
    def from_response(cls, hit: dict, columns: MaterialColumns) -> "IndexHit":
        fields = hit["fields"]
        return cls(
            page_id=int(hit["_id"]),
            translation_key=uuid.UUID(str(fields[columns.translation_key][0])),
            locale_id=int(fields[columns.locale][0]),
            languages=tuple(str(code) for code in fields.get(columns.live_languages, ())),
        )


class ElasticsearchEngine:
    """Answers SearchRequests from a folding Elasticsearch/OpenSearch backend."""

    def __init__(self, backend):
        if not issubclass(backend.mapping_class, FoldingMapping):
            raise ImproperlyConfigured(
                f"{type(backend).__name__} lacks the folding mapping: use a backend from "
                "search.backends.elasticsearch"
            )
        self.backend = backend
        self.columns = MaterialColumns(FoldingMapping(MaterialPage))

    def search(self, request: SearchRequest, token: uuid.UUID | None = None) -> SearchOutcome:
        """`token` is the DatabaseEngine's work-index generation; the search index is
        kept current by Wagtail's signals, so it is accepted and not needed."""
        scope = LocaleScope.for_language(request.language)
        body = compile_search_body(request, scope)
        index = self.backend.get_index_for_model(MaterialPage).name
        try:
            response = self.backend.es.search(index=index, body=body)
        except ENGINE_ERRORS as error:
            logger.warning("Search engine unavailable: %s", error)
            raise SearchUnavailable(str(error)) from error
        response = getattr(response, "body", response)  # elasticsearch-py's ApiResponse

        hits = [IndexHit.from_response(hit, self.columns) for hit in response["hits"]["hits"]]
        if request.sort in COUNTED_SORTS:
            offset = max(request.offset, 0)
            hits = by_count(hits, COUNTED_SORTS[request.sort]())[offset : offset + PAGE_SIZE]
        return SearchOutcome(
            total=self.total(request, response),
            hits=visitor_hits(hits, request, scope),
            counts=self.counts(request, response),
        )

    @staticmethod
    def total(request: SearchRequest, response: dict) -> int:
        if request.all_languages:
            return int(response["aggregations"][TOTAL_AGGREGATION]["distinct"]["value"])
        return int(response["hits"]["total"]["value"])

    @staticmethod
    def counts(request: SearchRequest, response: dict) -> dict[str, dict[str, int]]:
        """Values with materials, plus every selected value (at 0 when none is left), so
        the form can always show what is ticked."""
        counts = {}
        for name, facets in facet_groups(selected_facets(request)).items():
            aggregation = response["aggregations"][name]
            for facet in facets:
                counts[facet.name] = {
                    str(bucket["key"]): int(
                        bucket["materials"]["value"]
                        if request.all_languages
                        else bucket["doc_count"]
                    )
                    for bucket in aggregation[facet.name]["buckets"]
                }
                for value in request.selections.get(facet.name, ()):
                    counts[facet.name].setdefault(value, 0)
        return {facet.name: counts[facet.name] for facet in FACETS}


def by_count(hits: list[IndexHit], counts: dict[uuid.UUID, int]) -> list[IndexHit]:
    """Highest count first (downloads, PD uses), ties in the order the index returned them
    (newest first). The counts come in one query: a small row per material, cheaper than
    sending thousands of keys as parameters."""
    return sorted(hits, key=lambda hit: -counts.get(hit.translation_key, 0))  # stable


def visitor_hits(hits: list[IndexHit], request: SearchRequest, scope: LocaleScope) -> list[Hit]:
    """Each material as the version to show. In the default scope that is the version the
    index matched, with the live languages the index holds for it: signals re-index every
    language version when one is published or withdrawn, as the scope filter relies on.
    In all_languages mode it is the visitor-language version when live, else the
    source-language one, else the matched one: one database query, whatever the page
    size."""
    if not request.all_languages:
        return [
            Hit(
                page_id=hit.page_id,
                translation_key=hit.translation_key,
                is_fallback=hit.locale_id != scope.visitor,
                languages=hit.languages,
            )
            for hit in hits
        ]
    versions = live_version_rows(MaterialPage, {hit.translation_key for hit in hits})
    results = []
    for hit in hits:
        by_language = {version.language_code: version for version in versions[hit.translation_key]}
        page_id, locale_id = hit.page_id, hit.locale_id
        shown = by_language.get(request.language) or by_language.get(settings.LANGUAGE_CODE)
        if shown is not None:
            page_id, locale_id = shown.page_id, shown.locale_id
        results.append(
            Hit(
                page_id=page_id,
                translation_key=hit.translation_key,
                is_fallback=locale_id != scope.visitor,
                languages=tuple(sorted(by_language)),
            )
        )
    return results
