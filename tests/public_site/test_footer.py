"""The footer links the about and quality-criteria pages, the accessibility statement, the
contact address and the open data on every page, in the visitor's language where the page is
translated, and costs no query of its own."""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from repo_site.templatetags.navigation import FOOTER_PAGE_SLUGS, main_menu
from tests import factories

pytestmark = pytest.mark.django_db

FOOTER = re.compile(r'<footer class="site-footer">(.*?)</footer>', re.S)
LINK = re.compile(r'<a href="(?P<href>[^"]+)"(?P<lang> lang="\w+")?>(?P<text>[^<]+)</a>')


def footer_links(client, path: str) -> list[dict]:
    response = client.get(path)
    assert response.status_code in (200, 404), path
    footer = FOOTER.search(response.content.decode())
    assert footer, f"{path} has no footer"
    return [match.groupdict() for match in LINK.finditer(footer.group(1))]


def footer_pages(home):
    """The home page's children the footer links: made here, or the ones already there."""
    pages = {}
    for key, slug in FOOTER_PAGE_SLUGS.items():
        existing = home.get_children().filter(slug=slug).first()
        pages[key] = existing or factories.publish(
            factories.StandardPageFactory(parent=home, slug=slug, title=f"Title of {slug}")
        )
    return pages


def test_the_footer_links_the_pages_the_statement_the_contact_and_the_open_data(client, settings):
    settings.CONTACT_EMAIL = "office@network.example.eu"
    tree = factories.site_tree()
    pages = footer_pages(tree.home)

    links = {link["text"]: link for link in footer_links(client, "/en/")}

    for page in pages.values():
        assert links[page.title]["href"] == page.url
        assert not links[page.title]["lang"]
    assert links["Accessibility statement"]["href"] == "/en/accessibility/"
    assert links["Contact"]["href"] == "mailto:office@network.example.eu"
    for name in ("OAI-PMH", "API", "Atom feed", "RSS feed", "Sitemap"):
        assert name in links


def test_a_translated_footer_page_is_linked_in_the_visitors_language_else_the_source(client):
    tree = factories.site_tree()
    pages = footer_pages(tree.home)
    factories.site_tree("de")
    about = factories.translate_page(pages["about"], "de", title="Über uns")
    criteria_de = pages["quality_criteria"].get_translation_or_none(factories.locale("de"))
    if criteria_de is not None:
        criteria_de.delete()

    links = {link["text"]: link for link in footer_links(client, "/de/")}

    assert links[about.title]["href"] == about.url == "/de/about/"
    assert not links[about.title]["lang"]
    # Not translated: the English page under the German prefix, marked as English.
    criteria = links[pages["quality_criteria"].title]
    assert criteria["href"] == "/de/quality-criteria/"
    assert criteria["lang"] == ' lang="en"'
    assert client.get(criteria["href"]).status_code == 200
    assert links["Erklärung zur Barrierefreiheit"]["href"] == "/de/accessibility/"


def test_missing_footer_pages_are_left_out_and_the_rest_stays(client):
    factories.site_tree()
    home = factories.site_tree().home
    home.get_children().filter(slug__in=FOOTER_PAGE_SLUGS.values()).delete()
    texts = [link["text"] for link in footer_links(client, "/en/")]
    assert "Accessibility statement" in texts and "Contact" in texts
    assert not [text for text in texts if text.startswith("Title of")]


def test_the_footer_is_on_error_pages_too(client):
    factories.site_tree()
    links = footer_links(client, "/en/no-such-page/")
    assert "/en/accessibility/" in [link["href"] for link in links]


# The site, the visitor's home page, and the children of that home and the source home.
MENU_QUERIES = 3


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_menu_and_the_footer_pages_come_from_a_pinned_number_of_queries(rf, language):
    tree = factories.site_tree()
    pages = footer_pages(tree.home)
    factories.site_tree(language)
    request = rf.get(f"/{language}/")

    with translation.override(language), CaptureQueriesContext(connection) as queries:
        menu = main_menu({"request": request})

    assert len(queries) == MENU_QUERIES, [query["sql"] for query in queries]
    # Each in the visitor's language where it is translated, else the English one.
    expected = {}
    for key, page in pages.items():
        translated = page.get_translation_or_none(factories.locale(language))
        expected[key] = (translated if translated and translated.live else page).pk
    assert {key: page.pk for key, page in menu["footer"].items()} == expected
    assert [item.slug for item in menu["items"]] == [
        child.slug for child in menu["home"].get_children().live().in_menu()
    ]
