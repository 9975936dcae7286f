"""Every material version the scorecard reads, in a fixed number of queries at any size:
the versions themselves, which of them have disciplines, resource languages, diversity
dimensions and files (one query each), the partners and the partner languages' locales."""

from django.db.models import TextField
from django.db.models.functions import Cast

from materials.models import MaterialFile, MaterialPage, Partner
from metadata_quality.facts import MaterialFacts

COLUMNS = (
    "id",
    "translation_key",
    "locale_id",
    "live",
    "last_published_at",
    "title",
    "summary",
    "keywords",
    "authors",
    "age_min",
    "age_max",
    "country",
    "resource_type",
    "audience",
    "licence",
    "original_url",
    "partner_id",
    "year",
    "cover_image_id",
    "access_modes",
    "accessibility_features",
    "accessibility_hazards",
    "accessibility_summary",
)


def material_facts() -> list[MaterialFacts]:
    """Every material version, drafts included: editors fix what is not yet published too."""
    rows = (
        MaterialPage.objects.annotate(commentary_text=Cast("commentary", TextField()))
        .values(*COLUMNS, "commentary_text")
        .order_by("path")
    )
    with_disciplines = pages_linked(MaterialPage.disciplines.through)
    with_languages = pages_linked(MaterialPage.resource_languages.through)
    with_dimensions = pages_linked(MaterialPage.diversity_dimensions.through)
    with_files = set(MaterialFile.objects.values_list("page_id", flat=True).distinct())
    facts = []
    for row in rows:
        page_id = row.pop("id")
        facts.append(
            MaterialFacts(
                page_id=page_id,
                commentary_json=row.pop("commentary_text"),
                has_disciplines=page_id in with_disciplines,
                has_resource_languages=page_id in with_languages,
                has_diversity_dimensions=page_id in with_dimensions,
                has_files=page_id in with_files,
                **{
                    key: "" if value is None and key in TEXT_COLUMNS else value
                    for key, value in row.items()
                },
            )
        )
    return facts


TEXT_COLUMNS = frozenset(
    {
        "title",
        "summary",
        "keywords",
        "authors",
        "country",
        "resource_type",
        "audience",
        "licence",
        "original_url",
        "accessibility_summary",
    }
)


def pages_linked(through) -> set[int]:
    return set(through.objects.values_list("materialpage_id", flat=True).distinct())


def partners() -> dict[int, Partner]:
    return {partner.pk: partner for partner in Partner.objects.order_by("institution")}
