"""Teachers narrow a search by accessibility feature and by the hazards a material is free
of, on the database engine (SQLite or PostgreSQL, whichever the suite runs on). Every
material here is built by the test and carries a word no other page holds, so results and
counts are exactly what the test made."""

import re
from html import unescape

import pytest

from django.utils import translation

from wagtail.search.backends import get_search_backend

from materials.accessibility import AccessibilityFeature, AccessibilityHazard
from tests.factories import full_material
from tests.search.helpers import MARKER, api, counts

pytestmark = pytest.mark.django_db

MATERIALS = {
    "captioned": {
        "accessibility_features": ["closedCaptions", "transcript"],
        "accessibility_hazards": ["none"],
    },
    "described": {
        "accessibility_features": ["alternativeText"],
        "accessibility_hazards": ["noFlashingHazard", "sound", "unknownMotionSimulationHazard"],
    },
    "scanned": {"accessibility_features": ["none"], "accessibility_hazards": ["unknown"]},
    "checked": {
        "accessibility_features": ["alternativeText", "closedCaptions"],
        "accessibility_hazards": ["noFlashingHazard", "noMotionSimulationHazard", "noSoundHazard"],
    },
    "silent": {},
}


@pytest.fixture
def made(material_index):
    """name -> translation key of the materials above, published and indexed."""
    keys = {}
    for name, fields in MATERIALS.items():
        page = full_material(material_index, title=f"{name} {MARKER}", related=0, **fields)
        get_search_backend().add(page)
        keys[name] = page.translation_key
    return keys


def found(client, made, **params) -> set[str]:
    payload = api(client, lang="en", q=MARKER, **params)
    names = {str(key): name for name, key in made.items()}
    return {names[result["translation_key"]] for result in payload["results"]}


def free_of(hazards) -> set[str]:
    """The hazard facet's values for a list of hazards, worked out here from the W3C
    definitions: "none" frees of all; all three "no…Hazard" amount to "none"."""
    kinds = {"noFlashingHazard", "noMotionSimulationHazard", "noSoundHazard"}
    free = set(hazards) & kinds
    if "none" in hazards or free == kinds:
        free |= kinds | {"none"}
    return free


@pytest.mark.parametrize(
    ("features", "expected"),
    [
        (["closedCaptions"], {"captioned", "checked"}),
        (["transcript"], {"captioned"}),
        (["transcript", "alternativeText"], {"captioned", "described", "checked"}),  # OR
        (["signLanguage"], set()),
    ],
)
def test_filter_by_feature(client, made, features, expected):
    assert found(client, made, feature=features) == expected


@pytest.mark.parametrize("hazard", ["none", "noFlashingHazard", "noMotionSimulationHazard"])
def test_filter_by_freedom_from_a_hazard(client, made, hazard):
    expected = {
        name
        for name, fields in MATERIALS.items()
        if hazard in free_of(fields.get("accessibility_hazards", []))
    }
    assert expected  # every case finds something
    assert found(client, made, hazard=hazard) == expected


def test_feature_and_hazard_combine_with_and(client, made):
    assert found(client, made, feature="closedCaptions", hazard="none") == {"captioned", "checked"}
    assert found(client, made, feature="alternativeText", hazard="noSoundHazard") == {"checked"}


def test_counts_follow_the_materials_and_never_offer_none_as_a_feature(client, made):
    payload = api(client, lang="en", q=MARKER)
    features: dict[str, int] = {}
    hazards: dict[str, int] = {}
    for fields in MATERIALS.values():
        for key in set(fields.get("accessibility_features", [])) - {"none"}:
            features[key] = features.get(key, 0) + 1
        for key in free_of(fields.get("accessibility_hazards", [])):
            hazards[key] = hazards.get(key, 0) + 1
    assert counts(payload, "feature") == features
    assert counts(payload, "hazard") == hazards
    # Disjunctive inside the facet: ticking a feature leaves its own counts as they were.
    narrowed = api(client, lang="en", q=MARKER, feature="transcript")
    assert counts(narrowed, "feature") == features
    # The other facets apply it: only the captioned material is left, free of every hazard.
    assert counts(narrowed, "hazard") == dict.fromkeys(free_of(["none"]), 1)


def test_labels_are_in_the_visitors_language_and_keys_are_not(client, made):
    payload = api(client, lang="de", q=MARKER, all_languages=1)
    group = next(group for group in payload["facets"] if group["name"] == "feature")
    with translation.override("de"):
        expected = str(AccessibilityFeature.CLOSED_CAPTIONS.label)
        facet_label = str(AccessibilityHazard.NONE.label)
    assert {value["key"]: value["label"] for value in group["values"]}["closedCaptions"] == expected
    hazard = next(group for group in payload["facets"] if group["name"] == "hazard")
    assert {value["key"]: value["label"] for value in hazard["values"]}["none"] == facet_label
    assert expected != "Closed captions"


def test_search_page_offers_the_filters_and_shows_the_chosen_one(client, made):
    response = client.get(f"/en/search/?q={MARKER}&feature=closedCaptions&hazard=none")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="facet-feature"' in html and 'id="facet-hazard"' in html
    assert re.search(r'name="feature" value="closedCaptions" checked', html)
    assert re.search(r'name="hazard" value="none" checked', html)
    assert [chip.label for chip in response.context["results"].chips] == [
        "Closed captions",
        "No hazards",
    ]


@pytest.mark.parametrize(
    ("params", "ignored"),
    [
        ({"feature": "captions"}, [["feature", "captions"]]),  # deprecated W3C term
        ({"feature": "none"}, [["feature", "none"]]),  # an absence, not a filter
        ({"hazard": "flashing"}, [["hazard", "flashing"]]),  # a hazard, not freedom from one
        ({"hazard": "<b>none</b>"}, [["hazard", "<b>none</b>"]]),
        ({"feature": ["closedCaptions", "nope"]}, [["feature", "nope"]]),
    ],
)
def test_values_outside_the_filters_are_reported_and_leave_the_rest(client, made, params, ignored):
    """As for every facet (search.forms): a value that is not a filter is left out and
    named in the answer, the rest of the search still runs."""
    payload = api(client, lang="en", q=MARKER, **params)
    assert [[item["facet"], item["value"]] for item in payload["ignored"]] == ignored
    kept = [value for value in params.get("feature", []) if value == "closedCaptions"]
    assert payload["applied"] == ({"feature": ["closedCaptions"]} if kept else {})
    page = client.get("/en/search/", {"q": MARKER, **params})
    assert page.status_code == 200
    alert = re.search(
        r'class="search__messages" role="alert">(.*?)</div>', page.content.decode(), re.S
    )
    assert alert, "no message"
    for _facet, value in ignored:
        assert f"<code>{value}</code>" in unescape(alert.group(1))


def test_malformed_parameters_next_to_a_filter_are_a_400_with_a_message(client, made):
    response = client.get("/api/search/", {"feature": "closedCaptions", "pupil_age": "seven"})
    assert response.status_code == 400
    assert response.json()["errors"]["pupil_age"]
    page = client.get("/en/search/", {"feature": "closedCaptions", "pupil_age": "seven"})
    assert page.status_code == 400
    assert "pupil" in page.content.decode().lower()
