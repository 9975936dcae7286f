"""What a material page shows beyond its own fields, assembled with a fixed number of queries.

The page's terms, files and related materials are loaded and localised once, and shared by
the template and the page's MaterialRecord (the attribution line here, the JSON-LD that
open_data adds through materials.extension_points). Reviews, download counts and PD uses
follow, and whether the original link has been dead for four weeks (the link check's hook).
"""

from django.conf import settings
from django.db import models
from django.db.models import Avg, OuterRef, Subquery

from materials.extension_points import ORIGINAL_LINK_DEAD_SINCE, first_answer
from materials.kept_terms import kept_table, page_terms
from materials.lineage import build_lineage, dimensions, lineage_links, other_sides
from materials.localization import active_language, localize_groups
from materials.models.downloads import FileDownloadCount
from materials.models.review import (
    ReviewPage,
    ReviewRating,
    criteria_total,
    rated_criteria,
)
from materials.models.taxonomy import ResourceLanguage
from materials.page_facts import page_facts
from materials.page_links import LINKED_PAGE_FIELDS, linked_page_fields
from materials.record import TERM_GROUPS, record_for_page
from materials.usage import material_usage, usage_sentence
from materials.versions import versions_of


def material_page_context(page, request) -> dict:
    """Everything material_page.html shows beyond the page's own fields."""
    context: dict = {}
    language_code = active_language()
    # Kept labels (materials.kept_terms) for live pages; a preview shows unsaved terms.
    table = None if getattr(request, "is_preview", False) else kept_table(request)
    facts = page_facts(page)
    files = load_files(page, table, facts)
    related_links = page.related_materials.select_related("material__locale")
    if isinstance(related_links, models.QuerySet):  # not in previews (unsaved, in memory)
        related_links = related_links.only("page", "material", *linked_page_fields("material"))
    related = [link.material for link in related_links if link.material.live]
    links = lineage_links(page) if facts.lineage_ids else []
    terms = {
        **page_terms_as_loaded(page, table, facts),
        "lineage_dimensions": dimensions(links),
        "file_languages": [file.language for file in files if file.language],
    }
    localized = {
        **(
            table.localize_groups(terms, language_code)
            if table is not None
            else localize_groups(terms, language_code)
        ),
        **localize_groups(
            {"lineage_materials": other_sides(page, links), "related_materials": related},
            language_code,
            # The only pages here are other materials, which the page links.
            page_fields=LINKED_PAGE_FIELDS,
        ),
    }
    usage = material_usage(page.translation_key, table)
    record = record_for_page(
        page,
        request,
        {group: localized[group] for group in TERM_GROUPS},
        files,
        versions_of(page),
        usage.summary,
    )
    context["record"] = record
    context["lineage"] = build_lineage(
        page, links, localized.pop("lineage_materials"), localized.pop("lineage_dimensions")
    )
    context["pd_usage_sentence"] = usage_sentence(usage.summary)
    context["pd_uses"] = usage.latest
    file_languages = iter(localized.pop("file_languages"))
    context.update(localized)
    context["partner"] = localized["partner"][0] if localized["partner"] else None
    context["files"] = [(file, next(file_languages) if file.language else None) for file in files]
    # The download area's "all files" size: what the archive holds, before compression.
    context["files_total_size"] = sum(file.document.file_size or 0 for file in files)
    context.update(downloads_context(page, request, files, facts.download_count))
    # The link check's verdict (materials.extension_points); one query, only with a URL.
    context["original_link_dead_since"] = (
        first_answer(ORIGINAL_LINK_DEAD_SINCE, page) if page.original_url else None
    )
    reviews = covering_reviews(facts.review_ids, language_code)
    ratings = [review.average_rating for review in reviews if review.average_rating]
    context["reviews"] = reviews
    context["average_rating"] = sum(ratings) / len(ratings) if ratings else None
    return context


