"""Every facet's possible values, in display order, with their labels in every
language. Loaded once per search generation (taxonomy edits start a new one), so a
search request spends no query on labels."""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django_countries import countries

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from materials.accessibility import (
    FILTERABLE_FEATURES,
    HAZARD_FREE_KEYS,
    AccessibilityFeature,
    AccessibilityHazard,
)
from materials.age_bands import AGE_BANDS
from materials.licences import LICENCES
from materials.models import Discipline, DiversityDimension, ResourceLanguage
from materials.models.choices import Audience, ResourceType
from materials.models.pd_uses import USED_IN_PD
from search.generation_cache import PerGeneration
from search.models import SearchGeneration


@dataclass(frozen=True)
class TermLabels:
    """A translatable taxonomy: canonical key -> {language: name}."""

    order: tuple[str, ...]
    names: dict[str, dict[str, str]]

    def label(self, key: str, language: str) -> str:
        names = self.names.get(key, {})
        return names.get(language) or names.get(settings.LANGUAGE_CODE) or key

    @cached_property
    def position(self) -> dict[str, int]:
        return {key: place for place, key in enumerate(self.order)}

    def in_order(self, keys) -> list[str]:
        """`keys` in the taxonomy's display order (unknown keys last)."""
        last = len(self.order)
        return sorted(keys, key=lambda key: self.position.get(key, last))

    def label_language(self, key: str, language: str) -> str:
        """The language `label` answers in: an untranslated term shows its source name,
        which the page marks with `lang` (for screen readers and hyphenation)."""
        names = self.names.get(key, {})
        if names.get(language) or not names.get(settings.LANGUAGE_CODE):
            return language
        return settings.LANGUAGE_CODE


def _load_terms(model, key_field: str) -> TermLabels:
    rows = model.objects.values_list(key_field, "locale__language_code", "name").order_by(
        "sort_order" if hasattr(model, "sort_order") else "name", "name", "pk"
    )
    order: dict[str, None] = {}
    names: dict[str, dict[str, str]] = defaultdict(dict)
    for key, language, name in rows:
        if language == settings.LANGUAGE_CODE:
            order[key] = None
        names[key][language] = name
    for key in names:  # terms with no source-language version still count
        order.setdefault(key, None)
    return TermLabels(tuple(order), dict(names))


class Vocabulary:
    """Values and labels for each facet of search.facets.FACETS."""

    def __init__(self):
        self.terms = {
            "discipline": _load_terms(Discipline, "slug"),
            "dimension": _load_terms(DiversityDimension, "slug"),
            "language": _load_terms(ResourceLanguage, "code"),
        }
        self.choices: dict[str, list[tuple[str, Any]]] = {
            "age": [(band.key, band.label) for band in AGE_BANDS],
            "type": list(ResourceType.choices),
            "audience": list(Audience.choices),
            "licence": [(licence.key, licence.name) for licence in LICENCES],
            "used": [(USED_IN_PD, _("Used in PD activities"))],
            "feature": [(key, AccessibilityFeature(key).label) for key in FILTERABLE_FEATURES],
            "hazard": [(key, AccessibilityHazard(key).label) for key in HAZARD_FREE_KEYS],
        }
        self._known = {name: set(terms.order) for name, terms in self.terms.items()}
        self._known.update(
            {name: {key for key, _ in pairs} for name, pairs in self.choices.items()}
        )
        self._known["country"] = {code for code, _name in countries}
        # Interface-string labels (countries, choices) per (facet, language): translating
        # and sorting about 250 country names cost every search page a millisecond.
        self._interface_labels: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}

    def is_known(self, facet: str, value: str) -> bool:
        return value in self._known.get(facet, ())

    def labelled_values(self, facet: str, language: str) -> tuple[tuple[str, str], ...]:
        """(value, label) pairs in display order, labels in `language`."""
        if facet in self.terms:
            terms = self.terms[facet]
            return tuple((key, terms.label(key, language)) for key in terms.order)
        key = (facet, language)
        if key not in self._interface_labels:
            self._interface_labels[key] = self._translated_values(facet, language)
        return self._interface_labels[key]

    def _translated_values(self, facet: str, language: str) -> tuple[tuple[str, str], ...]:
        with translation.override(language):
            if facet == "country":
                return tuple(sorted(((code, str(name)) for code, name in countries), key=_by_label))
            return tuple((key, str(label)) for key, label in self.choices[facet])

    def label_language(self, facet: str, value: str, language: str) -> str:
        """The language of `label`'s answer; other facets' labels are interface strings."""
        if facet in self.terms:
            return self.terms[facet].label_language(value, language)
        return language

    def label(self, facet: str, value: str, language: str) -> str:
        if facet in self.terms:
            return self.terms[facet].label(value, language)
        with translation.override(language):
            if facet == "country":
                return str(countries.name(value)) or value
            return str(dict(self.choices[facet]).get(value, value))


def _by_label(pair):
    return pair[1].casefold()


_cache: PerGeneration[Vocabulary] = PerGeneration(lambda token: Vocabulary())


def current_vocabulary(token: uuid.UUID | None = None) -> Vocabulary:
    return _cache.get(token or SearchGeneration.current())
