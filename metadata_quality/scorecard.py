"""The metadata quality scorecard: per partner and per partner language, in a fixed number
of queries at any size (see `load`).

Per partner it reads the source-language materials (drafts included: an editor fixes those
too) and their translations; per language, every version in that language. Translation
coverage counts live translations of live source materials, and a translation is outdated by
the translation app's one rule (`translation.dashboard.is_outdated`).
"""

import gc
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field, fields

from django.utils.translation import gettext as _

from metadata_quality.facts import MaterialFacts
from metadata_quality.load import material_facts, partners
from metadata_quality.weights import SCORED_FIELDS, completeness
from repo_site.languages import load_partner_languages
from translation.dashboard import is_outdated, partner_locales

# The fields a translation writes itself; the rest are synchronised from the source.
TRANSLATED_TEXT = frozenset({"title", "summary", "keywords", "commentary", "accessibility_summary"})


@dataclass
class Row:
    key: str
    label: str
    materials: int = 0
    live: int = 0
    completeness_total: float = 0.0
    missing_alt_text: int = 0
    missing_accessibility: int = 0
    unclear_licence: int = 0
    broken_links: int = 0
    pending_duplicates: int = 0
    translations_expected: int = 0
    translations_live: int = 0
    outdated: int = 0

    @property
    def completeness(self) -> int | None:
        """Average completeness in percent; None without materials."""
        if not self.materials:
            return None
        return round(100 * self.completeness_total / self.materials)

    @property
    def coverage(self) -> int | None:
        """Live translations of live source materials, in percent; None when none is due."""
        if not self.translations_expected:
            return None
        return round(100 * self.translations_live / self.translations_expected)

    def count(self, version: MaterialFacts, score: float) -> None:
        self.materials += 1
        self.live += version.live
        self.completeness_total += score
        self.missing_alt_text += version.images_without_alt_text > 0
        self.missing_accessibility += version.lacks_accessibility_metadata
        self.unclear_licence += version.licence_unclear
        self.broken_links += version.has_broken_link
        self.pending_duplicates += version.has_pending_duplicate

    def add(self, other: "Row") -> None:
        """Adds every figure of `other` (all fields but the key and label) to this row's."""
        for counter in fields(self):
            if counter.name not in ("key", "label"):
                name = counter.name
                setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Scorecard:
    partners: list[Row] = field(default_factory=list)
    partner_total: Row | None = None
    languages: list[Row] = field(default_factory=list)


def text_completeness(version: MaterialFacts, source: MaterialFacts) -> float:
    """The weighted share of the source's filled text fields that `version` fills too."""
    due = [f for f in SCORED_FIELDS if f.key in TRANSLATED_TEXT and f.filled(source)]
    if not due:
        return 1.0
    return sum(f.weight for f in due if f.filled(version)) / sum(f.weight for f in due)


@contextmanager
def collector_paused():
    """Pauses the cyclic garbage collector. Building the facts of 10,000 versions allocates
    enough objects to start several full collections over the whole process heap, about
    100 ms at that size; the facts hold no reference cycles, and reference counting frees
    them when the report is done."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_scorecard() -> Scorecard:
    with collector_paused():
        return _build_scorecard()


def _build_scorecard() -> Scorecard:
    source_locale, languages = partner_locales()
    facts = material_facts()
    source_id = source_locale.pk if source_locale else None
    sources = {f.translation_key: f for f in facts if f.locale_id == source_id}
    # Each partner language's versions that have a source, paired with it.
    partner_locale_ids = {locale.pk for _language, locale in languages}
    translations: dict[int, list[tuple[MaterialFacts, MaterialFacts]]] = defaultdict(list)
    for version in facts:
        source = sources.get(version.translation_key)
        if source is not None and version.locale_id in partner_locale_ids:
            translations[version.locale_id].append((version, source))
    scores = {key: completeness(source) for key, source in sources.items()}
    return Scorecard(
        **partner_rows(sources, scores, translations, len(languages)),
        languages=language_rows(source_locale, languages, sources, scores, translations),
    )


def partner_rows(sources, scores, translations, language_count: int) -> dict:
    by_partner: dict[int, Row] = {}
    known_partners = partners()
    for key, source in sources.items():
        row = by_partner.get(source.partner_id)
        if row is None:  # a material's partner is required (and protected from deletion)
            partner = known_partners[source.partner_id]
            row = by_partner[source.partner_id] = Row(partner.slug, partner.institution)
        row.count(source, scores[key])
        if source.live:
            row.translations_expected += language_count
    for pairs in translations.values():
        for translation, source in pairs:
            if source.live and translation.live:
                row = by_partner[source.partner_id]
                row.translations_live += 1
                row.outdated += is_outdated(source.last_published_at, translation.last_published_at)
    rows = sorted(by_partner.values(), key=lambda row: row.label)
    total = Row("all", _("All partners"))
    for row in rows:
        total.add(row)
    return {"partners": rows, "partner_total": total}


def language_rows(source_locale, languages, sources, scores, translations) -> list[Row]:
    rows = []
    live_sources = sum(source.live for source in sources.values())
    if source_locale is not None:
        source_language = load_partner_languages()[0]
        source_row = Row(source_language.code, source_language.name)
        for key, source in sources.items():
            source_row.count(source, scores[key])
        rows.append(source_row)
    for language, locale in languages:
        row = Row(language.code, language.name, translations_expected=live_sources)
        for translation, source in translations[locale.pk]:
            row.count(translation, text_completeness(translation, source))
            if source.live and translation.live:
                row.translations_live += 1
                row.outdated += is_outdated(source.last_published_at, translation.last_published_at)
        rows.append(row)
    return rows
