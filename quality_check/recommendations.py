"""What helps with a weak criterion: materials and catalogue sections, found two ways.

- Reviews: a live review that rates a material HELPFUL_REVIEW_SCORE or higher on the
  criterion recommends that material (the best rating counts);
- editors: a material whose "strengthens criteria" names the criterion.

A material is a translation group: it is matched by its translation key (reviews in any
language count), shown in the visitor's language where that version is live and otherwise in
the source language (linked under the visitor's prefix, the site's usual fallback), and
left out when it is not public (materials.privacy). A catalogue section helps when it lists a
recommended material. Materials in the visitor's language come first, then the best
rated, then the editors' choices. The whole lookup costs a fixed number of queries, however many
criteria are weak.
"""

from dataclasses import dataclass, field
from uuid import UUID

from django.conf import settings

from materials.models import CataloguePage, MaterialPage, ReviewRating
from materials.privacy import private_materials
from quality_check.scale import HELPFUL_REVIEW_SCORE

MATERIALS_PER_CRITERION = 5
SECTIONS_PER_CRITERION = 3


@dataclass
class Recommended:
    material: MaterialPage
    review_score: int | None = None  # the best review rating on the criterion, if any
    editors_choice: bool = False  # named by editors as strengthening the criterion


@dataclass
class HelpfulSection:
    catalogue: CataloguePage
    heading: str
    materials: list[MaterialPage] = field(default_factory=list)


@dataclass
class Help:
    materials: list[Recommended] = field(default_factory=list)
    sections: list[HelpfulSection] = field(default_factory=list)


def help_for(criterion_ids: list[int], language: str) -> dict[int, Help]:
    """For each canonical criterion id, the materials and catalogue sections that help."""
    found: dict[int, dict[UUID, Recommended]] = {pk: {} for pk in criterion_ids}
    if not criterion_ids:
        return {}
    review_scores = reviewed_keys(criterion_ids)
    chosen = editors_keys(criterion_ids)
    keys = {key for pairs in (review_scores, chosen) for _pk, key in pairs}
    keys -= private_materials(keys)
    pages = pages_in_language(keys, language)
    for (pk, key), score in review_scores.items():
        if key in pages:
            found[pk].setdefault(key, Recommended(pages[key])).review_score = score
    for pk, key in chosen:
        if key in pages:
            found[pk].setdefault(key, Recommended(pages[key])).editors_choice = True
    sections = sections_listing(set(pages), language)
    result = {}
    for pk in criterion_ids:
        ranked = sorted(
            found[pk].values(),
            key=lambda item: (
                item.material.locale.language_code != language,
                -(item.review_score or 0),
                not item.editors_choice,
                item.material.title,
            ),
        )
        recommended_keys = {item.material.translation_key for item in found[pk].values()}
        helpful = [
            HelpfulSection(
                catalogue=catalogue,
                heading=heading,
                materials=[pages[key] for key in listed if key in recommended_keys],
            )
            for catalogue, heading, listed in sections
            if recommended_keys & listed
        ]
        helpful.sort(key=lambda section: -len(section.materials))
        result[pk] = Help(
            materials=ranked[:MATERIALS_PER_CRITERION], sections=helpful[:SECTIONS_PER_CRITERION]
        )
    return result


def reviewed_keys(criterion_ids: list[int]) -> dict[tuple[int, UUID], int]:
    """(criterion id, material key) -> the best rating a live review gives it (one query)."""
    best: dict[tuple[int, UUID], int] = {}
    rows = (
        ReviewRating.objects.filter(
            criterion_id__in=criterion_ids,
            score__gte=HELPFUL_REVIEW_SCORE,
            page__live=True,
            page__reviewed_materials__material__isnull=False,
        )
        .values_list("criterion_id", "page__reviewed_materials__material__translation_key", "score")
        .distinct()
    )
    for pk, key, score in rows:
        best[pk, key] = max(score, best.get((pk, key), 0))
    return best


def editors_keys(criterion_ids: list[int]) -> set[tuple[int, UUID]]:
    """(criterion id, material key) for live materials editors linked to the criterion."""
    through = MaterialPage.strengthens_criteria.through
    return set(
        through.objects.filter(
            qualitycriterion_id__in=criterion_ids, materialpage__live=True
        ).values_list("qualitycriterion_id", "materialpage__translation_key")
    )


def preferred_languages(language: str) -> list[str]:
    return [language, settings.LANGUAGE_CODE] if language != settings.LANGUAGE_CODE else [language]


def pages_in_language(keys: set[UUID], language: str) -> dict[UUID, MaterialPage]:
    """Each material's live version in `language`, else in the source language (one query)."""
    if not keys:
        return {}
    languages = preferred_languages(language)
    pages: dict[UUID, MaterialPage] = {}
    candidates = MaterialPage.objects.live().filter(
        translation_key__in=keys, locale__language_code__in=languages
    )
    for page in candidates.select_related("locale").order_by("pk"):
        current = pages.get(page.translation_key)
        if current is None or page.locale.language_code == language:
            pages[page.translation_key] = page
    return pages


def sections_listing(keys: set[UUID], language: str) -> list[tuple[CataloguePage, str, set]]:
    """Every section of the public catalogues shown in `language` (its own, or the source
    language's not yet translated), with the keys of the listed materials among `keys`
    (two queries: the catalogues, then the keys of every material they list)."""
    if not keys:
        return []
    languages = preferred_languages(language)
    catalogues: dict[UUID, CataloguePage] = {}
    for page in (
        CataloguePage.objects.live()
        .public()
        .filter(locale__language_code__in=languages)
        .select_related("locale")
        .order_by("path")
    ):
        current = catalogues.get(page.translation_key)
        if current is None or page.locale.language_code == language:
            catalogues[page.translation_key] = page
    raw_sections = [
        (catalogue, block.get("value", {}))
        for catalogue in catalogues.values()
        for block in catalogue.sections.raw_data
        if block.get("type") == "section"
    ]
    material_ids = {
        entry_value(item).get("material")
        for _catalogue, value in raw_sections
        for item in value.get("materials", [])
    }
    key_of = dict(
        MaterialPage.objects.filter(pk__in={pk for pk in material_ids if pk}).values_list(
            "pk", "translation_key"
        )
    )
    listing = []
    for catalogue, value in raw_sections:
        listed = {
            key_of.get(entry_value(item).get("material")) for item in value.get("materials", [])
        }
        listing.append((catalogue, value.get("heading", ""), listed & keys))
    return listing


def entry_value(item) -> dict:
    """A list item as stored: {"type": "item", "value": {...}} (or the plain older form)."""
    if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
        return item["value"] or {}
    return item if isinstance(item, dict) else {}
