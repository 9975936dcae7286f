"""A material's lineage as its page shows it: what it was adapted from or is a version of,
and its own adaptations and versions.

Links join source-language pages (materials.models.lineage) and are found by the page's
translation key, in one query whatever the language version; the other materials and the
diversity dimensions are then localised with the page's other terms and related materials
(materials.localization), so lineage costs the page one query.
"""

from dataclasses import dataclass

from django.db.models import Q

from materials.models.lineage import LineageKind, MaterialLineage
from materials.page_links import linked_page_fields


@dataclass(frozen=True)
class LineageEntry:
    """One link seen from the page: `material` is the other one, in the visitor's language
    where it is live in it (else its source-language version)."""

    kind: str
    material: object
    country: object
    dimension: object

    @property
    def is_adaptation(self) -> bool:
        return self.kind == LineageKind.ADAPTATION


@dataclass(frozen=True)
class Lineage:
    based_on: list[LineageEntry]
    adaptations: list[LineageEntry]
    versions: list[LineageEntry]

    def __bool__(self) -> bool:
        return bool(self.based_on or self.adaptations or self.versions)


SIDES = ("original", "derived")
LINK_FIELDS = ("kind", "country", "diversity_dimension", "created_at", *SIDES)


def lineage_links(page) -> list[MaterialLineage]:
    """Every link that names this material on either side, with what the page shows of the
    other side (its locale, for localising without a query on source-language pages)."""
    key = page.translation_key
    links = (
        MaterialLineage.objects.filter(
            Q(original__translation_key=key) | Q(derived__translation_key=key)
        )
        .select_related("original__locale", "derived__locale", "diversity_dimension__locale")
        # Of the two materials, only what the page shows of them: building the query costs
        # more than running it, and it runs on every material page, though most have no
        # links at all.
        .only(*LINK_FIELDS, *(field for side in SIDES for field in linked_page_fields(side)))
        # Sorted here, not in SQL: ordering a query makes Django compare every selected
        # column with the ordering.
        .order_by()
    )
    return sorted(links, key=lambda link: (link.created_at, link.pk))


def other_sides(page, links) -> list:
    """The material at the other end of each link, in the links' order."""
    return [
        link.original if link.derived.translation_key == page.translation_key else link.derived
        for link in links
    ]


def dimensions(links) -> list:
    return [link.diversity_dimension for link in links if link.diversity_dimension_id]


def build_lineage(page, links, localized_others, localized_dimensions) -> Lineage:
    """The entries of `links` as the page shows them; materials no longer live anywhere the
    visitor could follow are left out."""
    dimensions_left = iter(localized_dimensions)
    based_on, adaptations, versions = [], [], []
    for link, other in zip(links, localized_others, strict=True):
        dimension = next(dimensions_left) if link.diversity_dimension_id else None
        if not other.live:
            continue
        entry = LineageEntry(link.kind, other, link.country, dimension)
        if link.derived.translation_key == page.translation_key:
            based_on.append(entry)
        elif link.kind == LineageKind.ADAPTATION:
            adaptations.append(entry)
        else:
            versions.append(entry)
    return Lineage(based_on, adaptations, versions)