def load_files(page, table, facts) -> list:
    """The page's files with their documents, and their download counts from the page's
    facts. Their languages come from the kept terms when there are some, else joined with
    their locale."""
    related = ("document",) if table is not None else ("document", "language__locale")
    files = page.files.select_related(*related)
    saved = isinstance(files, models.QuerySet)  # not in previews: see downloads_context
    files = list(files)
    if saved:
        for file in files:
            file.download_count = facts.file_download_counts.get(file.document_id, 0)
    if table is not None:
        language_ids = {file.language_id for file in files if file.language_id}
        if not table.knows(ResourceLanguage, language_ids):
            return load_files(page, None, facts)
        for file in files:
            if file.language_id:
                file.language = table.term(ResourceLanguage, file.language_id)
    return files


def page_terms_as_loaded(page, table, facts) -> dict[str, list]:
    """The page's disciplines, resource languages, diversity dimensions and partner, each
    with its locale: from the kept terms (the facts say which the page has), else read."""
    if table is not None and (terms := page_terms(page, table, facts.term_ids)) is not None:
        return terms
    return {
        "disciplines": list(page.disciplines.select_related("locale")),
        "resource_languages": list(page.resource_languages.select_related("locale")),
        "diversity_dimensions": list(page.diversity_dimensions.select_related("locale")),
        "partner": [partner_with_locale(page)] if page.partner_id else [],
    }


def partner_with_locale(page):
    """The page's partner, with its locale in the same query (see localize_all); none when
    routing read both with the page (MaterialPage.route_select_related)."""
    field = type(page)._meta.get_field("partner")
    if field.is_cached(page):
        partner = page.partner
        if partner is not None and partner._meta.get_field("locale").is_cached(partner):
            return partner
    return field.related_model.objects.select_related("locale").get(pk=page.partner_id)


def covering_reviews(review_ids: set[int], language_code: str) -> list:
    """Live reviews of this material in the given language, else in the source language.

    Most materials have no review yet. The page's facts (materials.page_facts) say which
    reviews name the material in any language; only when some do is the query with their
    ratings built, which costs several times more to build than to run (three subqueries)."""
    if not review_ids:
        return []
    average = (
        ReviewRating.objects.filter(page=OuterRef("pk"))
        .values("page")
        .annotate(average=Avg("score"))
        .values("average")
    )
    reviews = (
        ReviewPage.objects.live()
        .filter(pk__in=review_ids)
        .filter(locale__language_code__in={language_code, settings.LANGUAGE_CODE})
        .annotate(
            average_rating=Subquery(average),
            rated_criteria=rated_criteria(),
            criteria_total=criteria_total(),
        )
        .select_related("locale")
        .order_by("title")
    )
    preferred = {}
    for review in reviews:
        if review.translation_key not in preferred or review.locale.language_code == language_code:
            preferred[review.translation_key] = review
    return list(preferred.values())


def downloads_context(page, request, files, download_count: int) -> dict:
    """Download links and counts for the template; `files` carry their own counts, annotated
    on the query that fetched them, and `download_count` is the material's (page_facts).

    A preview shows the editor's unsaved files, held in memory (no query to annotate),
    on a page that may not be live (its routes 404): its counts take one more query and
    its links go to Wagtail's document URLs, which editors may always open.
    """
    unsaved = [file for file in files if not hasattr(file, "download_count")]
    if unsaved:
        counts = dict(
            FileDownloadCount.objects.filter(
                document_id__in={file.document_id for file in unsaved}
            ).values_list("document_id", "count")
        )
        for file in unsaved:
            file.download_count = counts.get(file.document_id, 0)
    page_url = None if getattr(request, "is_preview", False) else page.get_url(request)
    for file in files:
        file.download_url = (
            page_url + page.download_route("download_file", file.document)
            if page_url
            else file.document.url
        )
    return {
        "download_count": download_count,
        "download_all_url": (
            page_url + page.download_route("download_all") if page_url and len(files) > 1 else None
        ),
    }
