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


class AccessMode(models.TextChoices):
    """The senses or skills needed to take in the content."""

    TEXTUAL = "textual", _("Text")
    VISUAL = "visual", _("Images or video")
    AUDITORY = "auditory", _("Sound")
    TACTILE = "tactile", _("Touch")
    TEXT_ON_VISUAL = "textOnVisual", _("Text in images")
    CHART_ON_VISUAL = "chartOnVisual", _("Charts and graphs")
    DIAGRAM_ON_VISUAL = "diagramOnVisual", _("Diagrams")
    MATH_ON_VISUAL = "mathOnVisual", _("Mathematics shown as images")
    CHEM_ON_VISUAL = "chemOnVisual", _("Chemistry shown as images")
    COLOR_DEPENDENT = "colorDependent", _("Information given by colour")
    MUSIC_ON_VISUAL = "musicOnVisual", _("Music notation shown as images")


class AccessibilityFeature(models.TextChoices):
    """What the material offers beyond its default presentation."""

    ALTERNATIVE_TEXT = "alternativeText", _("Text alternatives for images")
    LONG_DESCRIPTION = "longDescription", _("Long descriptions of complex images")
    CLOSED_CAPTIONS = "closedCaptions", _("Closed captions")
    OPEN_CAPTIONS = "openCaptions", _("Open (burned-in) captions")
    TRANSCRIPT = "transcript", _("Transcript")
    AUDIO_DESCRIPTION = "audioDescription", _("Audio description")
    SIGN_LANGUAGE = "signLanguage", _("Sign language")
    STRUCTURAL_NAVIGATION = "structuralNavigation", _("Headings for navigation")
    TABLE_OF_CONTENTS = "tableOfContents", _("Table of contents")
    READING_ORDER = "readingOrder", _("Logical reading order")
    TAGGED_PDF = "taggedPDF", _("Tagged PDF")
    ARIA = "ARIA", _("ARIA roles for assistive technology")
    DESCRIBED_MATH = "describedMath", _("Mathematics described in words")
    MATHML = "MathML", _("Mathematics as MathML")
    LATEX = "latex", _("Mathematics as LaTeX")
    CHEMML = "ChemML", _("Chemistry as ChemML")
    DISPLAY_TRANSFORMABILITY = "displayTransformability", _("Text size and colours adjustable")
    HIGH_CONTRAST_DISPLAY = "highContrastDisplay", _("High contrast")
    LARGE_PRINT = "largePrint", _("Large print")
    BRAILLE = "braille", _("Braille")
    TACTILE_GRAPHIC = "tactileGraphic", _("Tactile graphics")
    SYNCHRONIZED_AUDIO_TEXT = "synchronizedAudioText", _("Text highlighted with the audio")
    TIMING_CONTROL = "timingControl", _("No time limits, or adjustable ones")
    NONE = "none", _("No accessibility features")


class AccessibilityHazard(models.TextChoices):
    """What may be physiologically dangerous to some users (WCAG 2.3), stated per hazard
    kind as present, absent or unknown, or for all kinds at once (none, unknown)."""

    NONE = "none", _("No hazards")
    NO_FLASHING = "noFlashingHazard", _("No flashing hazard")
    NO_MOTION = "noMotionSimulationHazard", _("No motion simulation hazard")
    NO_SOUND = "noSoundHazard", _("No sound hazard")
    FLASHING = "flashing", _("Flashing")
    MOTION = "motionSimulation", _("Motion simulation")
    SOUND = "sound", _("Sound hazard")
    UNKNOWN_FLASHING = "unknownFlashingHazard", _("Flashing hazard not known")
    UNKNOWN_MOTION = "unknownMotionSimulationHazard", _("Motion simulation hazard not known")
    UNKNOWN_SOUND = "unknownSoundHazard", _("Sound hazard not known")
    UNKNOWN = "unknown", _("Hazards not known")


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
