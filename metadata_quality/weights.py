"""What each metadata field is worth to completeness: as much as search makes of it.

A field earns one point for being part of the record, plus the boost of every text field the
search index matches it in, plus one if a search facet filters on it. So a missing
discipline (matched as text and a facet) costs three times what a missing cover image does,
and the weights follow the index and the facet list when they change, instead of being a
second table to keep in step.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wagtail.search import index

from materials.models import MaterialPage
from metadata_quality.facts import MaterialFacts
from search.facets import FACETS


@dataclass(frozen=True)
class ScoredField:
    key: str  # CSV column and template key
    label: str | Promise
    index_names: tuple[str, ...]  # the names the search index reads the field under
    filled: Callable[[MaterialFacts], bool]

    @property
    def weight(self) -> int:
        return field_weights()[self.key]


def text_boost(index_names: tuple[str, ...]) -> int:
    return sum(
        int(field.boost or 1)
        for field in MaterialPage.search_fields
        if isinstance(field, index.SearchField) and field.field_name in index_names
    )


def facet_point(index_names: tuple[str, ...]) -> int:
    return int(any(facet.index_field in index_names for facet in FACETS))


TERM_LABELS = "search_term_labels"
SCORED_FIELDS = (
    ScoredField("title", _("Title"), ("title",), lambda m: bool(m.title.strip())),
    ScoredField("summary", _("Summary"), ("summary",), lambda m: bool(m.summary.strip())),
    ScoredField("keywords", _("Keywords"), ("keywords",), lambda m: bool(m.keywords.strip())),
    ScoredField("commentary", _("Commentary"), ("commentary",), lambda m: m.has_commentary),
    ScoredField("authors", _("Authors"), ("authors",), lambda m: bool(m.authors.strip())),
    ScoredField(
        "disciplines",
        _("Disciplines"),
        (TERM_LABELS, "search_disciplines"),
        lambda m: m.has_disciplines,
    ),
    ScoredField(
        "ages",
        _("Ages"),
        ("age_min", "age_max", "search_age_bands"),
        lambda m: m.age_min is not None and m.age_max is not None,
    ),
    ScoredField("country", _("Country"), ("country",), lambda m: bool(m.country)),
    ScoredField(
        "resource_languages",
        _("Languages of the material"),
        (TERM_LABELS, "search_resource_languages"),
        lambda m: m.has_resource_languages,
    ),
    ScoredField(
        "resource_type", _("Type of resource"), ("resource_type",), lambda m: bool(m.resource_type)
    ),
    ScoredField("audience", _("Audience"), ("audience",), lambda m: bool(m.audience)),
    ScoredField(
        "diversity_dimensions",
        _("Diversity dimensions"),
        (TERM_LABELS, "search_diversity_dimensions"),
        lambda m: m.has_diversity_dimensions,
    ),
    ScoredField("licence", _("Licence"), ("licence",), lambda m: bool(m.licence)),
    ScoredField("partner", _("Partner"), (), lambda m: m.partner_id is not None),
    ScoredField("year", _("Year"), ("year",), lambda m: m.year is not None),
    ScoredField("original_url", _("Original link"), (), lambda m: bool(m.original_url)),
    ScoredField("cover_image", _("Cover image"), (), lambda m: m.cover_image_id is not None),
    ScoredField("files", _("Files"), (), lambda m: m.has_files),
    ScoredField("access_modes", _("Access modes"), (), lambda m: m.has_access_modes),
    ScoredField(
        "accessibility_features",
        _("Accessibility features"),
        ("search_accessibility_features",),
        lambda m: m.has_accessibility_features,
    ),
    ScoredField(
        "accessibility_hazards",
        _("Accessibility hazards"),
        ("search_hazard_free",),
        lambda m: m.has_accessibility_hazards,
    ),
    ScoredField(
        "accessibility_summary",
        _("Accessibility summary"),
        (),
        lambda m: bool(m.accessibility_summary.strip()),
    ),
)


@cache
def field_weights() -> dict[str, int]:
    """Each scored field's weight, worked out once per process (the index and the facet list
    are fixed when the code loads)."""
    return {
        field.key: 1 + text_boost(field.index_names) + facet_point(field.index_names)
        for field in SCORED_FIELDS
    }


@cache
def _weighted_checks() -> tuple[tuple[int, Callable[[MaterialFacts], bool]], ...]:
    """(weight, check) per scored field, for the scorecard's loop over every material."""
    weights = field_weights()
    return tuple((weights[field.key], field.filled) for field in SCORED_FIELDS)


def completeness(material: MaterialFacts) -> float:
    """The weighted share of the scored fields that `material` fills, from 0 to 1."""
    checks = _weighted_checks()
    filled = sum(weight for weight, is_filled in checks if is_filled(material))
    return filled / sum(weight for weight, _ in checks)
