"""Every test runs against the demo site, seeded once per session into the test database.

Tests that need more content add it inside their own transaction, which is rolled back.
"""

import io

import pytest

from django.core.management import call_command

from wagtail.models import Locale

from materials.models import HomePage, MaterialIndexPage

DEMO_LANGUAGES = ["en", "de", "nl", "cs", "el"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("seed_demo", stdout=io.StringIO())
        call_command("setup_partners", stdout=io.StringIO())


@pytest.fixture
def home(db):
    return HomePage.objects.get(locale__language_code="en")


@pytest.fixture
def material_index(db):
    return MaterialIndexPage.objects.get(locale__language_code="en")


@pytest.fixture
def locale_de(db):
    return Locale.objects.get(language_code="de")


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.get(username="admin")
    client.force_login(user)
    return client
