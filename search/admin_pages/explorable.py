"""Which pages a user may explore in the admin, as a filter any search backend can run.

Wagtail's admin search filters its results with
`pk__in=explorable_instances(user).values_list("pk")`. A search engine receives that as a
literal `terms` query of every explorable page id: 110,169 ids at 100,000 materials, over
OpenSearch's `index.max_terms_count` (65,536), so the request fails. Wagtail's only remedy,
WAGTAILADMIN_PAGE_SEARCH_FILTER_BY_PERMISSIONS = False, drops the filter and shows a
translator the titles of every language's pages.

The same set of pages, by Wagtail's own rule (PagePermissionPolicy.explorable_instances):
every page at or below a page on which the user holds an explore permission (add, change,
publish, lock, unlock, bulk delete), plus the ancestors of every page the user holds any
page permission on, within their first common ancestor. Expressed on tree paths, that is a
prefix clause per permitted page and the few ancestor paths, worked out from the paths
themselves: the filter's size follows the user's permissions, never the size of the site,
and building it costs no query beyond the permissions the admin has already read.
"""

from functools import reduce
from operator import or_

from django.contrib.auth import get_permission_codename
from django.db.models import Q

from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

EXPLORE_ACTIONS = ("add", "change", "publish", "lock", "unlock", "bulk_delete")
EXPLORE_CODENAMES = frozenset(get_permission_codename(a, Page._meta) for a in EXPLORE_ACTIONS)
STEP = Page.steplen

# Matches no page on every backend: the database gets an empty IN, an engine an empty terms.
NOTHING = Q(pk__in=[])

page_policy = PagePermissionPolicy()


def explorable_filter(user) -> Q | None:
    """A filter for Page querysets (searched or not) keeping the pages `user` may explore;
    None when that is every page (a superuser, or an explore permission on the tree root)."""
    if not user.is_active:
        return NOTHING
    if user.is_superuser:
        return None
    permissions = list(page_policy.get_cached_permissions_for_user(user))
    granted = [p.page.path for p in permissions if p.permission.codename in EXPLORE_CODENAMES]
    if any(len(path) == STEP for path in granted):  # the root: the whole tree
        return None
    subtrees = outermost(granted)
    ancestors = ancestor_paths([p.page.path for p in permissions], subtrees)
    clauses = [Q(path__startswith=path) for path in subtrees]
    if ancestors:
        clauses.append(Q(path__in=sorted(ancestors)))
    return reduce(or_, clauses) if clauses else NOTHING


def outermost(paths: list[str]) -> list[str]:
    """The paths not below another one of them: one prefix clause per separate subtree."""
    kept: list[str] = []
    for path in sorted(set(paths)):  # an ancestor sorts before its descendants
        if not any(path.startswith(top) for top in kept):
            kept.append(path)
    return kept


def ancestor_paths(permitted: list[str], subtrees: list[str]) -> set[str]:
    """The ancestors of every page with a permission, kept below their first common
    ancestor's path as Wagtail keeps them (`first_common_ancestor_of`, not counting the
    pages themselves), and not already inside a permitted subtree."""
    if not permitted:
        return set()
    parents = [path[:-STEP] for path in permitted]
    common = common_prefix(parents)
    found = set()
    for path in permitted:
        for end in range(STEP, len(path), STEP):
            ancestor = path[:end]
            if ancestor.startswith(common) and not any(
                ancestor.startswith(top) for top in subtrees
            ):
                found.add(ancestor)
    return found


def common_prefix(paths: list[str]) -> str:
    """The longest whole-step prefix every path shares ("" when they share none)."""
    shortest = min(paths, key=len)
    end = 0
    while end + STEP <= len(shortest) and all(
        path[end : end + STEP] == shortest[end : end + STEP] for path in paths
    ):
        end += STEP
    return shortest[:end]
