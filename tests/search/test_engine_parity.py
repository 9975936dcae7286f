"""The engines agree: the same request gives the same total, the same hits in the same
order and the same facet counts from the database engine (SQLite FTS5 or PostgreSQL,
whichever the suite runs on) and from the live Elasticsearch/OpenSearch.

Text queries are compared as sets with stemming aside: every material the database finds
the search engine finds too (the engines stem differently).
"""

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from django.conf import settings
from django.test import override_settings

from wagtail.search.backends import get_search_backend

from materials.models import MaterialDownloadCount, MaterialPage
from repo_site.settings.search import search_backend_settings
from search.engines.database import DatabaseEngine
from search.facets import FACETS
from search.query import PAGE_SIZE, SearchRequest
from tests.search.live import live_engine, require_live_search
from tests.search.test_bad_input import check_any_json, pairs

require_live_search()
pytestmark = pytest.mark.django_db


def database_backends() -> dict:
    """The site's search settings without SEARCH_URL: SQLite FTS5 or PostgreSQL."""
    return {
        "default": search_backend_settings(
            search_url=None,
            engine="",
            index_name="",
            database_engine=settings.DATABASES["default"]["ENGINE"],
        )
    }


@pytest.fixture(scope="module")
def engines(corpus, django_db_setup, django_db_blocker):
    """Both engines over the materials of tests/search/corpus.py."""
    with live_engine("_contract_parity", django_db_blocker) as live:
        database = get_search_backend(database_backends()["default"]["BACKEND"])
        yield DatabaseEngine(database), live


def most_common(engine, facet: str, rank: int = 0) -> str:
    counts = engine.search(SearchRequest(language="en")).counts[facet]
    return sorted(counts, key=lambda value: (-counts[value], value))[rank]


def requests(database) -> dict[str, SearchRequest]:
    """Browse, filter and sort requests, with values read from the data."""
    discipline = most_common(database, "discipline")
    second = most_common(database, "discipline", 1)
    band = most_common(database, "age")
    cases = {
        f"browse-{language}": SearchRequest(language=language) for language in ["en", "de", "el"]
    }
    for facet in FACETS:
        value = most_common(database, facet.name)
        cases[f"{facet.name}-de"] = SearchRequest(language="de", selections={facet.name: (value,)})
    cases |= {
        "two-disciplines-and-a-band": SearchRequest(
            language="en", selections={"discipline": (discipline, second), "age": (band,)}
        ),
        "nothing-left": SearchRequest(
            language="en", selections={"discipline": (discipline,), "licence": ("no-such",)}
        ),
        "pupil-age-8": SearchRequest(language="en", pupil_age=8),
        "pupil-age-16-physics": SearchRequest(
            language="nl", pupil_age=16, selections={"discipline": (discipline,)}
        ),
        "newest-de": SearchRequest(language="de", sort="newest"),
        "title-de": SearchRequest(language="de", sort="title"),
        "title-el": SearchRequest(language="el", sort="title"),
        "downloads-en": SearchRequest(language="en", sort="downloads"),
        "used-de": SearchRequest(language="de", sort="used"),
        "used-in-pd-by-use-en": SearchRequest(
            language="en", sort="used", selections={"used": ("yes",), "age": (band,)}
        ),
        "page-2-en": SearchRequest(language="en", page=2),
        "all-languages-de": SearchRequest(language="de", all_languages=True),
        "all-languages-de-filtered": SearchRequest(
            language="de", all_languages=True, selections={"discipline": (discipline,)}
        ),
        "no-locale-yet": SearchRequest(language="xx"),
        "accessible-and-hazard-free-de": SearchRequest(
            language="de",
            selections={
                "feature": (most_common(database, "feature"), most_common(database, "feature", 1)),
                "hazard": ("none",),
            },
        ),
        "hazard-free-all-languages-el": SearchRequest(
            language="el",
            all_languages=True,
            selections={"hazard": ("noFlashingHazard",), "discipline": (discipline,)},
        ),
    }
    return cases


CASES = [
    "browse-en", "browse-de", "browse-el",
    *[f"{facet.name}-de" for facet in FACETS],
    "two-disciplines-and-a-band", "nothing-left", "pupil-age-8", "pupil-age-16-physics",
    "newest-de", "title-de", "title-el", "downloads-en", "used-de", "used-in-pd-by-use-en",
    "page-2-en",
    "all-languages-de", "all-languages-de-filtered", "no-locale-yet",
    "accessible-and-hazard-free-de", "hazard-free-all-languages-el",
]  # fmt: skip


@pytest.fixture
def downloads(db):
    """Distinct download counts on a few materials, so the downloads sort has an order."""
    pages = MaterialPage.objects.live().filter(locale__language_code="en").order_by("pk")
    for count, page in enumerate(pages[:5], start=1):
        MaterialDownloadCount.objects.update_or_create(
            translation_key=page.translation_key, defaults={"count": count * 7}
        )


def as_compared(outcome):
    return {
        "total": outcome.total,
        "hits": [(hit.page_id, hit.is_fallback, hit.languages) for hit in outcome.hits],
        "counts": outcome.counts,
    }


@pytest.mark.parametrize("case", CASES)
def test_the_engines_give_the_same_answer(engines, downloads, case):
    database, live = engines
    request = requests(database)[case]
    assert as_compared(live.search(request)) == as_compared(database.search(request))


@pytest.mark.parametrize(
    ("language", "query"),
    [("en", "energy"), ("en", "pupils teachers"), ("de", "Lehrkräfte"), ("el", "μαθηματικά")],
)
def test_what_the_database_finds_the_search_engine_finds(engines, language, query):
    database, live = engines
    for all_languages in (False, True):
        request = {"language": language, "query": query, "all_languages": all_languages}
        expected = every_page_id(database, request)
        assert expected, "the query finds something in the corpus"
        assert expected <= every_page_id(live, request)


def every_page_id(engine, request: dict) -> set[int]:
    """The shown pages of every page of results (relevance orders differ by engine)."""
    first = engine.search(SearchRequest(**request))
    found = {hit.page_id for hit in first.hits}
    for page in range(2, -(-first.total // PAGE_SIZE) + 1):
        found |= {hit.page_id for hit in engine.search(SearchRequest(**request, page=page)).hits}
    return found


@hypothesis_settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(params=pairs)
def test_any_query_string_gets_the_same_answer_status_from_both_engines(engines, client, params):
    """Oversized and malformed input behaves on the live engine as on the database: the
    same status and the same errors (the site searches with the live engine here)."""
    url = "/api/search/?" + urlencode(params)
    live = client.get(url)
    with override_settings(WAGTAILSEARCH_BACKENDS=database_backends()):
        database = client.get(url)
    check_any_json(live)
    assert live.status_code == database.status_code
    if live.status_code == 400:
        assert live.json()["errors"] == database.json()["errors"]
