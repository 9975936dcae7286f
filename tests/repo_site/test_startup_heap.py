"""The web process's startup heap is frozen out of the garbage collector, and what is made
afterwards is still collected."""

import gc
import os
import subprocess
import sys
import weakref

from repo_site.operations.startup_heap import settle_startup_heap
from tests.served_site import PROJECT_DIR

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
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "repo_site.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", WSGI_SCRIPT],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert int(result.stdout.strip().splitlines()[-1]) > 100_000
