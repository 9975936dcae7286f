"""A material's accessibility metadata: what an editor may state, how it is stored, what a
visitor reads on the page in their language, and how translations share the facts."""

import re

import pytest

from django.core.exceptions import ValidationError
from django.utils import translation

from materials.accessibility import (
    AccessibilityFeature,
    AccessibilityHazard,
    AccessMode,
    hazard_free,
)
from materials.models import MaterialPage
from tests.factories import MaterialPageFactory, full_material, publish, translate_page
from tests.materials.test_editor_journey import material_form

pytestmark = pytest.mark.django_db

CONTRADICTIONS = [
    ("accessibility_hazards", ["none", "flashing"]),
    ("accessibility_hazards", ["none", "noSoundHazard"]),
    ("accessibility_hazards", ["unknown", "sound"]),
    ("accessibility_hazards", ["unknown", "none"]),
    ("accessibility_hazards", ["flashing", "noFlashingHazard"]),
    ("accessibility_hazards", ["sound", "unknownSoundHazard"]),
    ("accessibility_hazards", ["noMotionSimulationHazard", "unknownMotionSimulationHazard"]),
    ("accessibility_features", ["none", "closedCaptions"]),
]
CONSISTENT = [
    {},
    {"accessibility_hazards": ["none"]},
    {"accessibility_hazards": ["unknown"]},
    {"accessibility_hazards": ["flashing", "noMotionSimulationHazard", "unknownSoundHazard"]},
    {"accessibility_features": ["none"], "access_modes": ["textual", "visual"]},
    {"accessibility_features": ["alternativeText", "closedCaptions", "MathML"]},
]
UNKNOWN_KEYS = [
    ("access_modes", ["smell"]),
    ("accessibility_features", ["captions"]),  # deprecated by the vocabulary: not offered
    ("accessibility_hazards", ["noFlashing"]),
    ("accessibility_features", "alternativeText"),  # a string, not a list
    ("access_modes", [1]),
]


@pytest.fixture
def material(material_index):
    return MaterialPageFactory(parent=material_index)


@pytest.mark.parametrize(("field", "keys"), CONTRADICTIONS)
def test_contradicting_statements_are_refused_on_their_field(material, field, keys):
    setattr(material, field, keys)
    with pytest.raises(ValidationError) as error:
        material.full_clean()
    assert list(error.value.message_dict) == [field]
    message = " ".join(error.value.message_dict[field])
    assert "cannot be combined" in message or "Choose only one" in message


@pytest.mark.parametrize("fields", CONSISTENT)
def test_consistent_statements_are_accepted(material, fields):
    for name, keys in fields.items():
        setattr(material, name, keys)
    material.full_clean()


@pytest.mark.parametrize(("field", "keys"), UNKNOWN_KEYS)
def test_values_outside_the_vocabulary_are_refused(material, field, keys):
    setattr(material, field, keys)
    with pytest.raises(ValidationError) as error:
        material.full_clean()
    assert field in error.value.message_dict


def test_keys_are_stored_once_in_the_vocabulary_order(material):
    material.accessibility_features = ["transcript", "alternativeText", "transcript"]
    material.access_modes = ["visual", "textual"]
    publish(material)
    stored = MaterialPage.objects.get(pk=material.pk)
    assert stored.accessibility_features == ["alternativeText", "transcript"]
    assert stored.access_modes == ["textual", "visual"]


@pytest.mark.parametrize(
    ("hazards", "free"),
    [
        (["none"], ("none", "noFlashingHazard", "noMotionSimulationHazard", "noSoundHazard")),
        (
            ["noSoundHazard", "noFlashingHazard", "noMotionSimulationHazard"],
            ("none", "noFlashingHazard", "noMotionSimulationHazard", "noSoundHazard"),
        ),
        (["noFlashingHazard", "sound"], ("noFlashingHazard",)),
        (["unknown"], ()),
        ([], ()),
    ],
)
def test_hazard_free_reads_none_as_free_of_every_hazard(hazards, free):
    assert hazard_free(hazards) == free


def test_the_vocabularies_have_unique_keys_and_labels():
    for vocabulary in (AccessMode, AccessibilityFeature, AccessibilityHazard):
        assert len(set(vocabulary.values)) == len(vocabulary.values)
        assert len({str(label) for label in vocabulary.labels}) == len(vocabulary.labels)


