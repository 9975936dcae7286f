"""Language prefixes, the switcher, hreflang alternates and translated 404 pages."""

import re
from html import unescape

import pytest

from materials.models import Discipline, MaterialPage
from tests.conftest import DEMO_LANGUAGES
from tests.factories import full_material

pytestmark = pytest.mark.django_db


def translated_material():
    """An English material that exists in every demo language."""
    for material in MaterialPage.objects.live().filter(locale__language_code="en"):
        languages = set(
            material.get_translations(inclusive=True)
            .live()
            .values_list("locale__language_code", flat=True)
        )
        if languages == set(DEMO_LANGUAGES):
            return material
    raise AssertionError("no demo material is translated into every language")


def test_root_redirects_to_a_language_prefix(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


@pytest.mark.parametrize("language", DEMO_LANGUAGES)
def test_html_lang_follows_the_prefix(client, language):
    html = client.get(f"/{language}/").content.decode()
    assert f'<html lang="{language}"' in html


def test_switcher_and_hreflang_link_every_translation(client):
    material = translated_material()
    html = unescape(client.get(material.url).content.decode())
    for translation in material.get_translations(inclusive=True).live():
        url = translation.url
        assert url.startswith(f"/{translation.locale.language_code}/")
        assert (
            f'hreflang="{translation.locale.language_code}" href="http://testserver{url}"' in html
        )
        if translation.locale.language_code != "en":
            assert re.search(
                rf'<a href="{re.escape(url)}" hreflang="{translation.locale.language_code}"', html
            )
    assert 'hreflang="x-default"' in html


def test_switcher_lists_only_existing_translations(client, material_index):
    untranslated = full_material(material_index, reviews=0)
    html = client.get(untranslated.url).content.decode()
    assert 'class="language-switcher"' not in html
    assert 'hreflang="de"' not in html


@pytest.mark.parametrize("language", [code for code in DEMO_LANGUAGES if code != "en"])
def test_translated_page_renders_in_its_language(client, language):
    material = translated_material().get_translation(
        MaterialPage.objects.filter(locale__language_code=language).first().locale
    )
    response = client.get(material.url)
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert f'<html lang="{language}"' in html
    assert material.title in html
    # Terms are shown with their translated labels.
    for discipline in material.disciplines.all():
        label = Discipline.objects.get(
            translation_key=discipline.translation_key, locale__language_code=language
        ).name
        assert label in html
        assert label != discipline.name or language == "en"
    assert 'aria-current="true" lang="' + language + '"' in html


@pytest.mark.parametrize(
    ("url", "phrase"),
    [
        ("/en/no-such-page/", "Page not found"),
        ("/de/no-such-page/", "Seite nicht gefunden"),
        ("/nl/no-such-page/", "Pagina niet gevonden"),
        ("/cs/no-such-page/", "Stránka nenalezena"),
        ("/el/no-such-page/", "Η σελίδα δεν βρέθηκε"),
    ],
)
def test_missing_pages_get_the_translated_404(client, url, phrase):
    response = client.get(url)
    assert response.status_code == 404
    assert phrase in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/xx/", "/xx/materials/", "/zz-top/anything/", "/en/materials/nope/"]
)
def test_unknown_prefixes_and_pages_end_in_the_site_404(client, url):
    response = client.get(url, follow=True)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'class="site-header"' in response.content.decode()


@pytest.mark.parametrize("query", ["?page=abc", "?page=-1", "?page=999999", "?page=%00"])
def test_bad_listing_page_numbers_are_a_400_with_a_message_not_500(client, query):
    response = client.get(f"/en/materials/{query}")
    assert response.status_code == 400
    assert "page" in response.content.decode().split('role="alert"')[1]


@pytest.mark.parametrize(
    "url",
    ["/admin/pages/999999/edit/", "/documents/999999/x.pdf", "/oai/nope/", "/api/v2/nope/"],
)
def test_unprefixed_areas_answer_404_without_a_language_redirect(admin_client, url):
    assert admin_client.get(url).status_code == 404


def test_unprefixed_public_paths_still_get_a_language(client):
    response = client.get("/materials/")
    assert response.status_code == 302
    assert response["Location"] == "/en/materials/"
