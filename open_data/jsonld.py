"""schema.org LearningResource (as LRMI uses it) from a MaterialRecord, for embedding in pages."""

import json

from materials.age_bands import MAX_AGE
from materials.record import MaterialRecord

ISCED_SCHEME = (
    "https://uis.unesco.org/en/topic/international-standard-classification-education-isced"
)
# The characters that could close the <script> element or open a comment inside it.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def learning_resource(record: MaterialRecord) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "LearningResource",
        "@id": record.url,
        "url": record.url,
        "identifier": record.identifier,
        "name": record.title,
        "description": record.description,
        **({"keywords": list(record.keywords)} if record.keywords else {}),
        "inLanguage": record.language,
        # An open-ended range for "and older" (the form's maximum age).
        "typicalAgeRange": f"{record.age_min}-{record.age_max if record.age_max < MAX_AGE else ''}",
        "educationalLevel": [
            {
                "@type": "DefinedTerm",
                "name": level,
                "termCode": level.removeprefix("ISCED "),
                "inDefinedTermSet": ISCED_SCHEME,
            }
            for level in record.isced_levels
        ],
        "about": [
            {"@type": "DefinedTerm", "name": term.label, "termCode": term.key}
            for term in record.disciplines
        ],
        "learningResourceType": record.resource_type.label,
        "audience": {"@type": "EducationalAudience", "educationalRole": record.audience.label},
        "license": record.licence.url or record.licence.name,
        "author": [{"@type": "Person", "name": name} for name in record.authors],
        "countryOfOrigin": {
            "@type": "Country",
            "name": record.country.label,
            "identifier": record.country.key,
        },
        "availableLanguage": [term.key for term in record.resource_languages],
        "isAccessibleForFree": True,
        "associatedMedia": [
            {
                "@type": "MediaObject",
                "name": file.title,
                "contentUrl": file.url,
                "encodingFormat": file.file_format,
                **({"contentSize": f"{file.size} B"} if file.size else {}),
                **({"inLanguage": file.language} if file.language else {}),
            }
            for file in record.files
        ],
    }
    data.update(accessibility(record))
    if record.publisher:
        data["publisher"] = {
            "@type": "Organization",
            "name": record.publisher.name,
            **({"url": record.publisher.url} if record.publisher.url else {}),
        }
    if record.year:
        data["dateCreated"] = str(record.year)
    if record.date_published:
        data["datePublished"] = record.date_published.isoformat()
    if record.date_modified:
        data["dateModified"] = record.date_modified.isoformat()
    if record.duration_hours is not None:
        data["timeRequired"] = f"PT{record.duration_hours.normalize():f}H"
    if record.pd_uses.uses:
        data["interactionStatistic"] = use_statistic(record)
    if record.source:
        data["translationOfWork"] = {"@id": record.source.url, "inLanguage": record.source.language}
    else:
        data["workTranslation"] = [
            {"@id": version.url, "inLanguage": version.language} for version in record.translations
        ]
    return data


def use_statistic(record: MaterialRecord) -> dict:
    """PD activities that used the material, as schema.org's UseAction counter. The
    countries and teachers reached have no schema.org property: they are added to the
    counter under this site's documented extension names (docs/architecture.md), which
    schema.org consumers ignore."""
    return {
        "@type": "InteractionCounter",
        "interactionType": "https://schema.org/UseAction",
        "userInteractionCount": record.pd_uses.uses,
        "pdCountries": record.pd_uses.countries,
        "pdTeachersReached": record.pd_uses.teachers,
    }


def accessibility(record: MaterialRecord) -> dict:
    """schema.org's accessibility properties: the vocabulary's own keys (which are what
    harvesters match on), and the summary in the record's language. Left out when the
    editor has not stated them, as "unknown" would be a claim."""
    data: dict = {}
    for name, terms in (
        ("accessMode", record.access_modes),
        ("accessibilityFeature", record.accessibility_features),
        ("accessibilityHazard", record.accessibility_hazards),
    ):
        if terms:
            data[name] = [term.key for term in terms]
    if record.accessibility_summary:
        data["accessibilitySummary"] = record.accessibility_summary
    return data


def script_json(data: dict) -> str:
    """JSON safe to place inside <script type="application/ld+json">."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).translate(SCRIPT_ESCAPES)
