"""Session set-up shared by every test.

Tests build their own data with `tests.factories`. The demo site (seed_demo and
setup_partners) is seeded once per session into the test database only when at least one
selected test carries the `demo` marker: a directory that still reads demo content marks its
tests in its own conftest.py (see `mark_demo`), a module with `pytestmark = pytest.mark.demo`.
Tests that need more content add it inside their own transaction, which is rolled back.

Building pages costs far more than reading them (a published page is a revision, a search
index write and, for a translation, a wagtail-localize round trip), so a module whose tests
share the same pages builds them once with `shared_data` in a module-scoped fixture, as
Django's `TestCase.setUpTestData` does for a class: the pages are written inside one
transaction, each test runs in a savepoint within it, and the transaction is rolled back
after the module. Such a fixture returns primary keys (or a function-scoped fixture reloads
the objects), so no test sees another test's changes to a Python object.
"""

import contextlib
import io
import sys
from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest

from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from tests import factories

# The demo seeded once for the tests that serve the site in a process of its own (e2e,
# `make serve`, the search workers); each copies it (tests/seeded_demo.py).
from tests.seeded_demo import seeded_demo  # noqa: F401

DEMO_LANGUAGES = ["en", "de", "nl", "cs", "el"]

T = TypeVar("T")


def mark_demo(item: pytest.Item) -> None:
    """For a directory conftest's `pytest_itemcollected`: the item reads the demo content.

    pytest calls `pytest_itemcollected` only on the conftest files above the item, so the
    marker reaches exactly the tests of that directory."""
    item.add_marker(pytest.mark.demo)


def demo_needed(session: pytest.Session) -> bool:
    return any(item.get_closest_marker("demo") for item in session.items)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    if not demo_needed(request.session):
        return
    with django_db_blocker.unblock():
        call_command("seed_demo", stdout=io.StringIO())
        call_command("setup_partners", stdout=io.StringIO())


@contextlib.contextmanager
def shared_data(django_db_blocker, build: Callable[[], T]) -> Iterator[T]:
    """`build()`'s data for every test of a module (or class), rolled back after them.

    For a module-scoped fixture that depends on `django_db_setup`:
    `with shared_data(django_db_blocker, build) as data: yield data`. Not for modules with
    `transaction=True` tests, which would flush the database under the open transaction.
    The cache is cleared on both sides, so no cached site root or page outlives its rows."""
    atomic = transaction.atomic()
    with django_db_blocker.unblock():
        cache.clear()
        atomic.__enter__()
        try:
            data = build()
        except BaseException:
            atomic.__exit__(*sys.exc_info())
            raise
    try:
        yield data
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()


@pytest.fixture
def home(db):
    """The English home page: the demo's when it is seeded, otherwise a new site tree."""
    return factories.site_tree().home


@pytest.fixture
def material_index(db):
    return factories.site_tree().materials


@pytest.fixture
def locale_de(db):
    return factories.locale("de")


@pytest.fixture
def admin_client(client, admin_user):
    """Logged in as "admin": the demo's superuser, or pytest-django's when there is no demo."""
    client.force_login(admin_user)
    return client


@pytest.fixture(autouse=True)
def source_language_after_each_test(settings):
    """A request leaves its language active in the thread (Django's locale middleware does
    not reset it), so a test that fetched a German page would make the next test's gettext
    German. Every test starts and ends in the source language."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
