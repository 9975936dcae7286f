"""No query string breaks the search page (/<lang>/search/, also the material index page)
or the JSON API (/api/search/): engine syntax, huge or control-character text, NUL and
non-UTF-8 bytes, unknown facet values, bad ages and pages, repeated parameters. Each
answers 200 (results, or a clear message) or 400 (a message naming the field, the form
still shown), never 500, and within a second on the materials of tests/search/corpus.py.

Explicit cases first, then hypothesis properties over arbitrary input."""

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.facets import FACETS
from search.forms import MAX_QUERY_LENGTH
from search.text import clean_query
from search.vocabulary import current_vocabulary

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("corpus")]

SEARCH_PAGE = "/en/search/"
INDEX_PAGE = "/en/materials/"
API = "/api/search/"

FACET_NAMES = [facet.name for facet in FACETS]
FIELD_NAMES = ["q", "pupil_age", "all_languages", "sort", "page"]
PARTNER_CODES = [code for code, _name in settings.LANGUAGES]

ALERT = re.compile(r'<div class="search__messages" role="alert">(.*?)</div>', re.DOTALL)
RESULTS_HEADING = 'id="results-heading"'
# Characters that mean something to FTS5, PostgreSQL tsquery or Lucene query syntax.
SYNTAX = ['"', "'", "(", ")", "*", "-", "+", "^", ":", "~", "\\", "&", "|", "!", "<->", "%"]
SYNTAX_WORDS = ["NEAR(", "NEAR", "OR", "AND", "NOT", "near", "or", '""', "a*", "-a", "^2"]

# A hostile request costs no more queries than an ordinary search: a bound on work that
# does not depend on how busy the machine is (speed is measured in `make bench`).
QUERY_LIMIT = 20


