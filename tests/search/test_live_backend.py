"""The search contract, run against a live Elasticsearch/OpenSearch when SEARCH_URL is
set (SEARCH_ENGINE picks the engine family, default elasticsearch8).

The materials of tests/search/corpus.py are built and indexed once for the module into
indices prefixed `<SEARCH_INDEX>_contract` (so a developer's own index is left alone), and
every case states behaviour a visitor sees through `search.engines.get_engine()`. Expected
values are read from the database, not written down, so the cases hold for any content and
for any engine: the database engine satisfies the same cases (stemming aside).
"""

from collections import defaultdict

import pytest

from django.conf import settings

from materials.models import MaterialDownloadCount, MaterialPage
from search.backends.elasticsearch import MergedRebuildMixin, merge_segments
from search.facets import FACETS
from search.query import PAGE_SIZE, SearchRequest
from search.text import fold
from tests.search.live import live_engine, require_live_search

require_live_search()
pytestmark = pytest.mark.django_db
SOURCE = settings.LANGUAGE_CODE


@pytest.fixture(scope="module")
def engine(corpus, django_db_setup, django_db_blocker):
    with live_engine("_contract", django_db_blocker) as engine:
        yield engine


def live_versions_by_key() -> dict:
    """translation_key -> language code -> live MaterialPage."""
    versions = defaultdict(dict)
    for page in MaterialPage.objects.live().select_related("locale"):
        versions[page.translation_key][page.locale.language_code] = page
    return versions


def shown_versions(language: str) -> dict:
    """The version a visitor of `language` sees of each material: theirs, else the source."""
    shown = {}
    for key, versions in live_versions_by_key().items():
        version = versions.get(language) or versions.get(SOURCE)
        if version is not None:
            shown[key] = version
    return shown


def source_materials() -> list[MaterialPage]:
    return list(MaterialPage.objects.live().filter(locale__language_code=SOURCE).order_by("pk"))


