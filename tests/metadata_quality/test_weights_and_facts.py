"""Completeness weights follow the search index and the facets; each per-material check is
a function of one row (no database)."""

import gc
import json

import pytest

from metadata_quality.facts import MaterialFacts
from metadata_quality.scorecard import collector_paused
from metadata_quality.weights import SCORED_FIELDS, completeness, facet_point, text_boost

WEIGHTS = {field.key: field.weight for field in SCORED_FIELDS}


def facts(**values) -> MaterialFacts:
    return MaterialFacts(
        page_id=1, translation_key="k", locale_id=1, live=True, last_published_at=None, **values
    )


def complete() -> MaterialFacts:
    return facts(
        title="Light",
        summary="S",
        keywords="light; optics",
        authors="A. Author",
        commentary_json=json.dumps([{"type": "text", "value": "<p>Why</p>"}]),
        age_min=10,
        age_max=14,
        country="NL",
        resource_type="teaching-unit",
        audience="in-service",
        licence="cc-by",
        original_url="https://example.org/",
        partner_id=1,
        year=2024,
        cover_image_id=1,
        has_access_modes=True,
        has_accessibility_features=True,
        has_accessibility_hazards=True,
        accessibility_summary="Captioned.",
        has_disciplines=True,
        has_resource_languages=True,
        has_diversity_dimensions=True,
        has_files=True,
    )


def test_a_field_weighs_one_plus_its_text_boost_plus_a_facet():
    assert text_boost(("keywords",)) == 2  # SearchField("keywords", boost=2)
    assert facet_point(("country",)) == 1
    assert facet_point(("year",)) == 0  # filtered, but no facet
    assert WEIGHTS["keywords"] == 3
    assert WEIGHTS["country"] == 2
    assert WEIGHTS["year"] == 1
    assert WEIGHTS["cover_image"] == 1
    # Matched as text (their labels) and a facet:
    assert WEIGHTS["disciplines"] == 3
    assert WEIGHTS["accessibility_features"] == 2


def test_the_title_weighs_what_wagtail_boosts_it_by():
    assert WEIGHTS["title"] == 1 + text_boost(("title",))
    assert text_boost(("title",)) >= 1


def test_completeness_is_the_weighted_share_of_filled_fields():
    full = complete()
    assert completeness(full) == 1
    total = sum(WEIGHTS.values())
    without_disciplines = complete()
    without_disciplines.has_disciplines = False
    assert completeness(without_disciplines) == pytest.approx((total - 3) / total)
    without_cover = complete()
    without_cover.cover_image_id = None
    assert completeness(without_cover) == pytest.approx((total - 1) / total)
    assert completeness(facts()) == 0


def image(alt_text="", decorative=False):
    return {"type": "image", "value": {"image": 1, "alt_text": alt_text, "decorative": decorative}}


def test_images_without_alt_text_are_counted_unless_decorative():
    material = facts(
        commentary_json=json.dumps(
            [
                image(),
                image(alt_text="A pendulum"),
                image(decorative=True),
                image(alt_text="  "),
                {"type": "text", "value": "x"},
            ]
        )
    )
    assert material.images_without_alt_text == 2
    assert facts(commentary_json="not json").images_without_alt_text == 0
    assert facts(commentary_json=json.dumps({"type": "image"})).images_without_alt_text == 0


def test_accessibility_metadata_needs_modes_features_and_hazards():
    assert not complete().lacks_accessibility_metadata
    for missing in ("has_access_modes", "has_accessibility_features", "has_accessibility_hazards"):
        material = complete()
        setattr(material, missing, False)
        assert material.lacks_accessibility_metadata, missing


@pytest.mark.parametrize(
    ("licence", "has_files", "unclear"),
    [
        ("cc-by", True, False),
        ("cc0", False, False),
        ("", False, True),
        ("my-own-licence", False, True),
        ("all-rights-reserved", False, False),  # a link to the publisher's site only
        ("all-rights-reserved", True, True),  # files the site redistributes
    ],
)
def test_an_unclear_licence(licence, has_files, unclear):
    assert facts(licence=licence, has_files=has_files).licence_unclear is unclear


def test_the_collector_pause_restores_the_collector_as_it_was():
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("a failed build")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # a caller's own pause is kept
    finally:
        gc.enable()
