"""/sitemap.xml: an index of one sitemap per language; together they list every live, public
page of every language once, with its hreflang alternates."""

import xml.etree.ElementTree as ET
from collections import defaultdict
from urllib.parse import urlsplit

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction

from materials.models import MaterialIndexPage, MaterialPage
from open_data.sitemaps import LanguageSitemap, LanguageSummary
from tests.conftest import DEMO_LANGUAGES
from tests.factories import MaterialPageFactory, publish
from tests.open_data.repository import TRANSLATED, TREE_PAGES

# The pages are tests/open_data/repository.py's.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("repository")]

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
ORIGIN = "http://testserver"
MAX_QUERIES = 6


def parse_urlset(content: bytes) -> list[dict]:
    root = ET.fromstring(content)
    assert root.tag == f"{{{NS['sm']}}}urlset"
    urls = []
    for url in root.findall("sm:url", NS):
        links = url.findall("xhtml:link", NS)
        assert all(link.get("rel") == "alternate" for link in links)
        hreflangs = [link.get("hreflang") for link in links]
        assert len(hreflangs) == len(set(hreflangs)), "an hreflang is listed twice"
        urls.append(
            {
                "loc": url.findtext("sm:loc", namespaces=NS),
                "lastmod": url.findtext("sm:lastmod", namespaces=NS),
                "alternates": {link.get("hreflang"): link.get("href") for link in links},
            }
        )
    return urls


def get_urlset(client, path, **extra) -> list[dict]:
    response = client.get(path, **extra)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return parse_urlset(response.content)


def get_index(client, **extra) -> list[str]:
    response = client.get("/sitemap.xml", **extra)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    index = ET.fromstring(response.content)
    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    return [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)]


def all_urls(client, **extra) -> list[dict]:
    """Every URL of every section the index lists."""
    urls = []
    for sitemap_url in get_index(client, **extra):
        parts = urlsplit(sitemap_url)
        urls += get_urlset(client, parts.path + (f"?{parts.query}" if parts.query else ""), **extra)
    return urls


def expected_pages():
    """Every live page under the root (the repository, like the demo, has no restrictions and
    no aliases)."""
    pages = Page.objects.live().filter(depth__gt=1).select_related("locale")
    return {f"{ORIGIN}{page.url}": page for page in pages}


def expected_alternates(pages):
    versions = defaultdict(dict)
    for url, page in pages.items():
        versions[page.translation_key][page.locale.language_code] = url
    return versions


def test_lists_every_live_page_of_every_locale_exactly_once(client):
    urls = all_urls(client)
    locs = [url["loc"] for url in urls]
    expected = expected_pages()
    assert len(locs) == len(set(locs)), "a page is listed twice"
    assert set(locs) == set(expected)
    languages = {page.locale.language_code for page in expected.values()}
    assert languages == set(DEMO_LANGUAGES)


def test_each_url_links_every_live_language_version_and_the_source_as_x_default(client):
    pages = expected_pages()
    versions = expected_alternates(pages)
    translated = 0
    for url in all_urls(client):
        page = pages[url["loc"]]
        group = versions[page.translation_key]
        alternates = dict(url["alternates"])
        x_default = alternates.pop("x-default", None)
        assert alternates == group, url["loc"]
        assert alternates[page.locale.language_code] == url["loc"]  # itself included
        assert x_default == group.get("en"), url["loc"]
        translated += len(group) == len(DEMO_LANGUAGES)
    # The repository's home and index pages and its translated materials, in every language.
    assert translated >= (TREE_PAGES + TRANSLATED) * len(DEMO_LANGUAGES)


def test_lastmod_is_the_pages_last_publication_date(client):
    pages = expected_pages()
    for url in all_urls(client):
        assert url["lastmod"] == pages[url["loc"]].last_published_at.date().isoformat()


def test_urls_are_absolute_on_the_requests_host_and_scheme(client):
    urls = all_urls(client, HTTP_HOST="127.0.0.1:8000", secure=True)
    hrefs = [url["loc"] for url in urls] + [
        href for url in urls for href in url["alternates"].values()
    ]
    assert {urlsplit(href)[:2] for href in hrefs} == {("https", "127.0.0.1:8000")}


