"""Lineage on the public material pages: an adaptation names what it was adapted from, for
which country and diversity dimension; the original lists its adaptations and versions;
both in every language version, linking the other material in the visitor's language."""

import re

import pytest

from tests import factories
from tests.materials.test_query_counts import MAX_QUERIES, count_queries

pytestmark = pytest.mark.django_db


def material(title, **fields):
    return factories.publish(
        factories.MaterialPageFactory(parent=factories.site_tree().materials, title=title, **fields)
    )


def text(response) -> str:
    """The page's text with tags removed and spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", response.content.decode()))


@pytest.fixture
def adaptation():
    """An original and its adaptation for Greece, multilingual classrooms, both translated
    into German (with German titles), and the dimension's German label."""
    dimension = factories.DiversityDimensionFactory(name="Multilingual classrooms")
    factories.translate_term(dimension, "de", name="Mehrsprachige Klassen")
    original = material("Rolling down ramps")
    adapted = material("Ramps for multilingual classes")
    factories.material_lineage(original, adapted, "adaptation", "GR", dimension)
    return {
        "original": original,
        "adapted": adapted,
        "original_de": factories.translate_page(original, "de", title="Rollen auf Rampen"),
        "adapted_de": factories.translate_page(
            adapted, "de", title="Rampen für mehrsprachige Klassen"
        ),
    }


def test_the_adaptation_names_its_original_country_and_dimension(client, adaptation):
    response = client.get(adaptation["adapted"].url)
    assert "Adapted from Rolling down ramps for Greece, Multilingual classrooms" in text(response)
    assert f'<a href="{adaptation["original"].url}">Rolling down ramps</a>' in (
        response.content.decode()
    )


def test_the_original_lists_its_adaptations(client, adaptation):
    response = client.get(adaptation["original"].url)
    page = text(response)
    assert "Adaptations:" in page
    assert "Ramps for multilingual classes (Greece, Multilingual classrooms)" in page
    assert f'href="{adaptation["adapted"].url}"' in response.content.decode()


def test_both_pages_show_the_lineage_in_german_linking_the_german_versions(client, adaptation):
    adapted = client.get(adaptation["adapted_de"].url)
    assert "Adaptiert von Rollen auf Rampen für Griechenland, Mehrsprachige Klassen" in text(
        adapted
    )
    assert f'<a href="{adaptation["original_de"].url}">Rollen auf Rampen</a>' in (
        adapted.content.decode()
    )

    original = client.get(adaptation["original_de"].url)
    assert "Adaptionen:" in text(original)
    assert "Rampen für mehrsprachige Klassen (Griechenland, Mehrsprachige Klassen)" in text(
        original
    )
    assert f'href="{adaptation["adapted_de"].url}"' in original.content.decode()


def test_an_untranslated_other_material_is_linked_in_its_source_language(client):
    original = material("Electric circuits")
    adapted = material("Circuits for rural schools")
    factories.material_lineage(original, adapted, "adaptation", "CZ")
    adapted_de = factories.translate_page(adapted, "de", title="Stromkreise für Landschulen")

    response = client.get(adapted_de.url)

    assert "Adaptiert von Electric circuits für Tschechien" in text(response)
    # The English original, under the German prefix (the site's fallback), marked as English.
    link = f'<a href="{original.url.replace("/en/", "/de/", 1)}" lang="en">Electric circuits</a>'
    assert link in response.content.decode()


def test_a_version_shows_on_both_pages(client):
    first = material("Forces, first edition")
    second = material("Forces, second edition")
    factories.material_lineage(first, second, "version")

    assert "A version of Forces, first edition" in text(client.get(second.url))
    page = text(client.get(first.url))
    assert "Versions:" in page and "Forces, second edition" in page


def test_a_material_without_lineage_has_no_lineage_section(client):
    page = material("Standalone")
    assert 'id="lineage-heading"' not in client.get(page.url).content.decode()


def test_an_unpublished_other_material_is_left_out(client):
    original = material("Magnets")
    adapted = material("Magnets for visually impaired pupils")
    factories.material_lineage(original, adapted, "adaptation", "NL")
    adapted.unpublish()

    assert 'id="lineage-heading"' not in client.get(original.url).content.decode()


@pytest.mark.parametrize("language", ["en", "de"])
def test_lineage_keeps_the_material_page_within_its_pinned_queries(client, language):
    tree = factories.site_tree()
    original = factories.full_material(tree.materials, files=2, related=1, disciplines=2)
    dimension = factories.DiversityDimensionFactory()
    for number in range(3):
        adapted = material(f"Adaptation {number}")
        factories.material_lineage(original, adapted, "adaptation", "GR", dimension)
        if language != "en":
            factories.translate_page(adapted, language)
    if language != "en":
        factories.translate_term(dimension, language, name="Label")
        original = factories.translate_page(original, language)

    assert count_queries(client, original.url) <= MAX_QUERIES["material"]


def test_adaptations_are_listed_in_the_order_they_were_recorded(client):
    original = material("Falling objects")
    first = material("Falling objects for Greece")
    second = material("Falling objects for Czechia")
    later = factories.material_lineage(original, first, "adaptation", "GR")
    earlier = factories.material_lineage(original, second, "adaptation", "CZ")
    # Recorded the other way round from their keys: the order follows the recording time.
    type(later).objects.filter(pk=later.pk).update(created_at=earlier.created_at.replace(year=2031))
    page = text(client.get(original.url))
    assert page.index("Falling objects for Czechia") < page.index("Falling objects for Greece")