def every_hit(engine, **request):
    """The hits of every page of a search, in order."""
    first = engine.search(SearchRequest(**request))
    hits = list(first.hits)
    for page in range(2, -(-first.total // PAGE_SIZE) + 1):
        hits += engine.search(SearchRequest(**request, page=page)).hits
    return first, hits


# Scope: one result per material, in the visitor's language where it exists


@pytest.mark.parametrize("language", ["en", "de", "el"])
def test_browse_lists_every_material_once_in_the_visitors_language(engine, language):
    expected = shown_versions(language)
    outcome, hits = every_hit(engine, language=language)
    assert outcome.total == len(expected)
    assert {hit.translation_key: hit.page_id for hit in hits} == {
        key: page.pk for key, page in expected.items()
    }
    assert len(hits) == len(expected)  # no material twice


def test_untranslated_materials_are_found_in_the_source_language(engine):
    versions = live_versions_by_key()
    _, hits = every_hit(engine, language="de")
    fallbacks = {hit.translation_key for hit in hits if hit.is_fallback}
    assert fallbacks == {key for key, by_language in versions.items() if "de" not in by_language}
    assert fallbacks  # the corpus has untranslated materials
    for hit in hits:
        assert hit.languages == tuple(sorted(versions[hit.translation_key]))


def test_all_languages_counts_materials_and_shows_the_visitors_version(engine):
    versions = live_versions_by_key()
    outcome, hits = every_hit(engine, language="de", all_languages=True)
    assert outcome.total == len(versions)
    for hit in hits:
        by_language = versions[hit.translation_key]
        expected = by_language.get("de") or by_language[SOURCE]
        assert (hit.page_id, hit.is_fallback) == (expected.pk, "de" not in by_language)


def test_all_languages_finds_words_only_another_language_has(engine):
    greek_only = "Εκπαιδευτικοί"  # in Greek versions only
    in_scope = engine.search(SearchRequest(language="en", query=greek_only))
    everywhere = engine.search(SearchRequest(language="en", query=greek_only, all_languages=True))
    assert in_scope.total == 0
    assert everywhere.total > 0
    shown = shown_versions("en")
    for hit in everywhere.hits:  # shown in English, which every corpus material has
        assert (hit.page_id, hit.is_fallback) == (shown[hit.translation_key].pk, False)


# Text


def test_a_query_finds_a_known_material(engine):
    material = source_materials()[0]
    outcome = engine.search(SearchRequest(language="en", query=material.title))
    assert material.translation_key in {hit.translation_key for hit in outcome.hits}


@pytest.mark.parametrize(
    ("language", "accented", "plain"),
    [
        ("de", "Schüler", "schuler"),
        ("el", "Εκπαιδευτικοί", "εκπαιδευτικοι"),
        ("cs", "Učitelé", "ucitele"),
    ],
)
def test_accents_and_case_fold(engine, language, accented, plain):
    with_accents = engine.search(SearchRequest(language=language, query=accented))
    without = engine.search(SearchRequest(language=language, query=plain))
    assert with_accents.total == without.total > 0
    assert [hit.page_id for hit in with_accents.hits] == [hit.page_id for hit in without.hits]


def test_every_word_must_match(engine):
    material = source_materials()[0]
    words = material.title.split()
    assert engine.search(SearchRequest(language="en", query=f"{words[0]} qqxxzz")).total == 0


def test_stemming_finds_inflected_forms(engine):
    """Elasticsearch only: the database engine does not stem."""
    recipes = MaterialPage.objects.live().get(
        locale__language_code="en", slug="proportional-reasoning-with-recipes"
    )
    outcome = engine.search(SearchRequest(language="en", query="recipe"))
    assert recipes.translation_key in {hit.translation_key for hit in outcome.hits}


# Facets


def facts(page: MaterialPage) -> dict[str, set[str]]:
    """Facet -> the page's keys, read through the index field each facet declares."""
    found = {}
    for facet in FACETS:
        value = getattr(page, facet.index_field)
        value = value() if callable(value) else value
        if isinstance(value, list | tuple | set):
            found[facet.name] = {str(item) for item in value}
        else:  # a key, a code or a Country; empty when not set
            found[facet.name] = {str(value)} if value else set()
    return found


def most_common(facet: str, count: int) -> list[str]:
    tally = defaultdict(int)
    for page in source_materials():
        for value in facts(page)[facet]:
            tally[value] += 1
    return sorted(tally, key=lambda value: (-tally[value], value))[:count]


def test_counts_are_disjunctive(engine):
    browse = engine.search(SearchRequest(language="en"))
    discipline = most_common("discipline", 1)[0]
    selected = engine.search(SearchRequest(language="en", selections={"discipline": (discipline,)}))
    assert selected.counts["discipline"] == browse.counts["discipline"]  # its own: unchanged
    assert selected.total == browse.counts["discipline"][discipline]
    pages = [page for page in source_materials() if discipline in facts(page)["discipline"]]
    for band, count in selected.counts["age"].items():  # the others: under the selection
        assert count == sum(band in facts(page)["age"] for page in pages)


@pytest.mark.parametrize("facet", [facet.name for facet in FACETS])
def test_every_facet_counts_what_a_click_gives(engine, facet):
    """Browse counts per value equal the materials having it; selecting the most common
    value leaves its own facet's counts unchanged (disjunctive) and narrows the others."""
    pages = source_materials()
    expected = defaultdict(int)
    for page in pages:
        for value in facts(page)[facet]:
            expected[value] += 1
    browse = engine.search(SearchRequest(language="en"))
    assert browse.counts[facet] == dict(expected)

    value = most_common(facet, 1)[0]
    selected = engine.search(SearchRequest(language="en", selections={facet: (value,)}))
    assert selected.total == expected[value]
    assert selected.counts[facet] == browse.counts[facet]
    having = [page for page in pages if value in facts(page)[facet]]
    for other in FACETS:
        if other.name == facet:
            continue
        narrowed = defaultdict(int)
        for page in having:
            for key in facts(page)[other.name]:
                narrowed[key] += 1
        assert selected.counts[other.name] == dict(narrowed), other.name


def test_or_within_a_facet_and_across_facets(engine):
    disciplines = most_common("discipline", 2)
    band = most_common("age", 1)[0]
    pages = source_materials()
    either = [page for page in pages if facts(page)["discipline"] & set(disciplines)]
    both_facets = [page for page in either if band in facts(page)["age"]]

    outcome = engine.search(
        SearchRequest(language="en", selections={"discipline": tuple(disciplines)})
    )
    assert outcome.total == len(either)
    assert outcome.counts["age"][band] == len(both_facets)

    narrowed = engine.search(
        SearchRequest(language="en", selections={"discipline": tuple(disciplines), "age": (band,)})
    )
    assert narrowed.total == len(both_facets)
    assert {hit.translation_key for hit in narrowed.hits} <= {
        page.translation_key for page in both_facets
    }


def test_pupil_age_keeps_materials_whose_range_includes_it(engine):
    expected = [page for page in source_materials() if page.age_min <= 8 <= page.age_max]
    outcome = engine.search(SearchRequest(language="en", pupil_age=8))
    assert outcome.total == len(expected)
    assert sum(outcome.counts["age"].values()) >= outcome.total > 0


# Order and paging


def test_relevance_puts_the_exact_title_first(engine, corpus):
    # The corpus's longest title: the most specific, whatever else the database holds (the
    # demo, in a whole-suite run).
    title = max(corpus.english, key=len)
    material = MaterialPage.objects.get(pk=corpus.english[title])
    outcome = engine.search(SearchRequest(language="en", query=material.title))
    assert outcome.hits[0].translation_key == material.translation_key


def test_pages_cover_every_material_once_up_to_the_edges(engine):
    expected = shown_versions("en")
    last = -(-len(expected) // PAGE_SIZE)
    assert last >= 2  # the corpus has more than one page of materials
    first = engine.search(SearchRequest(language="en", sort="title"))
    assert len(first.hits) == PAGE_SIZE
    final = engine.search(SearchRequest(language="en", sort="title", page=last))
    assert len(final.hits) == len(expected) - PAGE_SIZE * (last - 1)
    beyond = engine.search(SearchRequest(language="en", sort="title", page=last + 1))
    assert (beyond.hits, beyond.total) == ([], len(expected))
    _, hits = every_hit(engine, language="en", sort="title")
    assert sorted(hit.page_id for hit in hits) == sorted(page.pk for page in expected.values())


@pytest.mark.parametrize("sort", ["relevance", "newest", "title", "downloads"])
def test_every_sort_pages_without_repeats_or_gaps(engine, sort):
    expected = shown_versions("de")
    outcome, hits = every_hit(engine, language="de", sort=sort)
    assert outcome.total == len(expected) == len(hits)
    assert {hit.translation_key for hit in hits} == set(expected)


@pytest.mark.parametrize("language", ["en", "de"])
def test_newest_materials_first_in_every_language(engine, language):
    """By when the material was first published (its source version), not the version
    shown: a translation published today does not make an old material new."""
    _, hits = every_hit(engine, language=language, sort="newest")
    source = {page.translation_key: page.first_published_at for page in source_materials()}
    dates = [source[hit.translation_key] for hit in hits]
    assert dates == sorted(dates, reverse=True)


def test_title_order_ignores_case_and_accents(engine):
    outcome = engine.search(SearchRequest(language="de", sort="title"))
    titles = MaterialPage.objects.in_bulk([hit.page_id for hit in outcome.hits])
    folded = [fold(titles[hit.page_id].title) for hit in outcome.hits]
    assert folded == sorted(folded)


def test_most_downloaded_first(engine):
    popular, runner_up = source_materials()[-2:]
    for material, count in ((popular, 10**9), (runner_up, 10**9 - 1)):
        MaterialDownloadCount.objects.update_or_create(
            translation_key=material.translation_key, defaults={"count": count}
        )
    outcome = engine.search(SearchRequest(language="en", sort="downloads"))
    assert [hit.page_id for hit in outcome.hits[:2]] == [popular.pk, runner_up.pk]
    assert outcome.total == len(shown_versions("en"))


# Robustness


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "NEAR(",
        "*",
        "-",
        "^2",
        "()",
        "AND OR NOT",
        "a" * 1000,
        "title:physics",
        "' OR 1=1 --",
        "🙂 ∑ ∞",
        '{"query": {}}',
        "\\",
    ],
)
def test_bad_input_does_not_raise(engine, query):
    outcome = engine.search(SearchRequest(language="de", query=query))
    assert outcome.total >= 0


def test_unknown_language_facet_and_far_pages_do_not_raise(engine):
    assert engine.search(SearchRequest(language="xx")).total >= 0
    assert engine.search(SearchRequest(language="en", selections={"colour": ("red",)})).total > 0
    far = engine.search(SearchRequest(language="en", page=10**6))
    assert far.hits == []
    assert far.total == len(shown_versions("en"))


# The index's shape


def search_segments(engine, model) -> list[int]:
    """Segments each shard copy searches, for the index (or alias) of `model`."""
    index = engine.backend.get_index_for_model(model)
    answer = engine.backend.es.indices.segments(index=index.name)
    answer = getattr(answer, "body", answer)  # elasticsearch-py's ApiResponse
    return [
        copy["num_search_segments"]
        for details in answer["indices"].values()
        for copies in details["shards"].values()
        for copy in copies
    ]


def test_a_merge_leaves_one_segment_with_every_document(engine):
    """A full rebuild ends with this merge (update_index); writes in separate refreshes
    leave a segment each, and searching visits every segment."""
    index = engine.backend.get_index_for_model(MaterialPage)
    before = engine.search(SearchRequest(language=SOURCE)).total
    for page in source_materials()[:2]:
        engine.backend.add(page)
        index.refresh()
    assert max(search_segments(engine, MaterialPage)) > 1
    merge_segments(index)
    index.refresh()
    assert search_segments(engine, MaterialPage) == [1]
    assert engine.search(SearchRequest(language=SOURCE)).total == before


def test_a_full_rebuild_merges_before_visitors_see_the_new_index(engine):
    rebuilder = engine.backend.rebuilder_class
    assert issubclass(rebuilder, MergedRebuildMixin), rebuilder
