"""The search index's copy of each page's tree path follows moves.

A search engine filters the admin's page search on the `path` it holds for each page
(search.admin_pages): a stale path would hide a page from those who may explore it, or show
its title to those who may not. Moving a page rewrites in the database the path of every
page below it, and, when the page is put before a sibling (a reorder in the explorer), of
that sibling and every later one with all their descendants. Wagtail re-indexes only the
moved page itself, so this re-indexes the rest, every page type, in bulk per model.
"""

from collections import defaultdict
from typing import Any

from modelsearch.index import class_is_indexed

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from wagtail.models import Page
from wagtail.search.backends import get_search_backends

BATCH = 500


def pages_with_new_paths(moved: Page) -> QuerySet:
    """The moved page, everything below it, and its later siblings with their descendants
    (the siblings a move makes room for get new paths; earlier ones keep theirs)."""
    parent_path = moved.path[: -Page.steplen]
    return Page.objects.filter(path__startswith=parent_path, path__gte=moved.path)


def reindex_pages(pages: QuerySet) -> None:
    """Re-index `pages` as their specific types, in batches per model, in every
    auto-updated backend (a material's facts are read per batch, not per page)."""
    backends = list(get_search_backends(with_auto_update=True))
    if not backends:
        return
    ids_by_type: dict[int, list[int]] = defaultdict(list)
    for page_id, content_type_id in pages.values_list("pk", "content_type_id"):
        ids_by_type[content_type_id].append(page_id)
    for content_type_id, ids in ids_by_type.items():
        # A page model (Indexed, through Page): modelsearch's classes carry no types.
        model: Any = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None or not class_is_indexed(model):
            continue
        for start in range(0, len(ids), BATCH):
            batch = list(model.get_indexed_objects().filter(pk__in=ids[start : start + BATCH]))
            for backend in backends:
                backend.add_bulk(model, batch)


def reindex_after_move(moved: Page) -> None:
    reindex_pages(pages_with_new_paths(moved))
