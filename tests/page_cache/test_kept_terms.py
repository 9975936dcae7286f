"""With page caching on, a material page takes its taxonomy labels and partner from the terms
kept under the generation token (materials.kept_terms) and asks only which terms it has. It
shows exactly what it shows with caching off, in the source language and translated, and a
label edited, a term added or a partner renamed shows on the very next request.

Pages are requested with a query string: the page cache never stores those, so each
request renders the page."""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from materials import kept_terms
from materials.models import Discipline, DiversityDimension, MaterialPage, ResourceLanguage
from materials.page_facts import page_facts
from page_cache import kept
from tests import factories

pytestmark = pytest.mark.django_db

NONCE = re.compile(r'nonce="[^"]+"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
TERM_TABLES = ('"materials_discipline"', '"materials_resourcelanguage"', '"materials_partner"')


def html(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return CSRF.sub("csrf", NONCE.sub("nonce", response.content.decode()))


def term_reads(client, path: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200, path
    return [q["sql"] for q in captured if any(f"FROM {t}" in q["sql"] for t in TERM_TABLES)]


@pytest.fixture
def material(db):
    tree = factories.site_tree()
    material = factories.full_material(tree.materials, disciplines=3, related=1, reviews=0)
    original = factories.publish(factories.MaterialPageFactory(parent=tree.materials))
    dimension = material.diversity_dimensions.first()
    factories.material_lineage(original, material, dimension=dimension)
    return material


@pytest.fixture
def german(material):
    """The material translated into German, with German labels for every term it shows."""
    for term in [
        *material.disciplines.all(),
        *material.resource_languages.all(),
        *material.diversity_dimensions.all(),
        material.partner,
    ]:
        label = "institution" if term is material.partner else "name"
        factories.translate_term(term, "de", **{label: f"{getattr(term, label)} (de)"})
    return factories.translate_page(material, "de")


def test_the_page_is_the_same_with_kept_terms_in_every_language(
    client, settings, page_cache, material, german
):
    paths = [f"{material.url}?x", f"{german.url}?x"]
    kept_html = [html(client, path) for path in paths]
    assert "(de)" in kept_html[1]
    settings.PAGE_CACHE_SECONDS = 0
    assert kept_html == [html(client, path) for path in paths]


def test_terms_keep_the_order_of_the_relation(client, page_cache, material):
    names = list(material.disciplines.values_list("name", flat=True))
    assert len(names) == 3
    page = html(client, f"{material.url}?x")
    chips = re.findall(r'<li class="discipline-chip"[^>]*>([^<]+)</li>', page)
    assert chips == names


def test_a_warm_request_reads_no_term_table(client, page_cache, material, german):
    for page in (material, german):
        client.get(f"{page.url}?warm")
        assert term_reads(client, f"{page.url}?a") == []


def test_caching_off_reads_the_terms_for_every_request(client, settings, material):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(f"{material.url}?warm")
    assert term_reads(client, f"{material.url}?a") != []


def test_a_translated_label_shows_at_once(client, page_cache, material, german):
    discipline = material.disciplines.first()
    assert f"{discipline.name} (de)" in html(client, f"{german.url}?a")

    translated = Discipline.objects.get(
        translation_key=discipline.translation_key, locale__language_code="de"
    )
    translated.name = "Neu benannt"
    translated.save()

    assert "Neu benannt" in html(client, f"{german.url}?b")


def test_a_new_translation_of_a_label_shows_at_once(client, page_cache, material, german):
    dimension = material.diversity_dimensions.last()
    DiversityDimension.objects.filter(
        translation_key=dimension.translation_key, locale__language_code="de"
    ).delete()
    assert "Vielfalt neu" not in html(client, f"{german.url}?a")

    factories.translate_term(dimension, "de", name="Vielfalt neu")

    assert "Vielfalt neu" in html(client, f"{german.url}?b")


def test_a_renamed_partner_shows_at_once(client, page_cache, material):
    assert "Renamed centre" not in html(client, f"{material.url}?a")
    partner = material.partner
    partner.institution = "Renamed centre"
    partner.save()
    assert "Renamed centre" in html(client, f"{material.url}?b")


def test_a_term_given_to_the_page_shows_at_once(client, page_cache, material):
    assert "Astronomy" not in html(client, f"{material.url}?a")
    astronomy = factories.DisciplineFactory(name="Astronomy")
    page = MaterialPage.objects.get(pk=material.pk)
    page.disciplines.add(astronomy)
    factories.publish(page)
    assert "Astronomy" in html(client, f"{material.url}?b")


def test_a_term_the_kept_table_does_not_know_is_read_from_the_database(
    client, page_cache, material
):
    """Terms written without a signal (bulk_create, raw SQL) leave the token as it was:
    the page then reads its terms itself instead of leaving one out."""
    client.get(f"{material.url}?warm")
    [unsignalled] = ResourceLanguage.objects.bulk_create(
        [ResourceLanguage(code="fy", name="Frisian", locale=factories.source_locale())]
    )
    MaterialPage.resource_languages.through.objects.create(
        materialpage_id=material.pk, resourcelanguage_id=unsignalled.pk
    )
    assert "Frisian" in html(client, f"{material.url}?a")


def test_a_request_gets_copies_of_the_kept_terms(rf, page_cache, material):
    request = rf.get("/")
    ids = page_facts(material).term_ids
    first = kept_terms.page_terms(material, kept_terms.kept_table(request), ids)
    first["disciplines"][0].name = "Changed by one request"
    again = kept_terms.page_terms(material, kept_terms.kept_table(request), ids)
    assert again["disciplines"][0].name != "Changed by one request"
    assert again["partner"][0] is not first["partner"][0]


def test_nothing_is_kept_with_caching_off(rf, settings, material):
    settings.PAGE_CACHE_SECONDS = 0
    kept.clear()
    assert kept_terms.kept_table(rf.get("/")) is None
