"""Which responses may be cached: the views that render public content say so here.

Only what is marked is ever stored, so a new view (search, downloads, the APIs, forms) is
uncached until someone decides otherwise. Wagtail pages are marked by a
`before_serve_page` hook (wagtail_hooks.py), which previews never run; other views, such as
the sitemaps, use the `cacheable` decorator.
"""

from dataclasses import dataclass
from functools import wraps

ATTRIBUTE = "page_cache_mark"


@dataclass(frozen=True)
class Mark:
    page: object | None = None  # the Wagtail page served, if any: its privacy is checked
    with_query: bool = False  # whether URLs with a query string are cached too


def mark(request, page=None, with_query: bool = False) -> None:
    setattr(request, ATTRIBUTE, Mark(page=page, with_query=with_query))


def mark_of(request) -> Mark | None:
    return getattr(request, ATTRIBUTE, None)


def cacheable(with_query: bool = False):
    """Decorate a view whose anonymous GET responses are the same for every visitor."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            mark(request, with_query=with_query)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