def accessibility_section(html: str) -> str:
    found = re.search(r'<section class="accessibility".*?</section>', html, re.S)
    assert found, "no accessibility section"
    return found.group(0)


def described(material_index, **fields):
    return full_material(
        material_index,
        access_modes=["textual", "visual"],
        accessibility_features=["closedCaptions", "transcript"],
        accessibility_hazards=["none"],
        accessibility_summary="The videos have closed captions.",
        **fields,
    )


def labels(language: str, *members) -> list[str]:
    with translation.override(language):
        return [str(member.label) for member in members]


def test_page_shows_the_accessibility_section_in_english_and_german(client, material_index):
    material = described(material_index)
    german = translate_page(
        material,
        "de",
        title="Material auf Deutsch",
        accessibility_summary="Die Videos haben Untertitel.",
    )
    members = (
        AccessMode.TEXTUAL,
        AccessibilityFeature.CLOSED_CAPTIONS,
        AccessibilityFeature.TRANSCRIPT,
        AccessibilityHazard.NONE,
    )
    english = accessibility_section(client.get(material.url).content.decode())
    assert "The videos have closed captions." in english
    for label in labels("en", *members):
        assert label in english

    response = client.get(german.url)
    assert response.status_code == 200
    section = accessibility_section(response.content.decode())
    assert "Die Videos haben Untertitel." in section
    assert "Barrierefreiheit" in section  # the heading
    for english_label, german_label in zip(
        labels("en", *members), labels("de", *members), strict=True
    ):
        assert german_label != english_label, f"{english_label!r} is not translated"
        assert german_label in section


def test_page_says_when_nothing_is_described(client, material_index):
    material = full_material(material_index)
    section = accessibility_section(client.get(material.url).content.decode())
    assert "has not been described yet" in section


def test_source_facts_reach_translations_on_publish_and_the_summary_stays_translated(
    material_index,
):
    material = described(material_index)
    german = translate_page(material, "de", accessibility_summary="Die Videos haben Untertitel.")
    assert german.accessibility_features == ["closedCaptions", "transcript"]

    material.accessibility_features = ["alternativeText"]
    material.accessibility_hazards = ["flashing", "noSoundHazard"]
    material.accessibility_summary = "Now with text alternatives."
    publish(material)

    german = MaterialPage.objects.get(pk=german.pk)
    assert german.accessibility_features == ["alternativeText"]
    assert german.accessibility_hazards == ["noSoundHazard", "flashing"]  # vocabulary order
    assert german.accessibility_summary == "Die Videos haben Untertitel."


def test_editor_ticks_checkboxes_and_gets_a_clear_error_for_a_contradiction(
    admin_client, material_index
):
    url = f"/admin/pages/add/materials/materialpage/{material_index.pk}/"
    form_page = admin_client.get(url).content.decode()
    for name in ("access_modes", "accessibility_features", "accessibility_hazards"):
        assert re.search(rf'type="checkbox" name="{name}" value="', form_page), name
    assert 'name="accessibility_summary"' in form_page

    data = material_form()
    data["accessibility_hazards"] = ["none", "flashing"]
    data["accessibility_features"] = ["transcript", "closedCaptions"]
    data["accessibility_summary"] = "Captions in English."
    response = admin_client.post(url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "cannot be combined" in " ".join(form.errors["accessibility_hazards"])
    assert not MaterialPage.objects.filter(slug=data["slug"]).exists()
    # Nothing the editor typed or ticked is lost: the form comes back as sent.
    assert form["accessibility_summary"].value() == "Captions in English."
    assert set(form["accessibility_features"].value()) == {"transcript", "closedCaptions"}

    data["accessibility_hazards"] = ["noFlashingHazard", "sound"]
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    material = MaterialPage.objects.get(slug=data["slug"])
    assert material.accessibility_features == ["closedCaptions", "transcript"]
    assert material.accessibility_hazards == ["noFlashingHazard", "sound"]


def test_editor_posting_an_unknown_key_gets_a_message_not_a_500(admin_client, material_index):
    url = f"/admin/pages/add/materials/materialpage/{material_index.pk}/"
    data = material_form()
    data["access_modes"] = ["textual", "smell"]
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "smell" in " ".join(response.context["form"].errors["access_modes"])
    assert not MaterialPage.objects.filter(slug=data["slug"]).exists()
