"""The Elasticsearch/OpenSearch side without a server: the index mapping and analysis
Wagtail's mapping machinery produces for MaterialPage, the one request body the engine
compiles for each kind of search, and how a canned response becomes a SearchOutcome.

Compile tests need neither a database nor a search client; the outcome tests read page ids
and live languages from three materials the module builds (`outcome_materials`).
"""

import datetime
import decimal
import json
import uuid

import pytest
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend

from materials.models import MaterialDownloadCount, MaterialPage
from search.backends.elasticsearch import (
    FOLDING_ANALYZER,
    MERGE_TIMEOUT,
    FoldingIndexMixin,
    FoldingMapping,
    analysis_settings,
    merge_segments,
    stemmed_languages,
)
from search.engines.elasticsearch import (
    MAX_RESULT_WINDOW,
    ElasticsearchEngine,
    LocaleScope,
    MaterialColumns,
    compile_search_body,
)
from search.facets import FACETS, FACETS_BY_NAME
from search.query import PAGE_SIZE, SearchRequest
from tests.conftest import shared_data
from tests.factories import MaterialPageFactory, publish
from tests.search.corpus import translated
from tests.search.helpers import material_index_in

SCOPE = LocaleScope(visitor=2, source=1)  # de visitor, en source (ids as a database holds)


@pytest.fixture(scope="module")
def mapping():
    return FoldingMapping(MaterialPage)


@pytest.fixture(scope="module")
def columns(mapping):
    return MaterialColumns(mapping)


@pytest.fixture(scope="module")
def properties(mapping):
    return mapping.get_mapping()["properties"]


def body_for(**request) -> dict:
    return compile_search_body(SearchRequest(**{"language": "de", **request}), SCOPE)


def facet_filter(columns, name, values):
    return {"terms": {columns.facet(name): list(values)}}