def bounded_get(client, url: str):
    """GET `url` twice, asserting the second answers within QUERY_LIMIT database queries:
    the first builds the per-language caches (vocabulary, work index) any request builds."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert len(queries) <= QUERY_LIMIT, f"{url[:200]} ran {len(queries)} queries"
    return response


@pytest.fixture
def web(client):
    return client


def api_url(query_string: str, lang: str = "en") -> str:
    return f"{API}?lang={lang}" + (f"&{query_string}" if query_string else "")


def page_url(base: str, query_string: str) -> str:
    return f"{base}?{query_string}" if query_string else base


def qs(**params) -> str:
    """A query string with every character percent-encoded as a browser would."""
    return urlencode(params, quote_via=quote)


def alert_text(response) -> str:
    found = ALERT.search(response.content.decode())
    assert found, "no role=alert message"
    return found.group(1)


def check_html(response, status: int, error_field: str | None = None) -> str:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    # The search form is always there, so the visitor can correct the search.
    assert 'role="search"' in html
    assert 'name="q"' in html
    assert RESULTS_HEADING in html
    if status == 400:
        alert = alert_text(response)
        form = response.context["form"]
        assert form.errors
        if error_field:
            assert error_field in form.errors
            assert f'href="#id_{error_field}"' in alert
            alert_words = unescape(re.sub("<[^>]+>", "", alert))
            for message in form.errors[error_field]:
                assert str(message) in alert_words
    return html


def check_json(response, status: int, error_field: str | None = None) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    if status == 400:
        assert isinstance(data["errors"], dict)
        assert data["errors"]
        if error_field:
            assert error_field in data["errors"]
        for messages in data["errors"].values():
            assert messages
            assert all(isinstance(message, str) and message for message in messages)
    else:
        assert isinstance(data["total"], int)
        assert isinstance(data["results"], list)
        assert [facet["name"] for facet in data["facets"]] == FACET_NAMES
        assert isinstance(data["ignored"], list)
        assert len(data["results"]) <= data["page_size"]
    return data


@dataclass(frozen=True)
class Case:
    id: str
    query_string: str
    status: int = 200
    error_field: str | None = None  # the field a 400 names
    ignored: list = field(default_factory=list)  # JSON "ignored" on a 200
    query: str | None = None  # JSON "query" on a 200, when checked
    applied: dict | None = None  # JSON "applied" on a 200, when checked
    page: int | None = None


def q_case(id, text, status=200, query=None):
    error = "q" if status == 400 else None
    return Case(id, qs(q=text), status, error, query=query)


QUERY_CASES = [
    q_case("empty-quotes", '""', query='""'),
    q_case("lone-quote", '"'),
    q_case("unbalanced-quote", '"physics'),
    q_case("unbalanced-quote-end", 'physics"'),
    q_case("near-open", "NEAR("),
    q_case("near-unclosed", "NEAR(physics chemistry"),
    q_case("near-distance", "NEAR(physics chemistry, 2)"),
    q_case("star", "*"),
    q_case("prefix-star", "phys*"),
    q_case("minus", "-"),
    q_case("minus-word", "-physics"),
    q_case("or", "OR"),
    q_case("and", "AND"),
    q_case("not", "NOT"),
    q_case("caret", "^"),
    q_case("caret-boost", "physics^2"),
    q_case("operators", "physics OR chemistry AND NOT biology"),
    q_case("all-syntax", '"" OR "" AND ^ * - NEAR( ) : ~ \\ & | ! <->'),
    q_case("column-filter", "title:physics"),
    q_case("parentheses", "((physics)"),
    q_case("backslash", "\\"),
    q_case("apostrophe", "'"),
    q_case("tsquery", "a & b | !c <-> d:*"),
    q_case("lucene", "physics~2 +chemistry [a TO z] {x}"),
    q_case("percent", "%"),
    q_case("html", "<script>alert(1)</script>", query="<script>alert(1)</script>"),
    q_case("10000-chars", "x" * 10_000, 400),
    q_case("10000-syntax", '"NEAR(*-^' * 1_250, 400),
    q_case("words-over-limit", "word " * 2_000, 400),
    q_case("501-chars", "a" * (MAX_QUERY_LENGTH + 1), 400),
    q_case("500-chars", "a" * MAX_QUERY_LENGTH),
    q_case("10000-spaces", " " * 10_000, query=""),
    q_case("10000-nul", "\x00" * 10_000, query=""),
    q_case("nul", "\x00", query=""),
    q_case("nul-inside", "phys\x00ics", query="phys ics"),
    q_case("nul-after", "physics\x00", query="physics"),
    q_case("control", "\x01\x02\x1b[31m\x1f\x7f\x85\x9f", query="[31m"),
    q_case("whitespace-controls", "\t\n\r\x0b\x0c", query=""),
    q_case(
        "unicode", "Μαθηματικά příroda Schüler 数学 😀", query="Μαθηματικά příroda Schüler 数学 😀"
    ),
    q_case("combining", "e\u0301" * 100),
    q_case("rtl-and-zero-width", "\u202e\u200b\ufeffphysics"),
    q_case("fullwidth", "ｐｈｙｓｉｃｓ １２"),
    Case("percent-nul", "q=%00", query=""),
    Case("percent-nul-inside", "q=a%00b", query="a b"),
    Case("non-utf8", "q=%ff%fe", query="\ufffd\ufffd"),
    Case("non-utf8-long", "q=" + "%ff" * 500),
    Case("bad-percent", "q=%zz%", query="%zz%"),
    Case("no-value", "q"),
    Case("no-name", "=physics"),
    Case("empty", "q="),
    Case("ampersands", "&&&=&"),
]

FACET_CASES = [
    *[
        Case(f"unknown-{name}", qs(**{name: "no-such-value"}), ignored=[[name, "no-such-value"]])
        for name in FACET_NAMES
    ],
    Case("lower-case-country", "country=de", applied={"country": ["DE"]}),
    Case("script-value", qs(type="<b>x</b>"), ignored=[["type", "<b>x</b>"]]),
    Case(
        "very-long-value",
        qs(discipline="x" * 10_000),
        ignored=[["discipline", "x" * 100]],  # reported cut to 100 characters
    ),
    Case("nul-value", "discipline=%00", applied={}),  # nothing left after cleaning
    Case("nul-in-value", "discipline=phys%00ics", ignored=[["discipline", "phys ics"]]),
    Case("nul-after-value", "discipline=physics%00", applied={"discipline": ["physics"]}),
    Case("non-utf8-value", "licence=%ff%fe", ignored=[["licence", "\ufffd\ufffd"]]),
    Case(
        "known-and-unknown", "discipline=physics&discipline=nope", ignored=[["discipline", "nope"]]
    ),
    Case(
        "1000-repeated-known",
        urlencode([("discipline", "physics")] * 1_000),
        applied={"discipline": ["physics"]},
    ),
    Case(
        "1000-repeated-unknown",
        urlencode([("country", f"X{i}") for i in range(1_000)]),
        ignored=[["country", f"X{i}"] for i in range(1_000)],
    ),
    Case(
        "1000-mixed",
        urlencode([(FACET_NAMES[i % len(FACET_NAMES)], f"v{i % 7}") for i in range(1_000)]),
        # Reported facet by facet, in the order of FACETS.
        ignored=sorted(
            ([FACET_NAMES[i % len(FACET_NAMES)], f"v{i % 7}"] for i in range(1_000)),
            key=lambda pair: FACET_NAMES.index(pair[0]),
        ),
    ),
    Case("unknown-parameter", "foo=bar&%00=%00&q[]=a&facet=physics", query=""),
]

AGE_CASES = [
    Case("age-text", "pupil_age=abc", 400, "pupil_age"),
    Case("age-negative", "pupil_age=-1", 400, "pupil_age"),
    Case("age-100", "pupil_age=100", 400, "pupil_age"),
    Case("age-fraction", "pupil_age=7.5", 400, "pupil_age"),
    Case("age-exponent", "pupil_age=1e1", 400, "pupil_age"),
    Case("age-huge", "pupil_age=" + "9" * 5_000, 400, "pupil_age"),
    Case("age-nul", "pupil_age=%00", 400, "pupil_age"),
    Case("age-nul-after", "pupil_age=7%00", 400, "pupil_age"),
    Case("age-non-utf8", "pupil_age=%ff%fe", 400, "pupil_age"),
    Case("age-double-minus", "pupil_age=--1", 400, "pupil_age"),
    Case("age-empty", "pupil_age=", applied={}),
    Case("age-0", "pupil_age=0", applied={"pupil_age": 0}),
    Case("age-99", "pupil_age=99", applied={"pupil_age": 99}),
    Case("all-languages-junk", "all_languages=%00%ff"),
    Case("all-languages-false", "all_languages=false"),
]

PAGE_CASES = [
    Case("page-999999", "page=999999", 400, "page"),
    Case("page-minus-1", "page=-1", 400, "page"),
    Case("page-0", "page=0", 400, "page"),
    Case("page-10001", "page=10001", 400, "page"),
    Case("page-text", "page=last", 400, "page"),
    Case("page-nul", "page=%00", 400, "page"),
    Case("page-non-utf8", "page=%ff%fe", 400, "page"),
    Case("page-huge", "page=" + "1" * 5_000, 400, "page"),
    Case("page-10000", "page=10000", page=10_000),  # past the last page: 200, a message
    Case("page-2", "page=2", page=2),
    Case("sort-unknown", "sort=popular", 400, "sort"),
    Case("sort-upper-case", "sort=TITLE", 400, "sort"),
    Case("sort-nul", "sort=%00", 400, "sort"),
    Case("sort-non-utf8", "sort=%ff%fe", 400, "sort"),
    Case("sort-empty", "sort="),
    *[
        Case(f"sort-{sort}", f"sort={sort}")
        for sort in ("relevance", "newest", "title", "downloads")
    ],
]

REPEATED_CASES = [
    Case("q-twice", "q=a&q=b", query="b"),
    Case(
        "facet-twice", "discipline=physics&discipline=physics", applied={"discipline": ["physics"]}
    ),
    Case("page-twice", "page=1&page=2", page=2),
    Case("page-bad-then-good", "page=-1&page=1", page=1),
    Case("page-good-then-bad", "page=1&page=-1", 400, "page"),
    Case("sort-good-then-bad", "sort=title&sort=bogus", 400, "sort"),
    Case("age-bad-then-good", "pupil_age=abc&pupil_age=7", applied={"pupil_age": 7}),
    Case("age-good-then-bad", "pupil_age=7&pupil_age=abc", 400, "pupil_age"),
    Case("two-bad-fields", "pupil_age=-1&page=0&sort=x", 400, "page"),
]

# Words long enough to reach the length limit with engine syntax in between: every one
# is a term of the full-text query.
MAX_LENGTH_WORD_CASES = [
    q_case("500-chars-of-one-letter-words", "a " * 250),
    q_case("500-chars-of-prefix-words", "a* " * 166),
    q_case("500-chars-of-or", "a OR " * 100),
    q_case("500-chars-of-quoted-words", '"a" ' * 125),
    q_case("500-chars-of-distinct-letters", " ".join("abcdefghijklmnopqrstuvwxyz" * 10)[:500]),
]

CASES = QUERY_CASES + FACET_CASES + AGE_CASES + PAGE_CASES + REPEATED_CASES
ALL_CASES = CASES + MAX_LENGTH_WORD_CASES


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda case: case.id)
def test_api(web, case):
    data = check_json(bounded_get(web, api_url(case.query_string)), case.status, case.error_field)
    if case.status == 400:
        return
    assert [[item["facet"], item["value"]] for item in data["ignored"]] == case.ignored
    if case.query is not None:
        assert data["query"] == case.query
    if case.applied is not None:
        assert data["applied"] == case.applied
    if case.page is not None:
        assert data["page"] == case.page
        if case.page > data["pages"]:
            assert data["results"] == []
    assert not re.search(r"[\x00-\x1f\x7f-\x9f]", data["query"])


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda case: case.id)
def test_search_page(web, case):
    response = bounded_get(web, page_url(SEARCH_PAGE, case.query_string))
    html = check_html(response, case.status, case.error_field)
    if case.status == 200 and case.ignored:
        alert = alert_text(response)
        assert "These filters no longer exist" in alert
        for _name, value in case.ignored[:5]:
            assert f"<code>{value}</code>" in unescape(alert)
    # Whatever was typed is escaped where it is echoed.
    assert "<script>alert(1)" not in html
    assert "<b>x</b>" not in html


@pytest.mark.parametrize(
    "case",
    [case for case in CASES if case.status == 400 or case.ignored or case.page],
    ids=lambda case: case.id,
)
def test_material_index_page(web, case):
    """The material index serves the same search, with the same answers."""
    check_html(
        bounded_get(web, page_url(INDEX_PAGE, case.query_string)), case.status, case.error_field
    )


@pytest.mark.parametrize("base", [SEARCH_PAGE, INDEX_PAGE])
def test_past_the_last_page_says_how_many_pages(web, base):
    pages = json.loads(web.get(api_url("")).content)["pages"]
    response = bounded_get(web, page_url(base, f"page={pages + 1}"))
    check_html(response, 200)
    assert f"There are only {pages} pages of results." in alert_text(response)


@pytest.mark.parametrize("language", PARTNER_CODES)
@pytest.mark.parametrize("query_string", ["pupil_age=abc", "page=-1", "sort=%00"])
def test_messages_in_every_language(web, language, query_string):
    field_name = query_string.split("=")[0]
    response = bounded_get(web, f"/{language}/search/?{query_string}")
    check_html(response, 400, field_name)
    check_json(bounded_get(web, api_url(query_string, language)), 400, field_name)


@pytest.mark.parametrize(
    ("lang", "status"),
    [
        ("en", 200),
        ("", 200),  # the default language
        ("%00", 400),
        ("en%00", 400),
        ("%ff%fe", 400),
        ("EN", 400),
        ("xx", 400),
        ("en-gb", 400),
        ("x" * 10_000, 400),
        ("en&lang=xx", 400),  # the last one counts
        ("xx&lang=en", 200),
    ],
)
def test_api_language(web, lang, status):
    data = check_json(bounded_get(web, f"{API}?lang={lang}"), status, "lang")
    if status == 400:
        assert list(data["errors"]) == ["lang"]
        assert len(data["errors"]["lang"][0]) < 100  # the bad code is not echoed in full


def test_repeated_facet_counts_once(web):
    once = json.loads(bounded_get(web, api_url("discipline=physics")).content)
    twice = json.loads(bounded_get(web, api_url("discipline=physics&discipline=physics")).content)
    thousand = json.loads(
        bounded_get(web, api_url(urlencode([("discipline", "physics")] * 1_000))).content
    )
    assert once["total"] == twice["total"] == thousand["total"] > 0
    assert once["facets"] == twice["facets"] == thousand["facets"]


def test_more_fields_than_django_accepts_is_a_400(web):
    """Past DATA_UPLOAD_MAX_NUMBER_FIELDS Django refuses the request itself."""
    too_many = urlencode([("discipline", "physics")] * (settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    assert bounded_get(web, page_url(SEARCH_PAGE, too_many)).status_code == 400
    assert bounded_get(web, api_url(too_many)).status_code == 400


# Hypothesis properties --------------------------------------------------------------

PROPERTY_SETTINGS = {
    "deadline": None,
    "database": None,  # nothing written into the working tree
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}

# Any character a URL can carry: no lone surrogates, which UTF-8 cannot encode.
characters = st.characters(exclude_categories=("Cs",))
any_text = st.text(characters, max_size=600)
syntax_text = st.lists(
    st.one_of(st.sampled_from(SYNTAX + SYNTAX_WORDS), st.text(characters, max_size=8)),
    max_size=40,
).map(" ".join)
queries = st.one_of(any_text, syntax_text, st.text(st.characters(max_codepoint=0x9F), max_size=50))

numbers = st.integers(-(10**12), 10**12).map(str)
values = st.one_of(
    any_text,
    numbers,
    st.sampled_from(
        ["", "0", "1", "2", "99", "100", "-1", "999999", "1.5", "1e3", "true", "false", "en"]
        + ["relevance", "newest", "title", "downloads", "physics", "cc-by", "DE", "3-6"]
        + SYNTAX_WORDS
    ),
)
names = st.one_of(
    st.sampled_from(FIELD_NAMES + FACET_NAMES + ["lang"]),
    st.text(characters, max_size=12),
)
pairs = st.lists(st.tuples(names, values), max_size=25)


def check_any_html(response):
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert 'role="search"' in html
    assert RESULTS_HEADING in html
    if response.status_code == 400:
        assert "<li>" in alert_text(response)


def check_any_json(response) -> dict:
    assert response.status_code in (200, 400)
    data = json.loads(response.content)
    if response.status_code == 400:
        assert data["errors"]
        assert set(data["errors"]) <= {*FIELD_NAMES, "lang"}
        assert all(messages for messages in data["errors"].values())
    else:
        assert isinstance(data["total"], int)
        assert isinstance(data["results"], list)
        assert [facet["name"] for facet in data["facets"]] == FACET_NAMES
        for item in data["ignored"]:
            assert item["facet"] in FACET_NAMES
            assert 0 < len(item["value"]) <= 100
        selected = {
            (facet["name"], value["key"])
            for facet in data["facets"]
            for value in facet["values"]
            if value["selected"]
        }
        applied = {
            (name, value)
            for name, chosen in data["applied"].items()
            if name in FACET_NAMES
            for value in chosen
        }
        assert selected == applied
    return data


@hypothesis_settings(max_examples=100, **PROPERTY_SETTINGS)
@given(q=queries)
def test_property_any_words_api(web, q):
    data = check_any_json(bounded_get(web, api_url(urlencode({"q": q}))))
    cleaned = clean_query(q)
    # Words are only ever refused for their length.
    if len(cleaned) > MAX_QUERY_LENGTH:
        assert list(data["errors"]) == ["q"]
    else:
        assert data["query"] == cleaned


@hypothesis_settings(max_examples=40, **PROPERTY_SETTINGS)
@given(q=queries)
def test_property_any_words_page(web, q):
    response = bounded_get(web, page_url(SEARCH_PAGE, urlencode({"q": q})))
    check_any_html(response)
    assert response.status_code == (400 if len(clean_query(q)) > MAX_QUERY_LENGTH else 200)


@hypothesis_settings(max_examples=120, **PROPERTY_SETTINGS)
@given(params=pairs)
def test_property_any_parameters_api(web, params):
    response = bounded_get(web, f"{API}?{urlencode(params)}")
    languages = [value for name, value in params if name == "lang"]
    if languages and languages[-1] and languages[-1] not in PARTNER_CODES:
        assert response.status_code == 400
        assert list(json.loads(response.content)["errors"]) == ["lang"]
    check_any_json(response)


@hypothesis_settings(max_examples=40, **PROPERTY_SETTINGS)
@given(params=pairs)
def test_property_any_parameters_page(web, params):
    check_any_html(bounded_get(web, page_url(SEARCH_PAGE, urlencode(params))))


@hypothesis_settings(max_examples=40, **PROPERTY_SETTINGS)
@given(data=st.data())
def test_property_facet_order_does_not_matter(web, data):
    """The same selections in another parameter order find the same materials with the
    same counts."""
    vocabulary = current_vocabulary()
    known = [
        (name, value)
        for name in FACET_NAMES
        for value, _label in vocabulary.labelled_values(name, "en")
    ]
    selection = st.one_of(
        st.sampled_from(known),
        st.tuples(st.sampled_from(FACET_NAMES), st.text(characters, max_size=5)),
    )
    others = st.sampled_from(
        [
            ("pupil_age", "8"),
            ("q", "physics"),
            ("q", "a"),
            ("sort", "title"),
            ("all_languages", "1"),
        ]
    )
    params = data.draw(st.lists(st.one_of(selection, selection, others), max_size=12))
    reordered = data.draw(st.permutations(params))
    # Non-facet parameters keep their relative order: the last one counts.
    rest = iter([pair for pair in params if pair[0] not in FACET_NAMES])
    reordered = [pair if pair[0] in FACET_NAMES else next(rest) for pair in reordered]

    first = check_any_json(bounded_get(web, api_url(urlencode(params))))
    second = check_any_json(bounded_get(web, api_url(urlencode(reordered))))
    assert first.keys() == second.keys()
    if "errors" in first:
        assert first == second
        return
    assert first["total"] == second["total"]
    assert [result["id"] for result in first["results"]] == [r["id"] for r in second["results"]]

    def counts(payload):
        return {
            (facet["name"], value["key"]): (value["count"], value["selected"])
            for facet in payload["facets"]
            for value in facet["values"]
        }

    assert counts(first) == counts(second)
    assert {name: set(v) if isinstance(v, list) else v for name, v in first["applied"].items()} == {
        name: set(v) if isinstance(v, list) else v for name, v in second["applied"].items()
    }
    assert Counter(map(str, first["ignored"])) == Counter(map(str, second["ignored"]))
