"""Visitors reach materials not yet translated into their language, marked as such."""

from html import unescape

import pytest

from materials.models import MaterialPage
from tests.conftest import shared_data
from tests.translation.translated_content import german_site

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def site(django_db_setup, django_db_blocker):
    """Built once for the module (see `shared_data`)."""
    with shared_data(django_db_blocker, german_site) as pks:
        yield pks


def english_materials() -> int:
    return MaterialPage.objects.filter(locale__language_code="en").live().count()


def test_german_listing_shows_every_material_once_with_untranslated_ones_marked(client):
    response = client.get("/de/materials/")
    assert response.status_code == 200
    assert response.context["results"].total == english_materials()
    german = MaterialPage.objects.live().filter(locale__language_code="de")
    english_only = (
        MaterialPage.objects.live()
        .filter(locale__language_code="en")
        .exclude(translation_key__in=german.values_list("translation_key", flat=True))
    )
    last = response.context["results"].num_pages
    pages = [client.get(f"/de/materials/?page={n}") for n in range(1, last + 1)]
    html = unescape("".join(page.content.decode() for page in pages))
    for material in german:
        assert f'href="{material.url}"' in html
        translated_source = MaterialPage.objects.get(
            translation_key=material.translation_key, locale__language_code="en"
        )
        assert f'href="{translated_source.url}"' not in html  # never twice
    for material in english_only:  # linked under /de/, where it keeps the German interface
        assert f'href="/de/{material.url.split("/", 2)[2]}"' in html
        assert f'href="{material.url}"' not in html
    assert html.count('class="card__fallback"') == english_only.count()
    assert html.count("Noch nicht übersetzt") == english_only.count()  # said in German
    assert "Not yet translated" not in html
    assert html.count('<article class="card" lang="en">') == english_only.count()


def test_listing_in_a_language_without_content_falls_back_to_the_source(client):
    response = client.get("/fi/materials/")
    assert response.status_code == 200
    assert '<html lang="fi"' in response.content.decode()
    # every English material: the module's own (and the demo's, when a run seeds it)
    assert response.context["results"].total == english_materials() >= 3


def test_catalogue_links_translations_and_marks_materials_not_yet_translated(client):
    from materials.models import CataloguePage

    catalogue = CataloguePage.objects.live().filter(locale__language_code="de").first()
    html = unescape(client.get(catalogue.url).content.decode())
    chosen = [
        entry["material"] for section in catalogue.sections for entry in section.value["materials"]
    ]
    german = {
        page.translation_key: page
        for page in MaterialPage.objects.live().filter(
            locale__language_code="de", translation_key__in=[m.translation_key for m in chosen]
        )
    }
    untranslated = [m for m in chosen if m.translation_key not in german]
    assert german and untranslated
    for material in chosen:
        shown = german.get(material.translation_key)
        url = shown.url if shown else f"/de/{material.url.split('/', 2)[2]}"
        assert f'href="{url}"' in html
    assert html.count("(noch nicht übersetzt)") == len(untranslated)
