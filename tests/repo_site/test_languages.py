"""Language prefixes, the switcher, hreflang alternates and translated 404 pages."""

import re
from html import unescape

import pytest

from wagtail.models import Locale

from materials.models import Discipline, MaterialPage
from tests.conftest import DEMO_LANGUAGES, shared_data
from tests.factories import full_material, translate_page, translate_term

pytestmark = pytest.mark.django_db


def build_translated_material() -> int:
    """An English material with two disciplines, translated (with its disciplines' labels)
    into every other language of DEMO_LANGUAGES; its page trees come with it."""
    material = full_material(disciplines=2, related=0, reviews=0)
    for language in DEMO_LANGUAGES[1:]:
        for discipline in material.disciplines.all():
            translate_term(discipline, language, name=f"{discipline.name} [{language}]")
        translate_page(material, language, title=f"{material.title} [{language}]")
    return material.pk


@pytest.fixture(scope="module", autouse=True)
def translated_material_pk(django_db_setup, django_db_blocker):
    """Built once for the module (see `shared_data`): every test here finds a site in each
    language."""
    with shared_data(django_db_blocker, build_translated_material) as pk:
        yield pk


@pytest.fixture
def translated_material(db, translated_material_pk):
    """The English material that exists in every language of DEMO_LANGUAGES."""
    return MaterialPage.objects.get(pk=translated_material_pk)


def test_root_redirects_to_a_language_prefix(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


@pytest.mark.parametrize("language", DEMO_LANGUAGES)
def test_html_lang_follows_the_prefix(client, language):
    html = client.get(f"/{language}/").content.decode()
    assert f'<html lang="{language}"' in html


def test_switcher_and_hreflang_link_every_translation(client, translated_material):
    material = translated_material
    assert material.get_translations().live().count() == len(DEMO_LANGUAGES) - 1
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
def test_translated_page_renders_in_its_language(client, translated_material, language):
    material = translated_material.get_translation(Locale.objects.get(language_code=language))
    assert material.disciplines.exists()
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
