"""Marks every page Wagtail serves live as a candidate for the page cache, and keeps values
for the content model until content changes."""

from django.db import DatabaseError

from wagtail import hooks

from page_cache import kept, policy
from page_cache.marking import mark

# materials.extension_points.KEPT_UNTIL_CONTENT_CHANGES, by name: page_cache imports no app.
KEPT_UNTIL_CONTENT_CHANGES = "kept_until_content_changes"


@hooks.register("before_serve_page")
def mark_served_page(page, request, serve_args, serve_kwargs):
    mark(request, page=page)


@hooks.register(KEPT_UNTIL_CONTENT_CHANGES)
def keep_until_content_changes(request, name, build):
    """`build()`'s value kept in this process under the generation token, while page caching
    is on; None otherwise, or when the token cannot be read (the caller reads afresh)."""
    if not policy.enabled():
        return None
    try:
        return kept.kept(request, f"hook:{name}", build)
    except DatabaseError:
        return None
