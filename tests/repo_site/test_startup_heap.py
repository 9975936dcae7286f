"""The web process's startup heap is frozen out of the garbage collector, and what is made
afterwards is still collected."""

import gc
import weakref

from repo_site.operations.startup_heap import settle_startup_heap
from tests.served_site import python_output

WSGI_SCRIPT = """
import gc, sys
import repo_site.wsgi
assert "search.views" in sys.modules, "the URL configuration was not loaded"
print(gc.get_freeze_count())
"""


class Cycle:
    """An object that only the cyclic collector can free."""

    def __init__(self):
        self.me = self


def test_settling_freezes_what_is_loaded_and_later_garbage_is_still_freed():
    loaded = Cycle()  # alive at startup: frozen
    try:
        settle_startup_heap()
        assert gc.get_freeze_count() > 10_000
        assert all(obj is not loaded for obj in gc.get_objects())  # no collection walks it
        later = Cycle()
        freed = weakref.ref(later)
        del later
        gc.collect()
        assert freed() is None
    finally:
        gc.unfreeze()


def test_the_wsgi_entry_point_settles_its_heap():
    frozen = python_output(WSGI_SCRIPT, DJANGO_SETTINGS_MODULE="repo_site.settings.test")
    assert int(frozen) > 100_000
