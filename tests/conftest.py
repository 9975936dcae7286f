"""Session set-up shared by every test.

Tests build their own data with `tests.factories`. The demo site (seed_demo and
setup_partners) is seeded once per session into the test database only when at least one
selected test carries the `demo` marker: a directory that still reads demo content marks its
tests in its own conftest.py (see `mark_demo`), a module with `pytestmark = pytest.mark.demo`.
Tests that need more content add it inside their own transaction, which is rolled back.
"""

import io

import pytest

from django.core.management import call_command

from tests import factories

DEMO_LANGUAGES = ["en", "de", "nl", "cs", "el"]


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
