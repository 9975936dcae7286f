"""Accessibility metadata of a material: schema.org's accessMode, accessibilityFeature and
accessibilityHazard, with the values of the W3C "Schema.org Accessibility Properties for
Discoverability Vocabulary" (2024 report).

The keys are the vocabulary's own names, so the JSON-LD and the APIs carry them unchanged
and harvesters understand them; only the labels are translated. The selection keeps the
values that describe PD materials (documents, videos, simulations), not every publishing
term: "captions", deprecated by the vocabulary, is replaced by closedCaptions and
openCaptions. This module is pure: no model, no query.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AccessMode(models.TextChoices):
    """The senses or skills needed to take in the content."""

    TEXTUAL = "textual", pgettext_lazy("accessibility", "Written text")
    VISUAL = "visual", pgettext_lazy("accessibility", "Images or video")
    AUDITORY = "auditory", pgettext_lazy("accessibility", "Sound")
    TACTILE = "tactile", pgettext_lazy("accessibility", "Touch")
    TEXT_ON_VISUAL = "textOnVisual", pgettext_lazy("accessibility", "Text in images")
    CHART_ON_VISUAL = "chartOnVisual", pgettext_lazy("accessibility", "Charts and graphs")
    DIAGRAM_ON_VISUAL = "diagramOnVisual", pgettext_lazy("accessibility", "Diagrams")
    MATH_ON_VISUAL = "mathOnVisual", pgettext_lazy("accessibility", "Mathematics shown as images")
    CHEM_ON_VISUAL = "chemOnVisual", pgettext_lazy("accessibility", "Chemistry shown as images")
    COLOR_DEPENDENT = (
        "colorDependent",
        pgettext_lazy("accessibility", "Information given by colour"),
    )
    MUSIC_ON_VISUAL = (
        "musicOnVisual",
        pgettext_lazy("accessibility", "Music notation shown as images"),
    )


class AccessibilityFeature(models.TextChoices):
    """What the material offers beyond its default presentation."""

    ALTERNATIVE_TEXT = (
        "alternativeText",
        pgettext_lazy("accessibility", "Text alternatives for images"),
    )
    LONG_DESCRIPTION = (
        "longDescription",
        pgettext_lazy("accessibility", "Long descriptions of complex images"),
    )
    CLOSED_CAPTIONS = "closedCaptions", pgettext_lazy("accessibility", "Closed captions")
    OPEN_CAPTIONS = "openCaptions", pgettext_lazy("accessibility", "Open (burned-in) captions")
    TRANSCRIPT = "transcript", pgettext_lazy("accessibility", "Transcript")
    AUDIO_DESCRIPTION = "audioDescription", pgettext_lazy("accessibility", "Audio description")
    SIGN_LANGUAGE = "signLanguage", pgettext_lazy("accessibility", "Sign language")
    STRUCTURAL_NAVIGATION = (
        "structuralNavigation",
        pgettext_lazy("accessibility", "Headings for navigation"),
    )
    TABLE_OF_CONTENTS = "tableOfContents", pgettext_lazy("accessibility", "Table of contents")
    READING_ORDER = "readingOrder", pgettext_lazy("accessibility", "Logical reading order")
    TAGGED_PDF = "taggedPDF", pgettext_lazy("accessibility", "Tagged PDF")
    ARIA = "ARIA", pgettext_lazy("accessibility", "ARIA roles for assistive technology")
    DESCRIBED_MATH = (
        "describedMath",
        pgettext_lazy("accessibility", "Mathematics described in words"),
    )
    MATHML = "MathML", pgettext_lazy("accessibility", "Mathematics as MathML")
    LATEX = "latex", pgettext_lazy("accessibility", "Mathematics as LaTeX")
    CHEMML = "ChemML", pgettext_lazy("accessibility", "Chemistry as ChemML")
    DISPLAY_TRANSFORMABILITY = (
        "displayTransformability",
        pgettext_lazy("accessibility", "Text size and colours adjustable"),
    )
    HIGH_CONTRAST_DISPLAY = "highContrastDisplay", pgettext_lazy("accessibility", "High contrast")
    LARGE_PRINT = "largePrint", pgettext_lazy("accessibility", "Large print")
    BRAILLE = "braille", pgettext_lazy("accessibility", "Braille")
    TACTILE_GRAPHIC = "tactileGraphic", pgettext_lazy("accessibility", "Tactile graphics")
    SYNCHRONIZED_AUDIO_TEXT = (
        "synchronizedAudioText",
        pgettext_lazy("accessibility", "Text highlighted with the audio"),
    )
    TIMING_CONTROL = (
        "timingControl",
        pgettext_lazy("accessibility", "No time limits, or adjustable ones"),
    )
    NONE = "none", pgettext_lazy("accessibility", "No accessibility features")


class AccessibilityHazard(models.TextChoices):
    """What may be physiologically dangerous to some users (WCAG 2.3), stated per hazard
    kind as present, absent or unknown, or for all kinds at once (none, unknown)."""

    NONE = "none", pgettext_lazy("accessibility", "No hazards")
    NO_FLASHING = "noFlashingHazard", pgettext_lazy("accessibility", "No flashing hazard")
    NO_MOTION = (
        "noMotionSimulationHazard",
        pgettext_lazy("accessibility", "No motion simulation hazard"),
    )
    NO_SOUND = "noSoundHazard", pgettext_lazy("accessibility", "No sound hazard")
    FLASHING = "flashing", pgettext_lazy("accessibility", "Flashing")
    MOTION = "motionSimulation", pgettext_lazy("accessibility", "Motion simulation")
    SOUND = "sound", pgettext_lazy("accessibility", "Sound hazard")
    UNKNOWN_FLASHING = (
        "unknownFlashingHazard",
        pgettext_lazy("accessibility", "Flashing hazard not known"),
    )
    UNKNOWN_MOTION = (
        "unknownMotionSimulationHazard",
        pgettext_lazy("accessibility", "Motion simulation hazard not known"),
    )
    UNKNOWN_SOUND = "unknownSoundHazard", pgettext_lazy("accessibility", "Sound hazard not known")
    UNKNOWN = "unknown", pgettext_lazy("accessibility", "Hazards not known")


# Per hazard kind: the values that state it present, absent and unknown. A material states
# each kind at most once.
HAZARD_KINDS = (
    ("flashing", "noFlashingHazard", "unknownFlashingHazard"),
    ("motionSimulation", "noMotionSimulationHazard", "unknownMotionSimulationHazard"),
    ("sound", "noSoundHazard", "unknownSoundHazard"),
)
# The values a teacher can filter on: "free of this hazard" (and "none": free of all).
HAZARD_FREE_KEYS = (
    AccessibilityHazard.NONE.value,
    AccessibilityHazard.NO_FLASHING.value,
    AccessibilityHazard.NO_MOTION.value,
    AccessibilityHazard.NO_SOUND.value,
)
# The features a teacher can filter on: all but "none", which describes an absence.
FILTERABLE_FEATURES = tuple(
    key for key in AccessibilityFeature.values if key != AccessibilityFeature.NONE
)


def filterable_features(features) -> list[str]:
    """The features a search filters on, in the vocabulary's order ("none" describes an
    absence and is not offered)."""
    chosen = set(features or ())
    return [key for key in FILTERABLE_FEATURES if key in chosen]


def in_vocabulary_order(keys, choices) -> tuple[str, ...]:
    """Known keys once each, in the vocabulary's order: stored lists compare and display
    the same whatever order the editor ticked them in."""
    chosen = set(keys or ())
    return tuple(key for key in choices.values if key in chosen)


def hazard_problems(hazards) -> list[str]:
    """Why a list of hazards contradicts itself; empty when it does not."""
    chosen = set(hazards or ())
    problems = []
    for whole in (AccessibilityHazard.NONE, AccessibilityHazard.UNKNOWN):
        if whole in chosen and len(chosen) > 1:
            problems.append(
                _("“%(value)s” cannot be combined with other hazard statements.")
                % {"value": whole.label}
            )
    for kind in HAZARD_KINDS:
        stated = [key for key in kind if key in chosen]
        if len(stated) > 1:
            labels = ", ".join(f"“{AccessibilityHazard(key).label}”" for key in stated)
            problems.append(
                _("Choose only one of %(values)s: each hazard is present, absent or not known.")
                % {"values": labels}
            )
    return problems


def feature_problems(features) -> list[str]:
    """Why a list of features contradicts itself; empty when it does not."""
    chosen = set(features or ())
    if AccessibilityFeature.NONE in chosen and len(chosen) > 1:
        return [
            _("“%(value)s” cannot be combined with features.")
            % {"value": AccessibilityFeature.NONE.label}
        ]
    return []


def hazard_free(hazards) -> tuple[str, ...]:
    """The HAZARD_FREE_KEYS a material's hazards state: "none" frees it of every kind,
    and being free of every kind one by one is "none" too."""
    chosen = set(hazards or ())
    free = {key for key in HAZARD_FREE_KEYS if key in chosen}
    if AccessibilityHazard.NONE in chosen:
        free.update(HAZARD_FREE_KEYS)
    if {absent for _present, absent, _unknown in HAZARD_KINDS} <= free:
        free.add(AccessibilityHazard.NONE.value)
    return tuple(key for key in HAZARD_FREE_KEYS if key in free)
