"""The search page and the material index: words, languages, sorting, chips, paging."""

from html import unescape

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from materials.models import MaterialDownloadCount, MaterialPage
from tests.factories import MaterialPageFactory
from tests.materials.builders import publish
from tests.search.corpus import GERMAN_ONLY_WORD
from tests.search.helpers import api

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("corpus")]


def titles(payload):
    return [result["title"] for result in payload["results"]]


def test_words_find_materials_and_title_matches_rank_first(client):
    payload = api(client, lang="en", q="titration")
    assert payload["total"] >= 1
    assert "Titration" in payload["results"][0]["title"]


def test_every_word_must_match(client):
    one = api(client, lang="en", q="robots")
    both = api(client, lang="en", q="robots titration")
    assert one["total"] >= 1 and both["total"] == 0


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("de", "boden", "Gesteine und Böden"),  # ö folded
        ("de", "KOSTENGUNSTIGEN", "kostengünstigen Wasserfilter"),
        ("cs", "predpovez", "předpověz"),  # ř, ě folded
        ("el", "ηλεκτρικα κυκλωματα", "Ηλεκτρικά κυκλώματα"),  # Greek tonos folded
        ("el", "ΗΛΕΚΤΡΙΚΆ", "Ηλεκτρικά"),
    ],
)
def test_accents_and_case_are_folded_in_every_script(client, language, query, expected):
    payload = api(client, lang=language, q=query)
    assert any(expected in title for title in titles(payload)), titles(payload)


def test_visitor_language_first_with_untranslated_materials_found_and_marked(client):
    german = api(client, lang="de", q="Wasserfilter")
    assert german["results"][0]["language"] == "de"
    assert german["results"][0]["is_fallback"] is False
    # An English-only material is found in a German search by its English words.
    english_only = (
        MaterialPage.objects.live()
        .filter(locale__language_code="en")
        .exclude(
            translation_key__in=MaterialPage.objects.filter(locale__language_code="de").values(
                "translation_key"
            )
        )
        .first()
    )
    word = english_only.title.split()[0]
    payload = api(client, lang="de", q=english_only.title)
    hit = next(
        r for r in payload["results"] if r["translation_key"] == str(english_only.translation_key)
    )
    assert hit["is_fallback"] is True and hit["language"] == "en"
    assert word
    html = unescape(client.get(f"/de/search/?q={english_only.title}").content.decode())
    assert "Noch nicht übersetzt" in html


def test_default_scope_does_not_match_other_languages_text_but_all_languages_does(client):
    assert api(client, lang="en", q=GERMAN_ONLY_WORD)["total"] == 0
    payload = api(client, lang="en", q=GERMAN_ONLY_WORD, all_languages=1)
    assert payload["total"] == 1
    hit = payload["results"][0]
    assert hit["language"] == "en"  # shown in the visitor's language when it exists
    assert hit["is_fallback"] is False
    assert {"en", "de"} <= set(hit["available_languages"])


def test_all_languages_counts_each_material_once(client, corpus):
    everywhere = api(client, lang="en", all_languages=1)
    assert everywhere["total"] == api(client, lang="en")["total"] == corpus.english_total
    keys = [r["translation_key"] for r in everywhere["results"]]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("sort", ["newest", "title", "downloads", "relevance"])
def test_sorting(client, sort):
    materials = {
        str(m.translation_key): m
        for m in MaterialPage.objects.live().filter(locale__language_code="en")
    }
    if sort == "downloads":
        chosen = list(materials.values())[-3:]
        for count, material in enumerate(chosen, start=5):
            MaterialDownloadCount.objects.create(
                translation_key=material.translation_key, count=count
            )
    payload = api(client, lang="en", sort=sort)
    keys = [r["translation_key"] for r in payload["results"]]
    if sort == "title":
        shown = [materials[k].title.casefold() for k in keys]
        assert shown == sorted(shown)
    elif sort in ("newest", "relevance"):  # without words, relevance browses newest first
        dates = [materials[k].first_published_at for k in keys]
        assert dates == sorted(dates, reverse=True)
    else:
        assert keys[:3] == [str(m.translation_key) for m in reversed(chosen)]


@pytest.mark.parametrize("sort", ["newest", "title"])
def test_the_pages_together_hold_every_material_once_in_order(client, corpus, sort):
    """Each page is cut from the same order: the engine walks its kept orders only as far
    as the page asked for, so the second page must continue the first exactly."""
    materials = {
        str(m.translation_key): m
        for m in MaterialPage.objects.live().filter(locale__language_code="en")
    }
    first = api(client, lang="en", sort=sort, page=1)
    rest = [api(client, lang="en", sort=sort, page=n) for n in range(2, first["pages"] + 1)]
    keys = [r["translation_key"] for page in [first, *rest] for r in page["results"]]
    assert len(keys) == len(set(keys)) == first["total"] == corpus.english_total
    if sort == "title":
        shown = [materials[k].title.casefold() for k in keys]
        assert shown == sorted(shown)
    else:
        dates = [materials[k].first_published_at for k in keys]
        assert dates == sorted(dates, reverse=True)


