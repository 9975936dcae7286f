"""setup_partners: every partner language gets a locale, a draft tree, two teams and a workflow."""

import io

import pytest

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import TestCase

from wagtail.models import GroupPagePermission, Locale, Page, WorkflowPage

from materials.models import HomePage
from repo_site.languages import load_partner_languages
from tests import factories
from tests.conftest import shared_data
from translation.models import LanguageTeam

pytestmark = pytest.mark.django_db

LANGUAGES = load_partner_languages()
TRANSLATED = [language for language in LANGUAGES if language.code != "en"]


def set_up_partners() -> None:
    """setup_partners over a published English tree, as `make run` runs it after seeding."""
    factories.site_tree()
    # wagtail-localize finishes the draft trees on commit, which the module never reaches.
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("setup_partners", stdout=io.StringIO())


@pytest.fixture(scope="module", autouse=True)
def partner_languages(django_db_setup, django_db_blocker):
    """Set up once for the module (see `shared_data`)."""
    with shared_data(django_db_blocker, set_up_partners):
        yield


def snapshot():
    return (
        Locale.objects.count(),
        Page.objects.count(),
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        WorkflowPage.objects.count(),
        LanguageTeam.objects.count(),
    )


def test_sixteen_partner_languages_are_configured():
    codes = [language.code for language in LANGUAGES]
    assert codes[0] == "en" and len(codes) >= 16
    assert set(codes) >= {
        "de",
        "nl",
        "nb",
        "cs",
        "sk",
        "el",
        "mt",
        "es",
        "pt",
        "fr",
        "it",
        "fi",
        "sv",
        "hu",
        "pl",
    }


@pytest.mark.parametrize("language", TRANSLATED, ids=lambda language: language.code)
def test_each_language_has_its_tree_teams_and_workflow(language):
    locale = Locale.objects.get(language_code=language.code)
    home = HomePage.objects.get(locale=locale)
    team = LanguageTeam.objects.get(locale=locale)
    assert team.translators.name == f"{language.english_name} translators"
    assert team.reviewers.name == f"{language.english_name} reviewers"
    translator_perms = set(
        GroupPagePermission.objects.filter(group=team.translators).values_list(
            "page_id", "permission__codename"
        )
    )
    assert translator_perms == {
        (home.pk, "add_page"),
        (home.pk, "change_page"),
        (home.pk, "lock_page"),
    }
    reviewer_codenames = set(
        GroupPagePermission.objects.filter(group=team.reviewers, page=home).values_list(
            "permission__codename", flat=True
        )
    )
    assert "publish_page" in reviewer_codenames
    workflow = WorkflowPage.objects.get(page=home).workflow
    [task] = [workflow_task.task.specific for workflow_task in workflow.workflow_tasks.all()]
    assert list(task.groups.all()) == [team.reviewers]


def test_untranslated_languages_get_draft_pages_visitors_never_see(client):
    home = HomePage.objects.get(locale__language_code="fi")
    assert not home.live
    response = client.get("/fi/")
    assert response.status_code == 200
    assert '<html lang="fi"' in response.content.decode()


def test_running_setup_partners_again_changes_nothing():
    before = snapshot()
    call_command("setup_partners", stdout=io.StringIO())
    assert snapshot() == before
