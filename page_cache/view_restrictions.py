"""Which pages no view restriction can apply to, answered without a query per request.

Wagtail asks, for every page it serves, which view restrictions apply to it: a query for the
page's ancestors (to resolve aliases), then one for the restrictions of all of them. On a
site where few pages are private, both answer "none" almost always. Which pages carry a
restriction, and which are aliases, is kept here under the generation token, so the
answer is known without a query. Every restriction added, changed or removed, every page
moved, deleted or published, and every alias created replaces the token
(invalidation.py), so the kept paths are never older than the page being served.

This module never decides that a page *is* private: when a kept path could cover the page,
Wagtail's own check runs as before, with its queries, and answers (password form, login).
"""

from dataclasses import dataclass

from wagtail.models import Page, PageViewRestriction

from page_cache.kept import kept

KEPT_NAME = "view_restrictions"


@dataclass(frozen=True)
class RestrictionPaths:
    """Tree paths of the pages that carry a view restriction, and of alias pages (which take
    their source page's restrictions, wherever that is)."""

    restricted: tuple[str, ...]
    aliases: tuple[str, ...]


def read_paths() -> RestrictionPaths:
    return RestrictionPaths(
        restricted=tuple(PageViewRestriction.objects.values_list("page__path", flat=True)),
        aliases=tuple(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)),
    )


def certainly_unrestricted(request, page) -> bool:
    """True only when no view restriction applies to `page`: neither it nor an ancestor
    carries one, and none of them is an alias. A page path starts with its ancestors'."""
    if page.alias_of_id is not None:
        return False
    paths = kept(request, KEPT_NAME, read_paths)
    return not page.path.startswith((*paths.restricted, *paths.aliases))


def no_view_restrictions():
    return PageViewRestriction.objects.none()


def skip_restriction_queries(request, page) -> None:
    """Let Wagtail's view-restriction check (and the page cache's own) find no restriction
    on this request's `page` without querying, when that is certain.

    Wagtail's `check_view_restrictions` hook asks `page.get_view_restrictions()`; the page
    object is this request's own (routed afresh, or a copy of a kept one), so answering on
    the instance reaches no other request."""
    if certainly_unrestricted(request, page):
        page.get_view_restrictions = no_view_restrictions
