"""Where every page route starts, kept in each process under the generation token.

Wagtail routes each request from scratch: the site for the host, its root page, the active
locale and the root's translation into it, then the root's child named by the first path
segment, read once as a plain page and again as its own type. That is six queries before
the page itself is read, and their answers are the same for every request until content
changes. Every change that could alter them (a publish, unpublish, move or delete of a
page, a translation's publish, a site or a locale saved or deleted) replaces the generation
token (invalidation.py), so kept under the token they are read again exactly when they may
have changed, and never served stale.

They are kept in this process's memory, not in the shared cache: unpickling pages would
cost about what the queries cost. Each request routes from shallow copies, so what routing
or a view sets on a page (its cached parent, say) never reaches another request. Only the
site, its home page in each language and the home's children are kept; the page a request
asks for below them (a material, a catalogue, a review) is read afresh, so an uncached
page still costs a full render.

Like the menu fragments, this is on only while whole-page caching is (PAGE_CACHE_SECONDS).
"""

import contextlib
import copy
import threading
from dataclasses import dataclass

from django.db import DatabaseError
from django.http import Http404
from django.http.request import split_domain_port
from django.utils.translation import get_language

from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from page_cache import generation, policy, view_restrictions

# Hosts are checked against ALLOWED_HOSTS before a view runs, so there are few keys; the
# bound only keeps a misconfigured wildcard from growing the dict without end.
MAX_ROOTS = 64


@dataclass(frozen=True)
class RouteRoot:
    """A host's site, its home page in one language and that home's children by slug, each
    as its own page type."""

    site: Site
    home: Page
    children: dict[str, Page]


_lock = threading.Lock()
_kept: dict = {"token": None, "roots": {}}


def clear() -> None:
    """Forget every kept root (the token change does this on its own)."""
    with _lock:
        _kept["token"] = None
        _kept["roots"] = {}


def root_for(request) -> RouteRoot | None:
    """The request's route root under the current token; None when no site answers it."""
    token = generation.current(request)
    key = (*host_and_port(request), get_language())
    with _lock:
        if _kept["token"] != token:
            _kept["token"] = token
            _kept["roots"] = {}
        root = _kept["roots"].get(key)
    if root is None:
        root = read_root(request)
        if root is None:
            return None
        with _lock:
            if _kept["token"] == token:
                if len(_kept["roots"]) >= MAX_ROOTS:
                    _kept["roots"] = {}
                _kept["roots"][key] = root
    return root


def host_and_port(request) -> tuple[str, str]:
    # As Site.find_for_request reads them: the raw host, its own ALLOWED_HOSTS check aside.
    return split_domain_port(request._get_raw_host())[0], request.get_port()


def read_root(request) -> RouteRoot | None:
    site = Site._find_for_request(request)
    if site is None:
        return None
    home = site.root_page.localized.specific
    # The site is handed out as a copy, which would share this page with every request.
    site._state.fields_cache.pop("root_page", None)
    children = {child.slug: child for child in home.get_children().specific()}
    return RouteRoot(site=site, home=home, children=children)


def route(request, path: str):
    """What Page.route_for_request would answer, routed from a copy of the kept root.

    A first segment naming one of the home's children goes straight to (a copy of) that
    child. Anything else, or a child that answers 404, is routed by the home itself, as
    Wagtail would, so the home's fallback to the source-language tree still applies."""
    root = root_for(request)
    if root is None:
        return None
    request._wagtail_site = copy.copy(root.site)
    home = copy.copy(root.home)
    components = [component for component in path.split("/") if component]
    try:
        if components and components[0] in root.children:
            child = copy.copy(root.children[components[0]])
            child._cached_parent_obj = home
            try:
                return child.route(request, components[1:])
            except Http404:
                pass
        return home.route(request, components)
    except Http404:
        return None


def serve(request, path):
    """Wagtail's page view, with the route started from the kept root, and the routed
    page's view restrictions answered from the kept paths when none can apply
    (view_restrictions.py)."""
    if policy.enabled() and not hasattr(request, "_wagtail_route_for_request"):
        # Should the database fail, Wagtail routes the request itself and the outage
        # handling answers it.
        with contextlib.suppress(DatabaseError):
            routed = route(request, path)
            if routed is not None:
                view_restrictions.skip_restriction_queries(request, routed[0])
            request._wagtail_route_for_request = routed
    return wagtail_views.serve(request, path)
