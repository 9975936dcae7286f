"""Every material version the scorecard reads, in a fixed number of queries at any size:
the versions themselves, which of them have disciplines, resource languages, diversity
dimensions, files, a link that failed its last check and an undecided likely duplicate (one
query each), the partners and the partner languages' locales."""

from django.db.models import CharField, TextField
from django.db.models.functions import Cast

from duplicates.models import DuplicatePair
from link_check.models import LinkUse
from materials.models import MaterialFile, MaterialPage, Partner
from metadata_quality.facts import MaterialFacts

COLUMNS = (
    "id",
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
    "accessibility_summary",
)
# Key lists, read as their JSON text: the scorecard asks only whether each is empty, so
# 3 x 10,000 lists are not decoded.
KEY_LISTS = ("access_modes", "accessibility_features", "accessibility_hazards")
EMPTY_JSON = frozenset({None, "", "[]", "null"})


def material_facts() -> list[MaterialFacts]:
    """Every material version, drafts included: editors fix what is not yet published too.

    Read as tuples, with the translation key as text and the JSON fields as their text, so
    10,000 versions cost no UUID or JSON decoding."""
    as_text = {
        "translation_key_text": Cast("translation_key", CharField()),
        **{f"{name}_text": Cast(name, TextField()) for name in ("commentary", *KEY_LISTS)},
    }
    rows = MaterialPage.objects.annotate(**as_text).values_list(*COLUMNS, *as_text)
    with_disciplines = pages_linked(MaterialPage.disciplines.through)
    with_languages = pages_linked(MaterialPage.resource_languages.through)
    with_dimensions = pages_linked(MaterialPage.diversity_dimensions.through)
    with_files = set(MaterialFile.objects.values_list("page_id", flat=True).distinct())
    with_pending_duplicates = set()
    for pair in DuplicatePair.objects.filter(decision="").values_list("first_id", "second_id"):
        with_pending_duplicates.update(pair)
    with_broken_links = set(
        LinkUse.objects.filter(link__consecutive_failures__gt=0)
        .values_list("page_id", flat=True)
        .distinct()
    )
    facts = []
    for page_id, *values, key, commentary, modes, features, hazards in rows:
        facts.append(
            MaterialFacts(
                page_id,
                key,
                *values,
                commentary,
                modes not in EMPTY_JSON,
                features not in EMPTY_JSON,
                hazards not in EMPTY_JSON,
                page_id in with_disciplines,
                page_id in with_languages,
                page_id in with_dimensions,
                page_id in with_files,
                page_id in with_broken_links,
                page_id in with_pending_duplicates,
            )
        )
    return facts


def pages_linked(through) -> set[int]:
    return set(through.objects.values_list("materialpage_id", flat=True).distinct())


def partners() -> dict[int, Partner]:
    return {partner.pk: partner for partner in Partner.objects.order_by("institution")}
