"""Translators and reviewers of two languages: each works in their own language only."""

import pytest

from wagtail.models import Page

from materials.models import Discipline, MaterialPage
from tests import factories
from tests.conftest import shared_data
from tests.factories import refused, team_member

pytestmark = pytest.mark.django_db


def build_languages() -> None:
    """An English material and its discipline, both translated into German and Dutch, and
    the two languages' teams: each role meets its own language and the others."""
    material = factories.MaterialPageFactory(parent=factories.site_tree().materials)
    material.disciplines = [factories.DisciplineFactory()]
    material = factories.publish(material)
    for language in ("de", "nl"):
        factories.translate_page(material, language)
        factories.translate_term(material.disciplines.get(), language)
        factories.language_team(language)


@pytest.fixture(scope="module", autouse=True)
def languages(django_db_setup, django_db_blocker):
    """Built once for the module (see `shared_data`)."""
    with shared_data(django_db_blocker, build_languages):
        yield


def material(language: str) -> MaterialPage:
    return MaterialPage.objects.live().filter(locale__language_code=language).first()


@pytest.fixture
def german_translator():
    return team_member("translators", "de")


@pytest.fixture
def german_reviewer():
    return team_member("reviewers", "de")


def test_german_translator_edits_german_pages_but_not_dutch_or_english(german_translator):
    assert material("de").permissions_for_user(german_translator).can_edit()
    assert not material("nl").permissions_for_user(german_translator).can_edit()
    assert not material("en").permissions_for_user(german_translator).can_edit()


def test_german_translator_cannot_publish_german_pages(german_translator):
    assert not material("de").permissions_for_user(german_translator).can_publish()


def test_german_reviewer_publishes_german_pages_only(german_reviewer):
    assert material("de").permissions_for_user(german_reviewer).can_publish()
    assert not material("nl").permissions_for_user(german_reviewer).can_publish()


def test_admin_edit_view_refuses_other_languages(client, german_translator):
    client.force_login(german_translator)
    assert client.get(f"/admin/pages/{material('de').pk}/edit/").status_code == 200
    assert refused(client.get(f"/admin/pages/{material('nl').pk}/edit/"))


def test_translation_editor_publishes_for_the_reviewer_not_the_translator(
    client, german_translator, german_reviewer, django_capture_on_commit_callbacks
):
    # For a translated page, wagtail-localize's translation editor answers the edit URL.
    page = material("de")
    url = f"/admin/pages/{page.pk}/edit/"
    revision_before = Page.objects.get(pk=page.pk).live_revision_id

    client.force_login(german_translator)
    assert refused(client.post(url, {"action": "publish"}))
    assert Page.objects.get(pk=page.pk).live_revision_id == revision_before

    client.force_login(german_reviewer)
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        assert client.post(url, {"action": "publish"}).status_code == 302
    assert Page.objects.get(pk=page.pk).live_revision_id != revision_before


def test_taxonomy_labels_are_edited_in_ones_own_language_only(client, german_translator):
    client.force_login(german_translator)
    german = Discipline.objects.filter(locale__language_code="de").first()
    dutch = Discipline.objects.filter(locale__language_code="nl").first()
    english = Discipline.objects.filter(locale__language_code="en").first()
    assert client.get(f"/admin/snippets/materials/discipline/edit/{german.pk}/").status_code == 200
    assert refused(client.get(f"/admin/snippets/materials/discipline/edit/{dutch.pk}/"))
    assert refused(client.get(f"/admin/snippets/materials/discipline/edit/{english.pk}/"))
