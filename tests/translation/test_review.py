"""A translator submits a translated page; the language's reviewer approves or rejects it."""

import pytest

from wagtail.models import Page, WorkflowState

from materials.models import MaterialPage
from tests import factories
from tests.conftest import shared_data
from tests.factories import team_member

pytestmark = pytest.mark.django_db


def build_translations() -> dict[str, int]:
    """An English material translated into German and Dutch, and both languages' teams (the
    German one with its "German review" workflow); the translations' primary keys."""
    material = factories.publish(
        factories.MaterialPageFactory(parent=factories.site_tree().materials)
    )
    pks = {}
    for language in ("de", "nl"):
        pks[language] = factories.translate_page(material, language).pk
        factories.language_team(language)
    return pks


@pytest.fixture(scope="module")
def translation_pks(django_db_setup, django_db_blocker):
    """Built once for the module (see `shared_data`)."""
    with shared_data(django_db_blocker, build_translations) as pks:
        yield pks


@pytest.fixture
def german_page(db, translation_pks):
    return MaterialPage.objects.live().get(pk=translation_pks["de"])


def submit(client, page, user):
    client.force_login(user)
    return client.post(f"/admin/translation/review/{page.pk}/submit/")


def current_task(page):
    state = Page.objects.get(pk=page.pk).specific.current_workflow_state
    return state, state.current_task_state


def test_translator_submits_and_the_reviewer_publishes(client, german_page):
    translator, reviewer = team_member("translators", "de"), team_member("reviewers", "de")
    assert client.get(f"/admin/pages/{german_page.pk}/").status_code in (200, 302)
    client.force_login(translator)
    confirm = client.get(f"/admin/translation/review/{german_page.pk}/submit/")
    assert confirm.status_code == 200 and b"German review" in confirm.content

    live_before = Page.objects.get(pk=german_page.pk).live_revision_id
    assert submit(client, german_page, translator).status_code == 302
    state, task_state = current_task(german_page)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert Page.objects.get(pk=german_page.pk).live_revision_id == live_before

    task = task_state.task.specific
    assert task.get_actions(german_page, translator) == []
    assert [name for name, *_ in task.get_actions(german_page, reviewer)][:1] == ["reject"] or (
        "approve" in [name for name, *_ in task.get_actions(german_page, reviewer)]
    )
    task.on_action(task_state, reviewer, "approve")
    page = Page.objects.get(pk=german_page.pk)
    assert page.live_revision_id != live_before
    assert not page.workflow_in_progress


def test_reviewer_rejects_with_a_comment_the_translator_sees(client, german_page):
    translator, reviewer = team_member("translators", "de"), team_member("reviewers", "de")
    submit(client, german_page, translator)
    state, task_state = current_task(german_page)
    task_state.task.specific.on_action(
        task_state, reviewer, "reject", comment="Please use 'Lehrkräfte' throughout."
    )
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    task_state.refresh_from_db()
    assert task_state.get_comment() == "Please use 'Lehrkräfte' throughout."
    client.force_login(translator)
    history = client.get(f"/admin/pages/{german_page.pk}/history/")
    assert history.status_code == 200


def test_reviewers_of_another_language_cannot_act(client, german_page):
    translator, dutch_reviewer = team_member("translators", "de"), team_member("reviewers", "nl")
    submit(client, german_page, translator)
    _state, task_state = current_task(german_page)
    assert task_state.task.specific.get_actions(german_page, dutch_reviewer) == []


def test_translators_cannot_submit_pages_of_other_languages(client, translation_pks):
    translator = team_member("translators", "de")
    dutch_page = MaterialPage.objects.live().get(pk=translation_pks["nl"])
    response = submit(client, dutch_page, translator)
    assert response.status_code == 403 or response["Location"] == "/admin/"
    assert not Page.objects.get(pk=dutch_page.pk).workflow_in_progress


def test_submitting_twice_is_refused_with_a_message(client, german_page):
    translator = team_member("translators", "de")
    submit(client, german_page, translator)
    response = submit(client, german_page, translator)
    assert response.status_code == 302
    messages = [str(message) for message in response.wsgi_request._messages]
    assert any("already waiting for review" in message for message in messages)
    assert WorkflowState.objects.filter(object_id=str(german_page.pk)).count() == 1


def test_unknown_page_is_a_404(client, translation_pks):
    client.force_login(team_member("translators", "de"))
    assert client.get("/admin/translation/review/999999/submit/").status_code == 404


def test_the_translation_editor_offers_submit_for_review(client, german_page):
    translator = team_member("translators", "de")
    client.force_login(translator)
    editor = client.get(f"/admin/pages/{german_page.pk}/edit/")
    assert editor.status_code == 200
    assert b"js-translation-editor" in editor.content  # wagtail-localize's editor
    assert f'href="/admin/translation/review/{german_page.pk}/submit/"'.encode() in editor.content

    submit(client, german_page, translator)
    editor = client.get(f"/admin/pages/{german_page.pk}/edit/")
    assert f"/admin/translation/review/{german_page.pk}/submit/".encode() not in editor.content
