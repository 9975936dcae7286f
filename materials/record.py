"""One metadata record per material page: the dataclasses and the one field mapping.

JSON-LD, OAI-PMH, feeds, both JSON APIs and the search cards only translate a record into
their format; no serialiser reads model fields itself, so each field mapping exists exactly
once, here. This module is pure: it imports no model and runs no query. It maps objects
that materials.record_loader (in bulk, for the open-data serialisers) or the material page
(for itself) have already loaded.
"""

import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext

from materials.accessibility import (
    AccessibilityFeature,
    AccessibilityHazard,
    AccessMode,
    in_vocabulary_order,
)
from materials.age_bands import bands_for
from materials.licences import LICENCES_BY_KEY

TERM_GROUPS = (
    "disciplines",
    "resource_languages",
    "diversity_dimensions",
    "partner",
    "file_languages",
)


@dataclass(frozen=True)
class Term:
    """A controlled value: a stable key (slug, code) and its label in the record's language."""

    key: str
    label: str


@dataclass(frozen=True)
class LicenceRecord:
    key: str
    name: str
    url: str


@dataclass(frozen=True)
class PublisherRecord:
    name: str
    url: str
    country: str


@dataclass(frozen=True)
class FileRecord:
    title: str
    url: str
    file_format: str
    size: int | None
    language: str | None


@dataclass(frozen=True)
class LanguageVersion:
    language: str
    title: str
    url: str


@dataclass(frozen=True)
class UsageRecord:
    """How the network used a material in PD, all language versions together: activities
    recorded, distinct countries they took place in, teachers reached."""

    uses: int = 0
    countries: int = 0
    teachers: int = 0


NO_USE = UsageRecord()


@dataclass(frozen=True)
class MaterialRecord:
    page_id: int
    identifier: str
    language: str
    title: str
    description: str
    url: str
    disciplines: tuple[Term, ...]
    age_min: int
    age_max: int
    age_bands: tuple[Term, ...]
    isced_levels: tuple[str, ...]
    resource_languages: tuple[Term, ...]
    resource_type: Term
    audience: Term
    diversity_dimensions: tuple[Term, ...]
    access_modes: tuple[Term, ...]
    accessibility_features: tuple[Term, ...]
    accessibility_hazards: tuple[Term, ...]
    accessibility_summary: str
    licence: LicenceRecord
    authors: tuple[str, ...]
    keywords: tuple[str, ...]
    publisher: PublisherRecord | None
    country: Term
    year: int | None
    duration_hours: Decimal | None
    date_published: datetime | None
    date_modified: datetime | None
    files: tuple[FileRecord, ...]
    translations: tuple[LanguageVersion, ...]
    source: LanguageVersion | None
    pd_uses: UsageRecord = NO_USE

    @property
    def attribution(self) -> str:
        """A ready-to-copy attribution line: title, authors, source, licence (TASL)."""
        parts = [f"“{self.title}”"]
        if self.authors:
            parts.append(gettext("by %(authors)s") % {"authors": ", ".join(self.authors)})
        if self.publisher:
            parts.append(gettext("selected by %(publisher)s") % {"publisher": self.publisher.name})
        line = ", ".join(parts)
        if self.licence.url:
            line += ", " + gettext("licensed under %(licence)s (%(url)s)") % {
                "licence": self.licence.name,
                "url": self.licence.url,
            }
        else:
            line += ", " + str(self.licence.name)
        return f"{line}. {self.url}"


@dataclass(frozen=True)
class MaterialCard:
    """What a listing shows of a material: a subset of the record's fields, with the record's
    names and types, plus what only a listing knows (whether the visitor sees a fallback,
    the languages the material exists in, a thumbnail). Built by card_for_page with the same
    field mapping as the record, so a card and a record never disagree."""

    page_id: int
    translation_key: str
    language: str
    title: str
    description: str
    url: str
    disciplines: tuple[Term, ...]
    age_min: int
    age_max: int
    age_bands: tuple[Term, ...]
    resource_languages: tuple[Term, ...]
    resource_type: Term
    audience: Term
    accessibility_features: tuple[Term, ...]
    accessibility_hazards: tuple[Term, ...]
    country: Term
    licence: LicenceRecord
    is_fallback: bool
    available_languages: tuple[str, ...]
    thumbnail: str | None


RECORD_IDENTIFIER = re.compile(r"materials/(?P<key>[0-9a-fA-F-]{32,36})/(?P<language>[A-Za-z-]+)")


def record_identifier(translation_key, language_code: str) -> str:
    """Stable across edits and slugs: the translation key plus the language."""
    return f"materials/{translation_key}/{language_code}"


def parse_record_identifier(identifier: str) -> tuple[uuid.UUID, str] | None:
    """(translation key, language) of a record_identifier, or None when malformed."""
    match = RECORD_IDENTIFIER.fullmatch(identifier)
    if not match:
        return None
    try:
        return uuid.UUID(match["key"]), match["language"]
    except ValueError:
        return None


def split_keywords(keywords: str) -> tuple[str, ...]:
    """Keywords as entered, semicolon-separated (commas also accepted), each once."""
    parts = (word.strip() for word in keywords.replace(",", ";").split(";"))
    return tuple(dict.fromkeys(word for word in parts if word))


def split_authors(authors: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in authors.replace(";", ",").split(",") if name.strip())


def _file_url(page, page_url, material_file) -> str:
    """The counted download URL under the material; Wagtail's document URL for unsaved pages."""
    if not page_url:
        return material_file.document.url
    return page_url + page.download_route("download_file", material_file.document)


