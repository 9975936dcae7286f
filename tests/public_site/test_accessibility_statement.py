"""The accessibility statement exists in every demo language without any seeding, names the
WCAG 2.1 AA target, what is tested and where to report a problem, and costs a pinned number
of queries."""

import re
from html import unescape

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from repo_site.accessibility import TESTED_WIDTHS
from tests import factories
from tests.repo_site.test_settings import clean_env, read_setting

pytestmark = pytest.mark.django_db

PARTNER_LANGUAGES = ["en", "de", "nl", "cs", "el"]
# The site, the visitor's home page and the children of both homes (base.html's menu and
# footer); the language switcher and the statement itself read nothing.
MAX_QUERIES = 4


def heading(response) -> str:
    match = re.search(r"<h1>(.*?)</h1>", response.content.decode(), re.S)
    assert match, "the statement has no h1"
    return unescape(match.group(1)).strip()


@pytest.mark.parametrize("language", PARTNER_LANGUAGES)
def test_the_statement_is_served_in_every_demo_language(client, language):
    factories.site_tree()
    response = client.get(f"/{language}/accessibility/")

    assert response.status_code == 200
    assert response["Content-Language"] == language
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    with translation.override(language):
        expected = translation.gettext("Accessibility statement")
    assert heading(response) == expected
    if language != "en":
        assert expected != "Accessibility statement", f"no {language} translation"
        assert "How we test" not in html, f"untranslated sections in {language}"


def test_the_statement_names_the_target_the_tests_and_the_contact(client, settings):
    factories.site_tree()
    settings.ACCESSIBILITY_CONTACT_EMAIL = "barriers@network.example.eu"

    html = client.get("/en/accessibility/").content.decode()

    assert "WCAG" in html and "2.1" in html and "level AA" in html
    assert "axe-core" in html
    for width in TESTED_WIDTHS:
        assert f"{width}" in html
    assert '<a href="mailto:barriers@network.example.eu">' in html
    assert "Known limitations" in html


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({}, "contact@stem-materials.example.org"),
        ({"OAI_REPOSITORY_IDENTIFIER": "pd.example.eu"}, "contact@pd.example.eu"),
        ({"CONTACT_EMAIL": "office@pd.example.eu"}, "office@pd.example.eu"),
        (
            {"CONTACT_EMAIL": "office@pd.example.eu", "ACCESSIBILITY_CONTACT_EMAIL": "a11y@x.eu"},
            "a11y@x.eu",
        ),
    ],
)
def test_the_contact_address_falls_back_to_the_sites_contact(variables, expected):
    """Read in a fresh interpreter: settings come from the environment once per process."""
    env = clean_env("repo_site.settings.dev", **variables)
    assert read_setting("settings.ACCESSIBILITY_CONTACT_EMAIL", env) == repr(expected)


def test_the_language_switcher_offers_the_statement_in_every_language(client):
    factories.site_tree()
    html = client.get("/de/accessibility/").content.decode()

    for code in PARTNER_LANGUAGES:
        assert f'hreflang="{code}" href="http://testserver/{code}/accessibility/"' in html


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_other_methods_are_refused_with_405(client, method):
    factories.site_tree()
    response = getattr(client, method)("/en/accessibility/")
    assert response.status_code == 405


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_statement_costs_a_pinned_number_of_queries(client, language):
    factories.site_tree(language)
    client.get(f"/{language}/accessibility/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/{language}/accessibility/")
    assert response.status_code == 200
    assert len(queries) <= MAX_QUERIES, [query["sql"] for query in queries]
