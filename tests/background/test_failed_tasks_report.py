"""Reports > Failed tasks lists the tasks that failed for good, to superusers only: a
task's arguments and traceback may name any object of the site."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.users.models import UserProfile

from tests.background.tasks import always_fails
from tests.background.worker import run_worker
from tests.conftest import shared_data
from tests.factories import language_team, refused, team_member

pytestmark = pytest.mark.django_db

URL = "/admin/reports/failed-tasks/"


@pytest.fixture(scope="module", autouse=True)
def teams(django_db_setup, django_db_blocker):
    """The German and Dutch teams, built once for the module (see `shared_data`)."""
    with shared_data(django_db_blocker, lambda: [language_team(code) for code in ("de", "nl")]):
        yield


@pytest.fixture
def failed_task(database_tasks, settings):
    settings.TASK_MAX_ATTEMPTS = 1
    always_fails.enqueue("the provider said no")
    run_worker()


def editor():
    """An admin user of the site who is not a superuser (Wagtail's Editors group)."""
    user = get_user_model().objects.create_user("editor-failed-tasks", password="unused")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_a_superuser_sees_the_failed_task_and_its_error(admin_client, failed_task):
    response = admin_client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "tests.background.tasks.always_fails" in body
    assert "builtins.RuntimeError" in body
    assert "the provider said no" in body


def test_a_superuser_without_failures_is_told_so(admin_client, database_tasks):
    response = admin_client.get(URL)
    assert response.status_code == 200
    assert "No task has failed." in response.content.decode()


def test_the_report_speaks_the_admin_language(admin_client, admin_user, database_tasks):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "de"
    profile.save()
    body = admin_client.get(URL).content.decode()
    assert "Fehlgeschlagene Aufgaben" in body
    assert "Keine Aufgabe ist fehlgeschlagen." in body and "Fehlgeschlagen am" in body


def test_the_reports_menu_offers_it_to_superusers_only(admin_client, client, failed_task):
    assert URL in admin_client.get("/admin/").content.decode()
    client.force_login(team_member("translators", "de"))
    assert URL not in client.get("/admin/").content.decode()


@pytest.mark.parametrize(
    "who",
    [("translators", "de"), ("reviewers", "de"), ("translators", "nl"), "editor"],
)
def test_no_one_else_sees_failed_tasks(client, failed_task, who):
    user = editor() if who == "editor" else team_member(*who)
    client.force_login(user)
    response = client.get(URL)
    assert refused(response)
    assert "the provider said no" not in response.content.decode()


def test_a_visitor_is_sent_to_the_login(client, failed_task):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