def _absolute(request, page) -> str:
    return request.build_absolute_uri(page.get_url(request))


def age_band_terms(page) -> tuple[Term, ...]:
    return tuple(Term(band.key, str(band.label)) for band in bands_for(page.age_min, page.age_max))


def licence_record(key: str) -> LicenceRecord:
    licence = LICENCES_BY_KEY[key]
    return LicenceRecord(licence.key, str(licence.name), licence.url)


def country_term(page) -> Term:
    return Term(page.country.code, str(page.country.name))


def resource_type_term(page) -> Term:
    return Term(page.resource_type, str(page.get_resource_type_display()))


def audience_term(page) -> Term:
    return Term(page.audience, str(page.get_audience_display()))


def vocabulary_terms(keys, vocabulary) -> tuple[Term, ...]:
    """Stored keys of a closed vocabulary (materials.accessibility), labelled in the active
    language, in the vocabulary's order; keys it no longer has are left out."""
    return tuple(
        Term(key, str(vocabulary(key).label)) for key in in_vocabulary_order(keys, vocabulary)
    )


def accessibility_terms(page) -> dict[str, tuple[Term, ...]]:
    """The page's access modes, features and hazards as Terms, by record field name."""
    return {
        "access_modes": vocabulary_terms(page.access_modes, AccessMode),
        "accessibility_features": vocabulary_terms(
            page.accessibility_features, AccessibilityFeature
        ),
        "accessibility_hazards": vocabulary_terms(page.accessibility_hazards, AccessibilityHazard),
    }


def slug_terms(terms) -> tuple[Term, ...]:
    """Taxonomy terms keyed by slug (disciplines, diversity dimensions), as loaded."""
    return tuple(Term(term.slug, term.name) for term in terms)


def code_terms(terms) -> tuple[Term, ...]:
    """Resource languages, keyed by language code, as loaded."""
    return tuple(Term(term.code, term.name) for term in terms)


def card_for_page(
    page,
    *,
    url: str,
    disciplines,
    resource_languages,
    is_fallback: bool,
    available_languages,
    thumbnail: str | None,
) -> MaterialCard:
    """A card from a page and its terms, already in the visitor's language (as Terms)."""
    accessibility = accessibility_terms(page)
    return MaterialCard(
        page_id=page.pk,
        translation_key=str(page.translation_key),
        language=page.locale.language_code,
        title=page.title,
        description=page.summary,
        url=url,
        disciplines=tuple(disciplines),
        age_min=page.age_min,
        age_max=page.age_max,
        age_bands=age_band_terms(page),
        resource_languages=tuple(resource_languages),
        resource_type=resource_type_term(page),
        audience=audience_term(page),
        accessibility_features=accessibility["accessibility_features"],
        accessibility_hazards=accessibility["accessibility_hazards"],
        country=country_term(page),
        licence=licence_record(page.licence),
        is_fallback=is_fallback,
        available_languages=tuple(available_languages),
        thumbnail=thumbnail,
    )


def record_for_page(
    page, request, terms: dict, files: list, versions: list, usage: UsageRecord = NO_USE
) -> MaterialRecord:
    """The record from data already loaded: `terms` holds the localised TERM_GROUPS lists,
    `files` the page's MaterialFiles, `versions` every live language version of the page,
    `usage` its PD uses summed (materials.usage)."""
    # The page's own entry among its versions has its locale loaded already.
    language = next((v for v in versions if v.pk == page.pk), page).locale.language_code
    partner = terms["partner"][0] if terms["partner"] else None
    file_languages = iter(terms["file_languages"])
    page_url = page.get_url(request)
    bands = bands_for(page.age_min, page.age_max)
    source = None
    if language != settings.LANGUAGE_CODE:
        source = next(
            (v for v in versions if v.locale.language_code == settings.LANGUAGE_CODE), None
        )
    return MaterialRecord(
        page_id=page.pk,
        identifier=record_identifier(page.translation_key, language),
        language=language,
        title=page.title,
        description=page.summary,
        url=_absolute(request, page),
        disciplines=slug_terms(terms["disciplines"]),
        age_min=page.age_min,
        age_max=page.age_max,
        age_bands=age_band_terms(page),
        isced_levels=tuple(dict.fromkeys(level for band in bands for level in band.isced_levels)),
        resource_languages=code_terms(terms["resource_languages"]),
        resource_type=resource_type_term(page),
        audience=audience_term(page),
        diversity_dimensions=slug_terms(terms["diversity_dimensions"]),
        **accessibility_terms(page),
        accessibility_summary=page.accessibility_summary,
        licence=licence_record(page.licence),
        authors=split_authors(page.authors),
        keywords=split_keywords(page.keywords),
        publisher=(
            PublisherRecord(partner.institution, partner.website, partner.country.code)
            if partner
            else None
        ),
        country=country_term(page),
        year=page.year,
        duration_hours=page.duration_hours,
        date_published=page.first_published_at,
        date_modified=page.last_published_at,
        files=tuple(
            FileRecord(
                title=material_file.title,
                url=request.build_absolute_uri(_file_url(page, page_url, material_file)),
                file_format=material_file.document.file_extension.lower(),
                size=material_file.document.file_size,
                language=next(file_languages).code if material_file.language else None,
            )
            for material_file in files
        ),
        translations=tuple(
            LanguageVersion(v.locale.language_code, v.title, _absolute(request, v))
            for v in versions
            if v.pk != page.pk
        ),
        source=(
            LanguageVersion(source.locale.language_code, source.title, _absolute(request, source))
            if source
            else None
        ),
        pd_uses=usage,
    )
