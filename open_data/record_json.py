"""The JSON shape of a material's metadata, one per concept, for every JSON API.

The Wagtail API (/api/v2/, open_data.api_fields) serialises a MaterialRecord and the search
API (/api/search/) a MaterialCard through these same functions, so a concept has one shape
and one key name everywhere: a controlled value is always {"key", "label"}, a licence always
{"key", "name", "url"}, an age range always {"min", "max"}.
"""

from django.utils import translation

from materials.record import LicenceRecord, MaterialCard, Term, UsageRecord


def term_json(term: Term) -> dict:
    return {"key": term.key, "label": term.label}


def terms_json(terms) -> list[dict]:
    return [term_json(term) for term in terms]


def licence_json(licence: LicenceRecord) -> dict:
    return {"key": licence.key, "name": licence.name, "url": licence.url}


def age_range_json(record) -> dict:
    return {"min": record.age_min, "max": record.age_max}


def usage_json(usage: UsageRecord) -> dict:
    """PD uses of the material across the network: activities, countries, teachers."""
    return {"uses": usage.uses, "countries": usage.countries, "teachers": usage.teachers}


def _attribution(record):
    # The attribution line's connecting words are UI strings: say them in the record's language.
    with translation.override(record.language):
        return record.attribution


RECORD_JSON = {
    "identifier": lambda record: record.identifier,
    "description": lambda record: record.description,
    "keywords": lambda record: list(record.keywords),
    "disciplines": lambda record: terms_json(record.disciplines),
    "age_range": age_range_json,
    "age_bands": lambda record: terms_json(record.age_bands),
    "isced_levels": lambda record: list(record.isced_levels),
    "resource_languages": lambda record: terms_json(record.resource_languages),
    "resource_type": lambda record: term_json(record.resource_type),
    "audience": lambda record: term_json(record.audience),
    "diversity_dimensions": lambda record: terms_json(record.diversity_dimensions),
    "access_modes": lambda record: terms_json(record.access_modes),
    "accessibility_features": lambda record: terms_json(record.accessibility_features),
    "accessibility_hazards": lambda record: terms_json(record.accessibility_hazards),
    "accessibility_summary": lambda record: record.accessibility_summary,
    "country": lambda record: term_json(record.country),
    "licence": lambda record: licence_json(record.licence),
    "partner": lambda record: (
        {
            "name": record.publisher.name,
            "url": record.publisher.url,
            "country": record.publisher.country,
        }
        if record.publisher
        else None
    ),
    "authors": lambda record: list(record.authors),
    "year": lambda record: record.year,
    "duration_hours": lambda record: (
        float(record.duration_hours) if record.duration_hours is not None else None
    ),
    "date_published": lambda record: (
        record.date_published.isoformat() if record.date_published else None
    ),
    "date_modified": lambda record: (
        record.date_modified.isoformat() if record.date_modified else None
    ),
    "files": lambda record: [
        {
            "title": file.title,
            "url": file.url,
            "format": file.file_format,
            "size": file.size,
            "language": file.language,
        }
        for file in record.files
    ],
    "translations": lambda record: {
        version.language: version.url for version in record.translations
    },
    "pd_uses": lambda record: usage_json(record.pd_uses),
    "attribution": _attribution,
}


# The fields a card shares with the record are serialised by the record's functions.
CARD_SHARED_FIELDS = (
    "title",
    "url",
    "description",
    "language",
    "age_range",
    "age_bands",
    "disciplines",
    "resource_languages",
    "resource_type",
    "audience",
    "accessibility_features",
    "accessibility_hazards",
    "country",
    "licence",
)


def card_json(card: MaterialCard) -> dict:
    """A search result: the record's shape for every field the two share."""
    shared = {
        "title": lambda card: card.title,
        "url": lambda card: card.url,
        "language": lambda card: card.language,
        **{name: RECORD_JSON[name] for name in CARD_SHARED_FIELDS if name in RECORD_JSON},
    }
    return {
        "id": card.page_id,
        "translation_key": card.translation_key,
        **{name: shared[name](card) for name in CARD_SHARED_FIELDS},
        "is_fallback": card.is_fallback,
        "available_languages": list(card.available_languages),
        "thumbnail": card.thumbnail,
    }
