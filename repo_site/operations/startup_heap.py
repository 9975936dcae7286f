"""Keep what a web process loads at startup out of the garbage collector's full collections.

A worker's startup heap (Django, Wagtail, every app's modules and the URL configuration:
about 300,000 objects) lives as long as the process and is never garbage. Yet each full
collection walked all of it again: about 150 ms on a two-core machine, once every few
dozen requests, making one of them the slowest of its page. Frozen after startup, it is
left out of every collection, and full collections walk only what was made since.
"""

import gc

from django.urls import get_resolver


def settle_startup_heap() -> None:
    """Load the URL configuration (and with it every view module) now rather than on the
    first request, collect what loading left behind, and freeze the rest."""
    get_resolver().url_patterns  # noqa: B018 - the import is the point
    gc.collect()
    gc.freeze()
