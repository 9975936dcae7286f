"""The set hierarchy: `discipline:<slug>` and `language:<code>` under two parent sets.

Selective harvesting by set filters on canonical terms (pages in every locale link to the
English term, DESIGN.md), so a discipline set holds every language version of a material.
A record's setSpecs come from its MaterialRecord (term keys and language), so the header
and the filter agree by construction. Parent sets hold every record of their children,
as the OAI-PMH set hierarchy requires.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef

from materials.models import Discipline, MaterialPage
from materials.record import MaterialRecord
from repo_site.languages import load_partner_languages

DISCIPLINE = "discipline"
LANGUAGE = "language"


@dataclass(frozen=True)
class OAISet:
    spec: str
    name: str


def all_sets() -> list[OAISet]:
    """Every set, named in the source language (one query: the canonical disciplines)."""
    disciplines = Discipline.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    return [
        OAISet(DISCIPLINE, "Disciplines"),
        *(OAISet(f"{DISCIPLINE}:{term.slug}", term.name) for term in disciplines),
        OAISet(LANGUAGE, "Languages"),
        *(
            OAISet(f"{LANGUAGE}:{language.code}", language.english_name)
            for language in load_partner_languages()
        ),
    ]


def record_set_specs(record: MaterialRecord) -> list[str]:
    """The leaf sets a record belongs to (membership of the parents is implied)."""
    return [
        *(f"{DISCIPLINE}:{term.key}" for term in record.disciplines),
        f"{LANGUAGE}:{record.language}",
    ]


def filter_by_set(pages, spec: str):
    """Pages in the set, or None when no such set exists (the caller answers noRecordsMatch)."""
    kind, _, key = spec.partition(":")
    if ":" in key:
        return None
    if kind == DISCIPLINE:
        links = MaterialPage.disciplines.through.objects.filter(materialpage_id=OuterRef("pk"))
        if key:
            links = links.filter(discipline__slug=key)
        return pages.filter(Exists(links))
    if kind == LANGUAGE:
        return pages.filter(locale__language_code=key) if key else pages
    return None