def test_twenty_a_page_and_a_message_past_the_last_page(client, corpus):
    # 24 corpus materials: pages of 20 and 4 (more when the session seeded the demo too).
    total = corpus.english_total
    pages = -(-total // 20)
    assert 2 <= pages < 7
    first, second = api(client, lang="en", page=1), api(client, lang="en", page=2)
    assert (len(first["results"]), len(second["results"]), first["pages"]) == (
        20,
        min(20, total - 20),
        pages,
    )
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}
    response = client.get("/en/search/?page=7")
    assert response.status_code == 200
    assert f"There are only {pages} pages of results." in response.content.decode()


def test_publishing_and_withdrawing_change_results_at_once(client, material_index):
    before = api(client, lang="en")["total"]
    material = MaterialPageFactory(parent=material_index, title="Quasar spectroscopy for schools")
    publish(material)
    assert api(client, lang="en")["total"] == before + 1
    assert titles(api(client, lang="en", q="quasar")) == ["Quasar spectroscopy for schools"]
    material.unpublish()
    assert api(client, lang="en")["total"] == before
    assert api(client, lang="en", q="quasar")["total"] == 0


def test_private_materials_are_not_found(client, material_index):
    material = MaterialPageFactory(parent=material_index, title="Pulsar timing for schools")
    publish(material)
    assert api(client, lang="en", q="pulsar")["total"] == 1
    PageViewRestriction.objects.create(page=material, restriction_type="login")
    assert api(client, lang="en", q="pulsar")["total"] == 0


def test_page_is_a_get_form_with_labels_chips_and_clear_all(client):
    response = client.get("/en/search/?q=energy&discipline=physics&age=15-19&pupil_age=16")
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert 'method="get"' in html and 'role="search"' in html
    assert '<label for="id_q">' in html and '<label for="id_sort">' in html
    assert "<legend>Discipline</legend>" in html
    assert 'name="discipline" value="physics" checked' in html
    assert 'class="chip" href="?q=energy&age=15-19&pupil_age=16"' in html  # physics removed
    assert 'class="chip" href="?q=energy&discipline=physics&pupil_age=16"' in html
    assert 'class="chip chip--clear" href="/en/search/?q=energy"' in html
    assert "search/search.js" in html and "defer" in html


def test_material_index_is_the_search_page(client):
    response = client.get("/en/materials/?discipline=physics")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="search"' in html and 'action="/en/materials/"' in html
    assert (
        response.context["results"].total == api(client, lang="en", discipline="physics")["total"]
    )


def test_switcher_keeps_the_search_in_every_language(client):
    html = unescape(client.get("/en/search/?q=energy").content.decode())
    assert 'hreflang="de" href="http://testserver/de/search/?q=energy"' in html


THREE_FACETS = (
    "q=the&discipline=physics&discipline=chemistry&age=12-15&age=15-19&country=DE&country=ES"
)


@pytest.mark.parametrize(
    ("url", "pinned"),
    [
        (f"/en/search/?{THREE_FACETS}", 10),
        ("/en/search/", 9),
        ("/de/search/?q=energie&all_languages=1&sort=title", 10),
        ("/en/search/?sort=downloads", 10),
        (f"/api/search/?lang=de&{THREE_FACETS}", 8),
        # +2 over the search page: the index page's view restrictions, checked as for any
        # page (Wagtail's before_serve_page check, which the index used to skip); -1: its
        # breadcrumb reuses the home page routing read.
        (f"/en/materials/?{THREE_FACETS}", 17),
    ],
)
def test_a_search_costs_a_fixed_number_of_queries(client, url, pinned):
    """Pinned once warm (the facet index built, renditions made). The token, the word
    match, the page of cards (pages, disciplines, languages, cover, renditions), the
    site and menu; nothing per hit or per facet value."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert response.context is None or response.context["results"].total > 0
    assert len(queries) <= pinned, [q["sql"][:120] for q in queries]


def test_query_count_does_not_grow_with_hits(client):
    def cost(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    assert cost("/api/search/?lang=en&q=titration") == cost("/api/search/?lang=en&q=the")


def test_the_material_index_keeps_its_view_restrictions(client, material_index):
    """The index is served by the search app, after Wagtail's privacy checks like any page."""
    PageViewRestriction.objects.create(
        page=material_index, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response = client.get(material_index.url)
    assert b"data-search-form" not in response.content
    assert b'name="password"' in response.content


def test_a_material_index_preview_is_the_page_visitors_get(client, material_index):
    """One code path: the preview renders the search page a visitor gets, not a listing of
    its own."""
    visitor = client.get(material_index.url)
    preview = material_index.make_preview_request()
    assert visitor.context["results"].total > 0
    assert preview.status_code == 200
    preview_html = preview.content.decode()
    assert "data-search-form" in preview_html
    assert visitor.content.decode().count('class="card"') == preview_html.count('class="card"')


def test_the_next_page_link_keeps_the_words_and_filters(client):
    html = unescape(client.get("/en/search/", {"sort": "title", "language": "en"}).content.decode())
    assert 'rel="next"' in html
    next_link = html.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0]
    assert sorted(next_link.lstrip("?").split("&")) == ["language=en", "page=2", "sort=title"]
