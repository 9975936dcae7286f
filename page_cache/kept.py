"""Values every request reads alike, kept in this process's memory under the generation token.

Some answers depend on content that changes rarely and is the same for every page and every
visitor: which pages carry a view restriction, the taxonomy labels in every language. Every
change that could alter them replaces the generation token (invalidation.py), so kept under
the token they are read again exactly when they may have changed, and never served stale.

They live in this process's memory, not the shared cache: unpickling would cost what the
queries cost. What is kept must be treated as read-only by whoever asks for it; callers
hand out copies of anything a request might change. Like the kept route roots, values are
kept only while whole-page caching is on (PAGE_CACHE_SECONDS); callers ask `policy.enabled()`.
"""

import threading
from collections.abc import Callable
from typing import TypeVar

from page_cache import generation

T = TypeVar("T")

_lock = threading.Lock()
_kept: dict = {"token": None, "values": {}}


def clear() -> None:
    """Forget every kept value (a token change does this on its own)."""
    with _lock:
        _kept["token"] = None
        _kept["values"] = {}


def kept(request, name: str, build: Callable[[], T]) -> T:
    """`build()`'s value for `name` under the current token: built once per content change
    in each process. `name` must hold everything the value depends on besides content.

    A value built while the token changed is returned but not kept: it may predate the
    change."""
    token = generation.current(request)
    with _lock:
        if _kept["token"] != token:
            _kept["token"] = token
            _kept["values"] = {}
        if name in _kept["values"]:
            return _kept["values"][name]
    value = build()
    with _lock:
        if _kept["token"] == token:
            _kept["values"][name] = value
    return value
