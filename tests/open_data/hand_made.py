"""A record made by hand, without the database: the serialisers read nothing else, so each
format's mapping is tested on it alone."""

from datetime import UTC, datetime
from decimal import Decimal

from materials.record import (
    FileRecord,
    LanguageVersion,
    LicenceRecord,
    MaterialRecord,
    PublisherRecord,
    Term,
)


def hand_made_record(**changes) -> MaterialRecord:
    fields = {
        "page_id": 1,
        "identifier": "materials/00000000-0000-0000-0000-000000000001/nl",
        "language": "nl",
        "title": "Breuken met pizza's",
        "description": "Een korte samenvatting.\x0b",
        "url": "https://materials.example.org/nl/materialen/breuken/",
        "disciplines": (Term("mathematics", "Wiskunde"),),
        "age_min": 10,
        "age_max": 12,
        "age_bands": (Term("10-12", "10–12"),),
        "isced_levels": ("ISCED 1", "ISCED 2"),
        "resource_languages": (Term("nl", "Nederlands"),),
        "resource_type": Term("teaching-unit", "Leseenheid"),
        "audience": Term("in-service", "Leraren"),
        "diversity_dimensions": (),
        "access_modes": (),
        "accessibility_features": (),
        "accessibility_hazards": (),
        "accessibility_summary": "",
        "licence": LicenceRecord(
            "cc-by", "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"
        ),
        "authors": ("A. Auteur", "B. Schrijver"),
        "keywords": ("breuken", "pizza"),
        "publisher": PublisherRecord("Centrum", "https://centrum.example.org/", "NL"),
        "country": Term("BE", "België"),
        "year": None,
        "duration_hours": Decimal("2.5"),
        "date_published": datetime(2024, 3, 1, 12, 0, tzinfo=UTC),
        "date_modified": datetime(2024, 3, 2, 12, 0, tzinfo=UTC),
        "files": (
            FileRecord("Werkblad", "https://x.example/a.odt", "odt", 10, "nl"),
            FileRecord("Gids", "https://x.example/b.pdf", "PDF", 10, None),
            FileRecord("Bijlage", "https://x.example/c.pdf", "pdf", 10, None),
        ),
        "translations": (LanguageVersion("en", "Fractions", "https://m.example.org/en/f/"),),
        "source": LanguageVersion("en", "Fractions", "https://m.example.org/en/f/"),
    }
    return MaterialRecord(**{**fields, **changes})
