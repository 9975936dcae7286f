"""Parts of a page that every visitor sees alike, kept under the current generation token.

An uncached page still shows the site-wide parts every other page shows (the main menu and
the footer's pages). They change only when content changes, and every content change
replaces the generation token (invalidation.py), so keyed on the token they are rebuilt
exactly when they may have changed, and by no other rule. Only what is the same for every
visitor may be kept here: nothing that depends on the user, the session or the query string.

Fragments are kept only while whole-page caching is on (PAGE_CACHE_SECONDS): turning it off
renders everything afresh, as the pinned query counts of the tests measure it.
"""

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError

from page_cache import generation, policy

T = TypeVar("T")
KEY_PREFIX = "page_cache:fragment:"


def cached_fragment(request, name: str, build: Callable[[], T]) -> T:
    """`build()`'s value for `name` under the current token: built once per content change.

    `name` must hold everything the value depends on besides content (site, language)."""
    if not policy.enabled():
        return build()
    try:
        token = generation.current(request)
    except DatabaseError:  # the token cannot be read: build, as the page itself does
        return build()
    key = f"{KEY_PREFIX}{name}:{token}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, settings.PAGE_CACHE_SECONDS)
    return value
