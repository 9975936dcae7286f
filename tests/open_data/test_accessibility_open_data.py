"""Accessibility metadata leaves the site in one shape: schema.org's own property names and
vocabulary keys in the JSON-LD, {"key", "label"} terms in /api/v2/ and /api/search/, the
summary in the page's language. Keys are checked against the W3C vocabulary's published
lists (schemas/a11y-discov-vocab.json, transcribed from the 2024 report), not against the
site's own list."""

import json
from pathlib import Path

import pytest

from django.utils import translation

from materials.accessibility import AccessibilityFeature, AccessibilityHazard, AccessMode
from materials.models import MaterialPage
from tests.conftest import shared_data
from tests.factories import full_material, translate_page
from tests.open_data.test_jsonld import embedded_json_ld, expand, values

pytestmark = pytest.mark.django_db

W3C = json.loads(Path(__file__).with_name("schemas").joinpath("a11y-discov-vocab.json").read_text())
PROPERTIES = {
    "accessMode": AccessMode,
    "accessibilityFeature": AccessibilityFeature,
    "accessibilityHazard": AccessibilityHazard,
}
FIELDS = {
    "access_modes": ["textual", "visual", "chartOnVisual"],
    "accessibility_features": ["alternativeText", "closedCaptions", "MathML"],
    "accessibility_hazards": ["noFlashingHazard", "sound", "unknownMotionSimulationHazard"],
}


def build_described() -> int:
    """An English material stating every field of FIELDS and a summary."""
    material = full_material(accessibility_summary="Captions in English.", **FIELDS, related=0)
    return material.pk


@pytest.fixture(scope="module")
def described_pk(django_db_setup, django_db_blocker):
    """Built once for the module (see `shared_data`)."""
    with shared_data(django_db_blocker, build_described) as pk:
        yield pk


@pytest.fixture
def described(db, described_pk):
    return MaterialPage.objects.get(pk=described_pk)


@pytest.mark.parametrize("name", list(PROPERTIES))
def test_every_key_is_a_current_w3c_vocabulary_term(name):
    keys = set(PROPERTIES[name].values)
    assert keys <= set(W3C[name]), keys - set(W3C[name])
    assert not keys & set(W3C["deprecated"])


def test_json_ld_uses_schema_org_properties_and_vocabulary_keys(client, described):
    data = embedded_json_ld(client.get(described.url).content.decode())
    used = {name for name in data if name.startswith("access")}
    assert used == {"accessMode", "accessibilityFeature", "accessibilityHazard"} | {
        "accessibilitySummary"
    }
    assert used <= set(W3C["properties"])
    node = expand(data)
    for name, field in zip(
        ["accessMode", "accessibilityFeature", "accessibilityHazard"], FIELDS, strict=True
    ):
        assert sorted(values(node, name)) == sorted(FIELDS[field])
        assert set(values(node, name)) <= set(W3C[name])
    assert values(node, "accessibilitySummary") == ["Captions in English."]


def test_json_ld_of_a_translation_has_the_same_keys_and_its_own_summary(client, described):
    german = translate_page(described, "de", accessibility_summary="Untertitel auf Englisch.")
    node = expand(embedded_json_ld(client.get(german.url).content.decode()))
    assert sorted(values(node, "accessibilityFeature")) == sorted(FIELDS["accessibility_features"])
    assert values(node, "accessibilitySummary") == ["Untertitel auf Englisch."]


def test_json_ld_leaves_out_what_the_editor_did_not_state(client, material_index):
    material = full_material(material_index, related=0)
    data = embedded_json_ld(client.get(material.url).content.decode())
    assert not [name for name in data if name.startswith("access")]


def expected_terms(language: str, field: str, vocabulary) -> list[dict]:
    with translation.override(language):
        return [{"key": key, "label": str(vocabulary(key).label)} for key in FIELDS[field]]


@pytest.mark.parametrize("language", ["en", "de"])
def test_pages_api_gives_key_and_label_terms_in_the_page_language(client, described, language):
    page = described if language == "en" else translate_page(described, "de")
    fields = "access_modes,accessibility_features,accessibility_hazards,accessibility_summary"
    data = client.get(f"/api/v2/pages/{page.pk}/", {"fields": fields}).json()
    assert data["access_modes"] == expected_terms(language, "access_modes", AccessMode)
    assert data["accessibility_features"] == expected_terms(
        language, "accessibility_features", AccessibilityFeature
    )
    assert data["accessibility_hazards"] == expected_terms(
        language, "accessibility_hazards", AccessibilityHazard
    )
    assert data["accessibility_summary"] == "Captions in English."
    if language == "de":
        english = expected_terms("en", "accessibility_features", AccessibilityFeature)
        assert data["accessibility_features"] != english  # translated labels, same keys


def test_search_cards_carry_the_same_terms_as_the_pages_api(client, described):
    payload = client.get(
        "/api/search/", {"lang": "en", "feature": "MathML", "q": described.title}
    ).json()
    card = next(result for result in payload["results"] if result["id"] == described.pk)
    page = client.get(
        f"/api/v2/pages/{described.pk}/",
        {"fields": "accessibility_features,accessibility_hazards"},
    ).json()
    for name in ("accessibility_features", "accessibility_hazards"):
        assert card[name] == page[name]
        assert all(set(term) == {"key", "label"} for term in card[name])
