"""The main menu and footer links are kept under the generation token, so an uncached page
renders them without a query, and every content change that can alter them shows at once.

Pages are requested with a query string: the page cache never stores those, so each request
renders the page and only the menu can come from the cache."""

import re

import pytest

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.text import slugify

from wagtail.models import Page

from page_cache import generation, kept, route_roots, view_restrictions
from page_cache.middleware import HIT_HEADER
from repo_site.templatetags.navigation import FOOTER_PAGE_SLUGS
from tests import factories

pytestmark = pytest.mark.django_db

NAV = re.compile(r'<nav class="main-nav"[^>]*>(.*?)</nav>', re.S)
FOOTER = re.compile(r'<footer class="site-footer">(.*?)</footer>', re.S)
LINK = re.compile(r'<a href="(?P<href>[^"]+)"(?: lang="(?P<lang>\w+)")?[^>]*>(?P<text>[^<]+)</a>')


def links(client, path: str, part=NAV) -> dict[str, dict]:
    response = client.get(path)
    assert response.status_code == 200, path
    found = part.search(response.content.decode())
    return {m["text"]: m.groupdict() for m in LINK.finditer(found.group(1))} if found else {}


def menu_page(parent, title: str, **fields):
    return factories.publish(
        factories.StandardPageFactory(
            parent=parent, title=title, slug=slugify(title), show_in_menus=True, **fields
        )
    )


# A title no demo page has: the tests also run with the demo seeded.
TITLE = "Menu cache check"


@pytest.fixture
def tree(db):
    tree = factories.site_tree()
    menu_page(tree.home, TITLE)
    return tree


def menu_item():
    return Page.objects.get(title=TITLE)


def test_a_second_render_reads_the_menu_from_the_cache(client, page_cache, tree):
    def queries(path):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    queries("/en/?warm")  # first-view costs that are not the menu's (site root paths)
    generation.bump()  # a content change: the menu is built again, once
    keep_route_roots("en")  # and so are the route roots, which are not the menu's either
    keep_restriction_paths()  # and the paths of private pages
    first = queries("/en/?menu=1")
    second = queries("/en/?menu=2")

    # The site's root page, the home in the visitor's language and the children of both
    # homes are not read again (the kept route roots hand out the site without its root page,
    # so the menu's build reads that itself).
    assert first - second == 3
    assert links(client, "/en/?menu=3")[TITLE]["href"] == f"/en/{slugify(TITLE)}/"


def keep_restriction_paths() -> None:
    kept.kept(RequestFactory().get("/"), view_restrictions.KEPT_NAME, view_restrictions.read_paths)


def keep_route_roots(language: str) -> None:
    with translation.override(language):
        route_roots.root_for(RequestFactory().get(f"/{language}/"))


def test_caching_off_builds_the_menu_each_time(client, settings, tree):
    settings.PAGE_CACHE_SECONDS = 0
    assert TITLE in links(client, "/en/?menu=1")
    Page.objects.filter(title=TITLE).update(title="Renamed without a signal")
    assert "Renamed without a signal" in links(client, "/en/?menu=2")


def test_a_publish_adds_the_page(client, page_cache, tree):
    assert "Menu cache event" not in links(client, "/en/?a")
    menu_page(tree.home, "Menu cache event")
    assert links(client, "/en/?b")["Menu cache event"]["href"] == "/en/menu-cache-event/"


def test_a_title_change_shows(client, page_cache, tree):
    links(client, "/en/?a")
    page = menu_item().specific
    page.title = "Menu cache check, renamed"
    factories.publish(page)
    menu = links(client, "/en/?b")
    assert "Menu cache check, renamed" in menu and TITLE not in menu


def test_an_unpublish_removes_the_page(client, page_cache, tree):
    links(client, "/en/?a")
    menu_item().unpublish()
    assert TITLE not in links(client, "/en/?b")


def test_a_delete_removes_the_page(client, page_cache, tree):
    links(client, "/en/?a")
    menu_item().delete()
    assert TITLE not in links(client, "/en/?b")


def test_a_move_below_another_page_removes_it_and_a_move_back_restores_it(client, page_cache, tree):
    links(client, "/en/?a")
    page = menu_item()
    page.move(tree.materials, pos="last-child")
    assert TITLE not in links(client, "/en/?b")
    Page.objects.get(pk=page.pk).move(tree.home, pos="last-child")
    assert TITLE in links(client, "/en/?c")


def test_a_translations_publish_replaces_the_source_link(client, page_cache, tree):
    slug = FOOTER_PAGE_SLUGS["about"]
    about = tree.home.get_children().filter(slug=slug).first() or factories.publish(
        factories.StandardPageFactory(parent=tree.home, slug=slug)
    )
    factories.site_tree("de")
    existing = about.get_translation_or_none(factories.locale("de"))
    if existing is not None:  # the demo's: this test publishes a translation of its own
        existing.delete()
    before = links(client, "/de/?a", FOOTER)[about.title]
    assert before == {"href": "/de/about/", "lang": "en", "text": about.title}

    translated = factories.translate_page(about, "de", title="Über uns")

    after = links(client, "/de/?b", FOOTER)
    assert after["Über uns"] == {"href": translated.url, "lang": None, "text": "Über uns"}
    assert about.title not in after


def test_each_language_and_site_has_its_own_menu(client, page_cache, tree):
    factories.site_tree("de")
    factories.translate_page(menu_item().specific, "de", title="Menü-Test")
    assert TITLE in links(client, "/en/?a")
    german = links(client, "/de/?a")
    assert "Menü-Test" in german and TITLE not in german
    assert TITLE in links(client, "/en/?b")


def test_logged_in_users_see_the_menu_anonymous_visitors_see(
    admin_client, client, page_cache, tree
):
    # The menu holds live pages only: a draft an editor can see stays out of it for everyone.
    factories.StandardPageFactory(
        parent=tree.home, title="Draft page", show_in_menus=True, live=False
    )
    assert "Draft page" not in links(admin_client, "/en/?a")
    assert "Draft page" not in links(client, "/en/?b")
    assert links(admin_client, "/en/?c") == links(client, "/en/?d")


def test_the_token_is_read_once_per_request(client, page_cache, tree):
    client.get("/en/?warm")  # the menu is cached; a miss of the page itself follows
    table = generation.PageCacheGeneration._meta.db_table
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/en/")
    assert response[HIT_HEADER] == "miss"
    token_reads = [query for query in captured if table in query["sql"]]
    # The page cache reads it (from the database, or the shared cache), the menu reuses it.
    assert len(token_reads) == (1 if page_cache == "database" else 0)
