"""Routing starts from the site, the home in each language and the home's children, kept in
each process under the generation token (page_cache.route_roots): an uncached page does not
read them again, and every change that alters a route or what those pages show is seen at
once.

Pages are requested with a query string: the page cache never stores those, so each
request routes and renders the page."""

import re

import pytest

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import Page, Site

from page_cache import generation, route_roots
from tests import factories
from tests.materials.test_query_counts import count_queries, detail_pages

pytestmark = pytest.mark.django_db

ROOT_TABLES = (
    '"wagtailcore_site"',
    '"wagtailcore_locale"',
    '"materials_homepage"',
    '"materials_materialindexpage"',
)
NONCE = re.compile(r'nonce="[^"]+"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def root_reads(client, path: str) -> list[str]:
    """The queries of one request that read a site, a locale, a home or an index page."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200, path
    return [
        query["sql"]
        for query in captured
        if any(f"FROM {table}" in query["sql"] for table in ROOT_TABLES)
    ]


def html(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return CSRF.sub("csrf", NONCE.sub("nonce", response.content.decode()))


def title_of(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return re.search(r"<h1[^>]*>\s*([^<]+?)\s*</h1>", response.content.decode()).group(1)


@pytest.fixture
def material(db):
    return factories.publish(factories.MaterialPageFactory(parent=factories.site_tree().materials))


def standard_page(parent, title: str, slug: str):
    return factories.publish(factories.StandardPageFactory(parent=parent, title=title, slug=slug))


def test_a_warm_request_reads_no_site_locale_home_or_index(client, page_cache, material):
    url = material.url
    client.get(f"{url}?warm")
    assert root_reads(client, f"{url}?a") == []
    generation.bump()  # a content change: they are read again, once
    assert root_reads(client, f"{url}?b") != []
    assert root_reads(client, f"{url}?c") == []


def test_caching_off_reads_them_for_every_request(client, settings, material):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(f"{material.url}?warm")
    assert root_reads(client, f"{material.url}?a") != []


def test_the_page_is_the_same_as_routed_by_wagtail(client, settings, page_cache, material):
    factories.site_tree("de")
    paths = [f"{material.url}?x", "/en/?x", "/en/materials/?x", f"/de/materials/{material.slug}/?x"]
    kept = [html(client, path) for path in paths]
    kept_again = [html(client, path) for path in paths]
    settings.PAGE_CACHE_SECONDS = 0
    assert kept == kept_again == [html(client, path) for path in paths]


def test_a_kept_child_of_the_home_shows_its_new_title(client, page_cache, material):
    page = standard_page(factories.site_tree().home, "Route roots page", "route-roots-page")
    assert title_of(client, "/en/route-roots-page/?a") == "Route roots page"
    page.title = "Route roots page, renamed"
    factories.publish(page)
    assert title_of(client, "/en/route-roots-page/?b") == "Route roots page, renamed"


def test_a_new_slug_routes_and_the_old_one_no_longer_does(client, page_cache, material):
    page = standard_page(factories.site_tree().home, "Route roots page", "route-roots-page")
    assert client.get("/en/route-roots-page/?a").status_code == 200
    page.slug = "route-roots-renamed"
    factories.publish(page)
    assert client.get("/en/route-roots-page/?b").status_code == 404
    assert client.get("/en/route-roots-renamed/?b").status_code == 200


def test_an_unpublished_index_no_longer_routes(client, page_cache, material):
    assert client.get(f"{material.url}?a").status_code == 200
    Page.objects.get(pk=factories.site_tree().materials.pk).unpublish()
    assert client.get("/en/materials/?b").status_code == 404


def test_a_deleted_child_of_the_home_no_longer_routes(client, page_cache, material):
    page = standard_page(factories.site_tree().home, "Route roots page", "route-roots-page")
    assert client.get("/en/route-roots-page/?a").status_code == 200
    Page.objects.get(pk=page.pk).delete()
    assert client.get("/en/route-roots-page/?b").status_code == 404


def test_a_child_moved_below_another_page_routes_at_its_new_place(client, page_cache, material):
    home = factories.site_tree().home
    page = standard_page(home, "Route roots page", "route-roots-page")
    parent = standard_page(home, "Route roots parent", "route-roots-parent")
    assert client.get("/en/route-roots-page/?a").status_code == 200
    Page.objects.get(pk=page.pk).move(parent, pos="last-child")
    # No longer found there: the redirect Wagtail made on the move answers instead.
    old = client.get("/en/route-roots-page/?b")
    assert (old.status_code, old["Location"]) == (301, "/en/route-roots-parent/route-roots-page/")
    assert client.get("/en/route-roots-parent/route-roots-page/?b").status_code == 200


def test_the_homes_new_title_shows_in_the_breadcrumb(client, page_cache, material):
    assert "Home renamed" not in html(client, f"{material.url}?a")
    home = factories.site_tree().home
    home.title = "Home renamed"
    factories.publish(home)
    assert "Home renamed" in html(client, f"{material.url}?b")


def test_a_translations_publish_is_served_in_place_of_the_source(client, page_cache, material):
    tree = factories.site_tree()
    page = standard_page(tree.home, "Route roots page", "route-roots-page")
    factories.site_tree("de")
    assert title_of(client, "/de/route-roots-page/?a") == "Route roots page"
    factories.translate_page(page, "de", title="Seite der Routen")
    assert title_of(client, "/de/route-roots-page/?b") == "Seite der Routen"


def test_an_untranslated_material_is_still_found_through_the_source_tree(
    client, page_cache, material
):
    factories.site_tree("de")
    assert client.get(f"/de/materials/{material.slug}/?a").status_code == 200
    assert client.get(f"/de/materials/{material.slug}/?b").status_code == 200
    assert client.get("/de/materials/no-such-material/?b").status_code == 404


def test_a_site_given_another_home_routes_from_it(client, page_cache, material):
    assert client.get(f"{material.url}?a").status_code == 200
    other_home = factories.publish(
        factories.HomePageFactory(parent=Page.get_first_root_node(), slug="other-home")
    )
    standard_page(other_home, "Other home page", "other-page")
    site = Site.objects.get(is_default_site=True)
    site.root_page = other_home
    site.save()
    assert client.get(f"{material.url}?b").status_code == 404
    assert title_of(client, "/en/other-page/?b") == "Other home page"


def test_each_request_routes_a_copy_of_the_kept_pages(page_cache, material):
    def routed_page():
        request = RequestFactory().get(material.url)
        with translation.override("en"):
            return request, route_roots.route(request, material.url.removeprefix("/en"))[0]

    first_request, first = routed_page()
    first.get_parent().title = "Changed by one request"
    first_request._wagtail_site.site_name = "Changed too"
    second_request, second = routed_page()
    assert second is not first
    assert second.get_parent() is not first.get_parent()
    assert second.get_parent().title == "Materials"
    assert second_request._wagtail_site.site_name != "Changed too"
    assert second_request._wagtail_site.root_page is not first_request._wagtail_site.root_page


# Pinned maxima of an uncached page (a query string) while page caching is on, as
# `python -m bench.load` measures the material page: the pins of
# tests/materials/test_query_counts.py, which render with caching off, less the six routing
# queries (site, root page, locale, home, the home's child twice) and the menu's two, plus
# the generation token's read (in the database with a per-process cache; the shared-cache
# store reads it from the cache), less Wagtail's two view-restriction queries (the kept
# paths of private pages answer them: page_cache.view_restrictions). A material reads its
# taxonomy labels and partner from the kept terms (materials.kept_terms): none of the three
# term queries made there, nor in German the four that find translated labels. A translated
# page adds its provenance (2) as there.
MAX_QUERIES_KEPT_ROOTS = {
    "en": {"material": 8, "catalogue": 9, "review": 7, "standard": 2},
    "de": {"material": 11, "catalogue": 11, "review": 9, "standard": 4},
}


@pytest.mark.parametrize("language", ["en", "de"])
def test_uncached_pages_cost_their_pinned_queries_with_the_roots_kept(client, page_cache, language):
    pages = detail_pages(language)
    for key, page in pages.items():
        assert count_queries(client, f"{page.url}?q") <= MAX_QUERIES_KEPT_ROOTS[language][key], key