def walk(node):
    """Every dict in a request body, for assertions about the whole body."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


# The index: mapping and analysis


def test_facet_and_scope_fields_are_keywords(properties, columns):
    for facet in FACETS:
        assert properties[columns.facet(facet.name)]["type"] == "keyword", facet.name
        # Counted by every search: their ordinals are built on refresh, not on a search.
        assert properties[columns.facet(facet.name)]["eager_global_ordinals"], facet.name
    assert "eager_global_ordinals" not in properties[columns.translation_key]
    for name in ("translation_key", "search_live_languages"):
        assert properties[columns.filter(name)]["type"] == "keyword"
    assert properties[columns.locale]["type"] == "integer"


def test_title_has_a_folded_sort_keyword(properties, columns):
    column, subfield = columns.title_sort.rsplit(".", 1)
    assert properties[column]["fields"][subfield] == {"type": "keyword", "normalizer": "folding"}


def test_catch_all_text_folds_and_has_a_stemmed_subfield_per_stemmed_language(properties):
    for column in ("_all_text", "_all_text_boost_2_0"):
        assert properties[column]["analyzer"] == FOLDING_ANALYZER
        subfields = properties[column]["fields"]
        assert {"en", "de", "nl", "cs", "el"} <= subfields.keys()
        assert not {"sk", "mt", "pl"} & subfields.keys()  # no stock stemmer: folded only
        assert subfields["de"] == {"type": "text", "analyzer": "stemmed_de"}
    assert properties["_edgengrams"]["search_analyzer"] == FOLDING_ANALYZER


def test_analyzers_fold_accents_in_every_script():
    analysis = analysis_settings(stemmed_languages())["settings"]["analysis"]
    folding = ["folding_lowercase", "asciifolding"]
    # Greek lower-casing also strips tonos/dialytika, which asciifolding leaves alone.
    assert analysis["filter"]["folding_lowercase"] == {"type": "lowercase", "language": "greek"}
    for name in ("default", FOLDING_ANALYZER):
        assert analysis["analyzer"][name]["filter"] == folding
    assert analysis["analyzer"]["edgengram_analyzer"]["filter"][:2] == folding
    assert analysis["normalizer"]["folding"]["filter"] == folding
    # Stemmers see lower-cased words with their diacritics, then the result is folded.
    assert analysis["analyzer"]["stemmed_cs"]["filter"] == [
        "folding_lowercase",
        "stem_cs",
        "asciifolding",
    ]
    assert analysis["filter"]["stem_el"] == {"type": "stemmer", "language": "greek"}


class RecordingClient:
    """Stands in for the Elasticsearch/OpenSearch client: answers `search` with a canned
    response and records every request."""

    def __init__(self, hosts=None, **options):
        self.requests = []
        self.response = None

    def search(self, **request):
        self.requests.append(request)
        return self.response


class RecordingBackend(FoldingIndexMixin, ElasticsearchBaseSearchBackend):
    client_class = RecordingClient


def test_backend_settings_carry_the_analysis_and_the_index_name():
    backend = RecordingBackend({"URLS": ["http://127.0.0.1:9200"], "INDEX": "stem_materials"})
    assert backend.faceted_engine == "elasticsearch"
    assert backend.mapping_class is FoldingMapping
    assert backend.settings["settings"]["analysis"]["analyzer"]["default"]["filter"] == [
        "folding_lowercase",
        "asciifolding",
    ]
    assert backend.settings["settings"]["index"]["max_ngram_diff"] == 12  # Wagtail's kept
    assert backend.get_index_for_model(MaterialPage).name == "stem_materials_wagtailcore_page"


@pytest.mark.parametrize(
    ("class_name", "client"),
    [
        ("Elasticsearch8Backend", "elasticsearch"),
        ("Elasticsearch9Backend", "elasticsearch"),
        ("OpenSearch2Backend", "opensearchpy"),
        ("OpenSearch3Backend", "opensearchpy"),
    ],
)
def test_each_engine_backend_is_a_thin_folding_subclass(class_name, client):
    from search.backends import elasticsearch as backends

    backend = getattr(backends, class_name)({"URLS": ["http://127.0.0.1:9200"], "INDEX": "x"})
    assert backend.faceted_engine == "elasticsearch"
    assert backend.mapping_class is FoldingMapping
    assert backend.get_index_for_model(MaterialPage).name == "x_wagtailcore_page"
    assert "stemmed_de" in backend.settings["settings"]["analysis"]["analyzer"]


def test_a_missing_client_names_the_extra_to_install(monkeypatch):
    """Run on a fresh copy of the backends module, never registered, so the module every
    other test (and the kept search engine) uses keeps its classes."""
    import importlib.util
    import sys

    monkeypatch.setitem(sys.modules, "opensearchpy", None)  # import fails as if absent
    for name in [m for m in sys.modules if m.startswith("modelsearch.backends.opensearch")]:
        monkeypatch.delitem(sys.modules, name)
    spec = importlib.util.find_spec("search.backends.elasticsearch")
    fresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fresh)
    with pytest.raises(ImportError, match=r"pip install -e '\.\[opensearch3\]'"):
        fresh.OpenSearch3Backend  # noqa: B018
    with pytest.raises(AttributeError):
        fresh.SolrBackend  # noqa: B018


# The request body


def test_browse_matches_all_live_materials_in_scope(columns):
    body = body_for()
    query = body["query"]["bool"]
    assert query["must"] == {"match_all": {}}
    assert {"match": {"_django_content_type": "materials.MaterialPage"}} in query["filter"]
    assert {"term": {"live_filter": True}} in query["filter"]
    assert "post_filter" not in body and "collapse" not in body
    assert body["track_total_hits"] is True
    assert (body["from"], body["size"]) == (0, PAGE_SIZE)
    assert body["_source"] is False


def test_default_scope_is_visitor_language_plus_untranslated_source(columns):
    scope = body_for()["query"]["bool"]["filter"][-1]["bool"]
    assert scope["minimum_should_match"] == 1
    visitor, fallback = scope["should"]
    assert visitor == {"term": {columns.locale: SCOPE.visitor}}
    assert fallback["bool"]["filter"] == [{"term": {columns.locale: SCOPE.source}}]
    assert fallback["bool"]["must_not"] == [
        {"term": {columns.filter("search_live_languages"): "de"}}
    ]


def test_source_language_visitor_sees_only_source_versions(columns):
    body = compile_search_body(SearchRequest(language="en"), LocaleScope(visitor=1, source=1))
    scope = body["query"]["bool"]["filter"][-1]["bool"]
    assert scope["should"] == [{"term": {columns.locale: 1}}]


def test_query_with_three_facets(columns):
    selections = {
        "discipline": ("physics", "chemistry"),
        "age": ("12-15",),
        "country": ("DE", "NL"),
    }
    body = body_for(query='Schüler "NEAR( Klima*', selections=selections)

    text = body["query"]["bool"]["must"]["multi_match"]
    assert text["query"] == "schuler near klima"  # sanitised, folded words
    assert text["operator"] == "and"
    assert "_all_text" in text["fields"] and "_all_text.de" in text["fields"]
    assert "_all_text_boost_2_0.de^2.0" in text["fields"]

    selected = {name: facet_filter(columns, name, values) for name, values in selections.items()}
    assert body["post_filter"] == {"bool": {"filter": list(selected.values())}}
    for facet in FACETS:
        aggregation = facet_aggregation(body, facet.name, selections)
        others = [selection for name, selection in selected.items() if name != facet.name]
        expected_filter = {"bool": {"filter": others}} if others else {"match_all": {}}
        assert aggregation["filter"] == expected_filter, facet.name
        terms = aggregation["aggs"][facet.name]["terms"]
        assert terms == {"field": columns.facet(facet.name), "size": facet.bucket_size}
    # The unselected facets share one filter aggregation; each selected facet has its own.
    assert set(body["aggs"]) == {"facets", "facet_discipline", "facet_age", "facet_country"}
    # Selections never narrow the query itself: counts must still see other values.
    assert not any(
        "terms" in node and columns.facet("discipline") in node["terms"]
        for node in walk(body["query"])
    )


def facet_aggregation(body: dict, facet: str, selections: dict) -> dict:
    """The filter aggregation counting `facet`: its own when the facet is selected, else
    the one every unselected facet shares."""
    aggregation = body["aggs"][f"facet_{facet}" if selections.get(facet) else "facets"]
    assert facet in aggregation["aggs"], facet
    return aggregation


def test_one_selected_facet_counts_against_no_other_selection(columns):
    selections = {"licence": ("cc-by",)}
    body = body_for(selections=selections)
    assert facet_aggregation(body, "licence", selections)["filter"] == {"match_all": {}}
    assert facet_aggregation(body, "type", selections)["filter"] == {
        "bool": {"filter": [facet_filter(columns, "licence", ("cc-by",))]}
    }


def test_browsing_counts_every_facet_under_one_filter():
    body = body_for()
    assert list(body["aggs"]) == ["facets"]
    assert body["aggs"]["facets"]["filter"] == {"match_all": {}}
    assert list(body["aggs"]["facets"]["aggs"]) == [facet.name for facet in FACETS]


def test_unknown_and_empty_selections_are_ignored():
    body = body_for(selections={"colour": ("red",), "discipline": ()})
    assert "post_filter" not in body


def test_pupil_age_is_inside_the_age_range(columns):
    filters = body_for(pupil_age=9)["query"]["bool"]["filter"]
    assert {"range": {columns.filter("age_min"): {"lte": 9}}} in filters
    assert {"range": {columns.filter("age_max"): {"gte": 9}}} in filters


def test_all_languages_collapses_and_counts_materials(columns):
    selections = {"discipline": ("physics",)}
    body = body_for(all_languages=True, selections=selections)
    distinct = {"field": columns.translation_key}
    assert body["collapse"] == distinct
    filters = body["query"]["bool"]["filter"]
    assert not any(columns.locale in str(node) for node in filters)  # every locale
    total = body["aggs"]["materials"]
    assert total["filter"] == {
        "bool": {"filter": [facet_filter(columns, "discipline", ["physics"])]}
    }
    assert total["aggs"]["distinct"]["cardinality"]["field"] == columns.translation_key
    for facet in FACETS:
        values = facet_aggregation(body, facet.name, selections)["aggs"][facet.name]
        assert values["aggs"]["materials"]["cardinality"]["field"] == columns.translation_key


@pytest.mark.parametrize(
    ("sort", "first_key"),
    [
        ("relevance", "_score"),
        ("newest", "materials_materialpage__search_material_published_filter"),
        ("title", "title_filter.sort"),
        ("downloads", "materials_materialpage__search_material_published_filter"),
        ("nonsense", "_score"),
    ],
)
def test_sorts(sort, first_key, columns):
    body = body_for(sort=sort, page=3)
    assert next(iter(body["sort"][0])) == first_key
    assert body["sort"][-1] == {columns.translation_key: {"order": "asc"}}  # stable pages
    if sort == "downloads":  # counts live in the database: fetch every match, ids only
        assert (body["from"], body["size"]) == (0, MAX_RESULT_WINDOW)
    else:
        assert (body["from"], body["size"]) == (2 * PAGE_SIZE, PAGE_SIZE)


def test_pages_past_the_result_window_ask_for_counts_only():
    body = body_for(page=MAX_RESULT_WINDOW)
    assert body["size"] == 0
    assert "aggs" in body


@pytest.mark.parametrize(
    "request_fields",
    [
        {},
        {"query": "water", "selections": {"discipline": ("physics",)}, "pupil_age": 8},
        {"all_languages": True, "sort": "downloads"},
    ],
)
def test_no_body_filters_by_id(request_fields):
    """pk__in filters are silently dropped on Elasticsearch: nothing may rely on them."""
    body = body_for(**request_fields)
    for node in walk(body):
        assert "ids" not in node
        for clause in ("term", "terms"):
            assert not {"pk", "id_filter"} & node.get(clause, {}).keys()


# From response to outcome


def canned_response(hits, *, total, counts, columns, materials=None, selected=()):
    """An engine's answer; `selected` names the facets the request selected, which are
    counted in aggregations of their own."""
    aggregations: dict = {}
    for facet in FACETS:
        group = f"facet_{facet.name}" if facet.name in selected else "facets"
        aggregations.setdefault(group, {"doc_count": total})[facet.name] = {
            "buckets": [
                {"key": key, "doc_count": count, "materials": {"value": count - 1}}
                for key, count in counts.get(facet.name, {}).items()
            ]
        }
    if materials is not None:
        aggregations["materials"] = {"doc_count": total, "distinct": {"value": materials}}
    return {
        "hits": {
            "total": {"value": total, "relation": "eq"},
            "hits": [
                {
                    "_id": str(page.pk),
                    "_score": 1.0,
                    "fields": {
                        columns.translation_key: [str(page.translation_key)],
                        columns.locale: [page.locale_id],
                        # doc values of a multi-valued keyword come sorted
                        columns.live_languages: sorted(live_languages(page)),
                    },
                }
                for page in hits
            ],
        },
        "aggregations": aggregations,
    }


@pytest.fixture
def backend():
    return RecordingBackend({"URLS": ["http://127.0.0.1:9200"], "INDEX": "stem_materials"})


def build_outcome_materials() -> None:
    """Three English materials, the first also live in German and Greek, the others in
    English only: the versions the canned responses below name."""
    for language in ("de", "el"):
        material_index_in(language)
    first, *_others = [
        publish(MaterialPageFactory(parent=material_index_in("en"), title=f"Light {number}"))
        for number in range(3)
    ]
    translated(first, "de", "Licht", "Licht und Farben.")
    translated(first, "el", "Φως", "Φως και χρώματα.")


@pytest.fixture(scope="module")
def outcome_materials(django_db_setup, django_db_blocker):
    """Built once for the module (see `shared_data`)."""
    with shared_data(django_db_blocker, build_outcome_materials):
        yield


@pytest.fixture
def translated_and_untranslated(db, outcome_materials):
    """A material live in German (its German version) and one that is not (English)."""
    live = MaterialPage.objects.live()
    german = live.filter(locale__language_code="de").order_by("pk").first()
    german_keys = live.filter(locale__language_code="de").values("translation_key")
    english_only = (
        live.filter(locale__language_code="en")
        .exclude(translation_key__in=german_keys)
        .order_by("pk")
        .first()
    )
    return german, english_only


def live_languages(page):
    return set(
        MaterialPage.objects.live()
        .filter(translation_key=page.translation_key)
        .values_list("locale__language_code", flat=True)
    )


def test_engine_turns_a_response_into_an_outcome(
    backend, columns, translated_and_untranslated, django_assert_max_num_queries
):
    german, english_only = translated_and_untranslated
    backend.es.response = canned_response(
        [german, english_only],
        total=27,
        counts={"discipline": {"physics": 5, "mathematics": 3}, "country": {"DE": 2}},
        columns=columns,
        selected=("discipline", "licence"),
    )
    request = SearchRequest(
        language="de", query="licht", selections={"discipline": ("physics",), "licence": ("cc-by",)}
    )

    with django_assert_max_num_queries(1):  # locale ids; live languages come from the index
        outcome = ElasticsearchEngine(backend).search(request)

    assert len(backend.es.requests) == 1
    sent = backend.es.requests[0]
    assert sent["index"] == "stem_materials_wagtailcore_page"
    assert "post_filter" in sent["body"]
    assert outcome.total == 27
    assert outcome.counts["discipline"] == {"physics": 5, "mathematics": 3}
    assert outcome.counts["country"] == {"DE": 2}
    assert outcome.counts["age"] == {}
    assert outcome.counts["licence"] == {"cc-by": 0}  # selected, though nothing is left
    assert set(outcome.counts) == set(FACETS_BY_NAME)
    first, second = outcome.hits
    assert (first.page_id, first.is_fallback) == (german.pk, False)
    assert (second.page_id, second.is_fallback) == (english_only.pk, True)
    assert first.translation_key == german.translation_key
    assert isinstance(first.translation_key, uuid.UUID)
    assert first.languages == tuple(sorted(live_languages(german)))
    assert second.languages == ("en",)


def test_all_languages_shows_the_visitor_language_version(
    backend, columns, translated_and_untranslated
):
    german, english_only = translated_and_untranslated
    greek = MaterialPage.objects.live().get(
        translation_key=german.translation_key, locale__language_code="el"
    )
    backend.es.response = canned_response(
        [greek, english_only], total=90, counts={"age": {"6-10": 4}}, columns=columns, materials=41
    )

    outcome = ElasticsearchEngine(backend).search(SearchRequest(language="de", all_languages=True))

    assert outcome.total == 41  # distinct materials, not the 90 language versions
    assert outcome.counts["age"] == {"6-10": 3}  # the bucket's distinct materials
    shown, fallback = outcome.hits
    assert (shown.page_id, shown.is_fallback) == (german.pk, False)  # collapsed on Greek
    assert (fallback.page_id, fallback.is_fallback) == (english_only.pk, True)
    assert len(backend.es.requests) == 1


def test_downloads_orders_every_match_by_count_then_index_order(
    backend, columns, translated_and_untranslated
):
    german, english_only = translated_and_untranslated
    third = MaterialPage.objects.live().filter(locale__language_code="en").order_by("-pk")[0]
    MaterialDownloadCount.objects.create(translation_key=english_only.translation_key, count=9)
    MaterialDownloadCount.objects.create(translation_key=third.translation_key, count=9)
    backend.es.response = canned_response(
        [german, third, english_only], total=3, counts={}, columns=columns
    )

    outcome = ElasticsearchEngine(backend).search(SearchRequest(language="de", sort="downloads"))

    assert [hit.page_id for hit in outcome.hits] == [third.pk, english_only.pk, german.pk]
    assert backend.es.requests[0]["body"]["size"] == MAX_RESULT_WINDOW
    assert len(backend.es.requests) == 1


def client_json_default(value):
    """What the search clients' serializers add to JSON: UUIDs, dates and decimals."""
    if isinstance(value, uuid.UUID | datetime.date | decimal.Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def test_material_documents_serialise_to_json(translated_and_untranslated, columns):
    """The country field holds a django-countries Country, which no client encodes."""
    german, _ = translated_and_untranslated
    document = FoldingMapping(MaterialPage).get_document(german)
    assert document[columns.facet("country")] == german.country.code
    assert json.loads(json.dumps(document, default=client_json_default))["pk"] == str(german.pk)


class MergeRecorder:
    """An index whose client records the merge request, in either client's style."""

    def __init__(self, with_options: bool):
        self.name = "stem_materials_wagtailcore_page_abc"
        self.calls: list = []
        recorder = self

        class Indices:
            def forcemerge(self, **kwargs):
                recorder.calls.append(kwargs)

        class Client:
            indices = Indices()

        self.es = Client()
        if with_options:  # elasticsearch-py 8/9: the timeout goes through options()
            self.es.options = lambda **options: recorder.calls.append(options) or Client()


@pytest.mark.parametrize("with_options", [True, False])
def test_a_merge_asks_for_one_segment_with_a_long_timeout(with_options):
    index = MergeRecorder(with_options)
    merge_segments(index)
    merge = {"index": index.name, "max_num_segments": 1}
    if with_options:
        assert index.calls == [{"request_timeout": MERGE_TIMEOUT}, merge]
    else:  # opensearch-py takes it as a keyword of the call
        assert index.calls == [{**merge, "request_timeout": MERGE_TIMEOUT}]
    assert MERGE_TIMEOUT > 60
