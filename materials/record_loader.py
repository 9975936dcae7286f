"""Loads MaterialRecords in bulk: the queries behind materials.record's pure mapping.

Records are built with a fixed number of queries, whatever the number of pages: one for the
pages, their term prefetches, one for the files, one for the language versions, one for the
PD uses and one per taxonomy model for the labels in each page's language.
"""

from collections import defaultdict

from django.utils import translation

from materials.localization import localize_groups
from materials.models import MaterialFile, MaterialPage
from materials.record import NO_USE, TERM_GROUPS, MaterialRecord, record_for_page
from materials.usage import usage_records
from materials.versions import live_versions


def build_records(pages, request) -> list[MaterialRecord]:
    """Records for the given live MaterialPages, each in its own page's language."""
    pages = list(pages)
    if not pages:
        return []
    page_ids = [page.pk for page in pages]
    pages = list(
        MaterialPage.objects.filter(pk__in=page_ids)
        .select_related("locale", "partner")
        .prefetch_related("disciplines", "resource_languages", "diversity_dimensions")
        .order_by("path")
    )
    pages.sort(key=lambda page: page_ids.index(page.pk))

    files = defaultdict(list)
    for material_file in (
        MaterialFile.objects.filter(page_id__in=page_ids)
        .select_related("document", "language")
        .order_by("sort_order", "pk")
    ):
        files[material_file.page_id].append(material_file)

    versions = live_versions(MaterialPage, {page.translation_key for page in pages})
    usage = usage_records(page.translation_key for page in pages)

    by_language = defaultdict(list)
    for page in pages:
        by_language[page.locale.language_code].append(page)

    records = {}
    for language_code, language_pages in by_language.items():
        with translation.override(language_code):
            terms = _localized_terms(language_pages, files, language_code)
            for page in language_pages:
                records[page.pk] = record_for_page(
                    page,
                    request,
                    terms[page.pk],
                    files[page.pk],
                    versions[page.translation_key],
                    usage.get(page.translation_key, NO_USE),
                )
    return [records[page.pk] for page in pages]


def _localized_terms(pages, files, language_code):
    groups = {}
    for page in pages:
        groups[f"{page.pk}:disciplines"] = list(page.disciplines.all())
        groups[f"{page.pk}:resource_languages"] = list(page.resource_languages.all())
        groups[f"{page.pk}:diversity_dimensions"] = list(page.diversity_dimensions.all())
        groups[f"{page.pk}:partner"] = [page.partner] if page.partner_id else []
        groups[f"{page.pk}:file_languages"] = [f.language for f in files[page.pk] if f.language]
    localized = localize_groups(groups, language_code)
    return {
        page.pk: {kind: localized[f"{page.pk}:{kind}"] for kind in TERM_GROUPS} for page in pages
    }