def test_drafts_unpublished_and_restricted_pages_are_absent(client, material_index):
    draft = MaterialPageFactory(parent=material_index, live=False)
    unpublished = MaterialPage.objects.live().filter(locale__language_code="nl").first()
    unpublished.unpublish()
    german_index = MaterialIndexPage.objects.get(locale__language_code="de")
    PageViewRestriction.objects.create(
        page=german_index, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    urls = all_urls(client)
    hrefs = {url["loc"] for url in urls} | {
        href for url in urls for href in url["alternates"].values()
    }
    restricted = {f"{ORIGIN}{page.url}" for page in german_index.get_descendants(inclusive=True)}
    assert f"{ORIGIN}{draft.url}" not in hrefs
    assert f"{ORIGIN}{unpublished.url}" not in hrefs
    assert restricted and not restricted & hrefs
    assert any(href.startswith(f"{ORIGIN}/de/") for href in hrefs)  # the rest of /de/ stays
    assert {url["loc"] for url in urls} == set(expected_pages()) - restricted


def test_aliases_are_absent(client):
    """An untranslated page synced into another tree as an alias shows English content."""
    german_index = MaterialIndexPage.objects.get(locale__language_code="de")
    source = next(
        page
        for page in MaterialPage.objects.live().filter(locale__language_code="en")
        if not page.get_translations().exists()
    )
    alias = source.create_alias(
        parent=german_index, update_locale=german_index.locale, reset_translation_key=False
    )
    assert alias.live
    urls = all_urls(client)
    assert f"{ORIGIN}{alias.url}" not in {url["loc"] for url in urls}
    [source_url] = [url for url in urls if url["loc"] == f"{ORIGIN}{source.url}"]
    assert set(source_url["alternates"]) == {"en", "x-default"}


def test_the_index_lists_one_section_per_language_with_public_live_pages(client):
    assert get_index(client) == [f"{ORIGIN}/sitemap-{code}.xml" for code in DEMO_LANGUAGES]


def test_a_language_without_public_pages_has_no_section(client):
    greek_home = Page.objects.get(depth=2, locale__language_code="el")
    PageViewRestriction.objects.create(
        page=greek_home, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert f"{ORIGIN}/sitemap-el.xml" not in get_index(client)
    assert client.get("/sitemap-el.xml").status_code == 404


@pytest.mark.parametrize("language", DEMO_LANGUAGES)
def test_each_section_lists_exactly_its_languages_public_live_pages(client, language):
    expected = {
        url for url, page in expected_pages().items() if page.locale.language_code == language
    }
    locs = [url["loc"] for url in get_urlset(client, f"/sitemap-{language}.xml")]
    assert len(locs) == len(set(locs))
    assert set(locs) == expected


def test_sections_are_paged_past_the_limit(client, monkeypatch):
    limit = 10
    monkeypatch.setattr(LanguageSitemap, "limit", limit)
    monkeypatch.setattr(LanguageSummary, "limit", limit)
    sitemap_urls = get_index(client)
    assert any(url.endswith("?p=2") for url in sitemap_urls)
    assert all(url.startswith(f"{ORIGIN}/sitemap-") for url in sitemap_urls)

    locs = []
    for sitemap_url in sitemap_urls:
        path = sitemap_url.removeprefix(ORIGIN)
        urls = get_urlset(client, path)
        assert 0 < len(urls) <= limit, path
        language = path.removeprefix("/sitemap-").split(".")[0]
        assert all(url["loc"].startswith(f"{ORIGIN}/{language}/") for url in urls), path
        assert all(url["alternates"] for url in urls), path
        locs += [url["loc"] for url in urls]
    assert len(locs) == len(set(locs))
    assert set(locs) == set(expected_pages())


def test_unknown_sections_and_pages_are_404(client):
    assert client.get("/sitemap-xx.xml").status_code == 404
    assert client.get("/sitemap-de.xml?p=2").status_code == 404
    assert client.get("/sitemap-de.xml?p=abc").status_code == 404


def count_queries(client, url):
    client.get(url)  # warm the site root paths cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-en.xml"])
def test_query_count_does_not_grow_with_the_number_of_pages(client, material_index, url):
    before = count_queries(client, url)
    for _n in range(5):
        publish(MaterialPageFactory(parent=material_index))
    after = count_queries(client, url)
    assert before == after <= MAX_QUERIES


def test_query_count_of_a_paged_section_is_bounded(client, monkeypatch):
    monkeypatch.setattr(LanguageSitemap, "limit", 10)
    assert count_queries(client, "/sitemap-en.xml?p=2") <= MAX_QUERIES
