"""The profile as a PDF (with a Unicode font for Greek and Czech), the page cache (only the
empty form may be stored), the links to the check, and the pinned query counts."""

import re

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from page_cache import generation
from page_cache.middleware import HIT_HEADER
from quality_check.views import PDF_FILENAME
from tests import factories
from tests.quality_check.builders import criteria, query

pytestmark = pytest.mark.django_db


def pdf_title(content: bytes) -> str:
    """The document title from the PDF's information dictionary (literal or UTF-16 hex)."""
    match = re.search(rb"/Title (\((.*?)\)|<feff([0-9a-f]+)>)", content)
    assert match, "the PDF has a title"
    if match.group(2) is not None:
        return match.group(2).decode("latin-1")
    return bytes.fromhex(match.group(3).decode()).decode("utf-16-be")


@pytest.mark.parametrize(
    ("language", "title"),
    [("en", "Quality self-check for a PD activity"), ("el", "Αυτοαξιολόγηση ποιότητας")],
)
def test_the_profile_downloads_as_a_pdf(client, language, title):
    tree = factories.site_tree()
    x, y = criteria(2)
    reviewed = factories.publish(factories.MaterialPageFactory(parent=tree.materials))
    factories.review_of(reviewed, {x: 5})
    answers = query({x: 1, y: 4}, {x: "Σημείωση: Příliš krátké"})
    response = client.get(f"/{language}/quality-check/profile.pdf?{answers}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{PDF_FILENAME}"'
    content = response.content
    assert content.startswith(b"%PDF-")
    assert content.rstrip().endswith(b"%%EOF")
    assert title in pdf_title(content)
    assert b"/FontFile2" in content, "a TrueType font is embedded"
    assert b"DejaVu" in content


def test_without_its_font_the_pdf_is_a_503_with_a_message(client, settings):
    factories.site_tree()
    (x,) = criteria(1)
    settings.QUALITY_CHECK_PDF_FONT = "/nonexistent/font.ttf"
    response = client.get(f"/en/quality-check/profile.pdf?{query({x: 2})}")
    assert response.status_code == 503
    assert "print the page instead" in response.content.decode()


def test_the_profile_page_offers_the_pdf_and_printing(client):
    factories.site_tree()
    (x,) = criteria(1)
    html = client.get(f"/en/quality-check/?{query({x: 2})}").content.decode()
    assert re.search(rf'href="/en/quality-check/profile.pdf\?[^"]*rating-{x.slug}=2', html)
    assert "css/quality-check.css" in html


@pytest.fixture
def page_cache(settings, db):
    settings.PAGE_CACHE_SECONDS = 300
    settings.CDN_CACHE_SECONDS = 120
    cache.clear()
    generation.bump()
    yield
    cache.clear()


def test_the_empty_form_is_cached_but_no_profile_is_stored(client, page_cache):
    factories.site_tree()
    x, y = criteria(2)
    assert client.get("/en/quality-check/")[HIT_HEADER] == "miss"
    assert client.get("/en/quality-check/")[HIT_HEADER] == "hit"
    profile_url = f"/en/quality-check/?{query({x: 2, y: 4}, {x: 'private note'})}"
    for _ in range(2):
        response = client.get(profile_url)
        assert response.status_code == 200
        assert response.get(HIT_HEADER) != "hit"
        assert "public" not in response["Cache-Control"]
    for _ in range(2):
        response = client.get(f"/en/quality-check/profile.pdf?{query({x: 2, y: 4})}")
        assert response.get(HIT_HEADER) != "hit"
    bad = f"/en/quality-check/?rating-{x.slug}=9"
    assert client.get(bad).status_code == 400
    assert client.get(bad).get(HIT_HEADER) != "hit"


def test_the_home_page_and_the_quality_criteria_page_link_to_the_check(client):
    tree = factories.site_tree()
    assert 'href="/en/quality-check/"' in client.get("/en/").content.decode()
    linked = factories.publish(
        factories.StandardPageFactory(parent=tree.home, links_quality_check=True)
    )
    plain = factories.publish(factories.StandardPageFactory(parent=tree.home))
    assert 'href="/en/quality-check/"' in client.get(linked.url).content.decode()
    assert 'href="/en/quality-check/"' not in client.get(plain.url).content.decode()
    german = factories.translate_page(linked, "de")
    assert 'href="/de/quality-check/"' in client.get(german.url).content.decode()


# Pinned, for 1 or 7 criteria alike, in the source language and in a translation. The form:
# the canonical criteria, their labels in the visitor's language, and the base template's
# menu and site. The profile adds 8 for any number of weak criteria: the high review
# ratings, the editors' choices, the private materials, the materials in the visitor's
# language, the catalogues, the keys of the materials they list, and the links' site root.
MAX_QUERIES = {"form": 5, "profile": 13}


def count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def costs(client, how_many: int, language: str) -> tuple[int, int]:
    tree = factories.site_tree()
    made = criteria(how_many)
    catalogue_materials = []
    for n, criterion in enumerate(made):
        page = factories.publish(
            factories.MaterialPageFactory(parent=tree.materials, title=f"Helps {n}")
        )
        factories.review_of(page, {criterion: 5})
        marked = factories.MaterialPageFactory(parent=tree.materials, title=f"Marked {n}")
        marked.strengthens_criteria = [criterion]
        factories.publish(marked)
        factories.translate_page(page, "de", title=f"Hilft {n}")
        catalogue_materials.append(page)
    factories.full_catalogue(tree.catalogues, materials=catalogue_materials)
    form = count(client, f"/{language}/quality-check/")
    profile = count(client, f"/{language}/quality-check/?{query(dict.fromkeys(made, 1))}")
    return form, profile


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("how_many", [1, 7])
def test_the_form_and_the_profile_cost_a_pinned_number_of_queries(client, how_many, language):
    form, profile = costs(client, how_many, language)
    assert (form, profile) == (MAX_QUERIES["form"], MAX_QUERIES["profile"])
