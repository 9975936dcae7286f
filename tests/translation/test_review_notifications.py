"""Wagtail's workflow e-mails reach the right people: the language's reviewers on submission,
the translator on approval or rejection."""

import pytest

from django.conf import settings
from django.core import mail

from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail.users.models import UserProfile

from materials.models import HomePage
from tests.conftest import shared_data
from tests.factories import StandardPageFactory
from tests.translation.review_helpers import (
    admin_user,
    german_pages,
    member,
    review_pages,
    submitted,
    superuser_addresses,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def pages_to_review(django_db_setup, django_db_blocker):
    """Built once for the module (see `shared_data`)."""
    with shared_data(django_db_blocker, review_pages):
        yield


SUBMITTED = "has been submitted for approval"


def messages_containing(text: str) -> list:
    return [message for message in mail.outbox if text in message.subject + message.body]


def recipients(messages) -> set[str]:
    return {address for message in messages for address in message.to}


@pytest.fixture
def people():
    return {
        "translator": member("translators", "de"),
        "other_translator": member("translators", "de"),
        "reviewer": member("reviewers", "de"),
        "second_reviewer": member("reviewers", "de"),
        "dutch_reviewer": member("reviewers", "nl"),
        "dutch_translator": member("translators", "nl"),
    }


def test_submitting_mails_the_languages_reviewers_only(people):
    (page,) = german_pages()
    mail.outbox.clear()
    submitted(page, people["translator"])

    to_review = messages_containing(SUBMITTED)
    reviewers = {people["reviewer"].email, people["second_reviewer"].email}
    assert reviewers <= recipients(to_review)
    # the reviewers and, as Wagtail does by default, the admins (who may publish any language)
    assert recipients(to_review) == reviewers | superuser_addresses()
    for outsider in ("translator", "other_translator", "dutch_reviewer", "dutch_translator"):
        assert people[outsider].email not in recipients(mail.outbox), outsider


def test_the_reviewers_message_names_the_page_and_links_to_the_admin(people):
    (page,) = german_pages()
    mail.outbox.clear()
    submitted(page, people["translator"])
    (message,) = [m for m in messages_containing(SUBMITTED) if m.to == [people["reviewer"].email]]
    title = Page.objects.get(pk=page.pk).get_admin_display_title()
    assert title in message.subject
    assert "German reviewers approve" in message.subject
    assert f"{settings.WAGTAILADMIN_BASE_URL}/admin/pages/{page.pk}/edit/" in message.body
    assert message.from_email == settings.WAGTAILADMIN_NOTIFICATION_FROM_EMAIL


def test_a_dutch_submission_does_not_mail_german_reviewers(people):
    dutch = Page.objects.live().filter(locale__language_code="nl", depth__gt=2).first().specific
    mail.outbox.clear()
    submitted(dutch, people["dutch_translator"])
    assert people["dutch_reviewer"].email in recipients(messages_containing(SUBMITTED))
    assert people["reviewer"].email not in recipients(mail.outbox)
    assert people["second_reviewer"].email not in recipients(mail.outbox)


def test_reviewers_who_turned_submissions_off_or_have_no_address_get_nothing(people):
    profile = UserProfile.get_for_user(people["second_reviewer"])
    profile.submitted_notifications = False
    profile.save()
    silent = member("reviewers", "de")
    silent.email = ""
    silent.save(update_fields=["email"])
    (page,) = german_pages()
    mail.outbox.clear()
    submitted(page, people["translator"])
    assert people["reviewer"].email in recipients(messages_containing(SUBMITTED))
    assert people["second_reviewer"].email not in recipients(mail.outbox)
    assert Page.objects.get(pk=page.pk).workflow_in_progress


def test_wagtails_own_submit_action_mails_the_same_reviewers(client, people):
    """The page editor's "Submit to German review" (Wagtail's own action, for a German page
    that is not a wagtail-localize translation) starts the same workflow and sends the same
    e-mail."""
    german_home = HomePage.objects.get(locale__language_code="de")
    page = StandardPageFactory(parent=german_home)
    assert page.get_workflow().name == "German review"
    client.force_login(people["translator"])
    mail.outbox.clear()
    data = nested_form_data(
        {
            "title": "Wie wir arbeiten",
            "slug": page.slug,
            "body": streamfield([("heading", "Unsere Arbeitsweise")]),
            "comments": inline_formset([]),
            "action-submit": "Submit to German review",
        }
    )
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert Page.objects.get(pk=page.pk).workflow_in_progress
    to_review = messages_containing(SUBMITTED)
    assert (
        recipients(to_review)
        == {
            people["reviewer"].email,
            people["second_reviewer"].email,
        }
        | superuser_addresses()
    )
    assert all("Wie wir arbeiten" in message.subject for message in to_review)


def decide_directly(page, reviewer, action, comment=""):
    state = Page.objects.get(pk=page.pk).current_workflow_state
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state.specific, reviewer, action, comment=comment)


def test_approval_mails_the_translator(people):
    (page,) = german_pages()
    submitted(page, people["translator"])
    mail.outbox.clear()
    decide_directly(page, people["reviewer"], "approve")
    approved = messages_containing("has been approved")
    assert recipients(approved) == {people["translator"].email}
    assert Page.objects.get(pk=page.pk).get_admin_display_title() in approved[0].subject
    assert people["reviewer"].email not in recipients(mail.outbox)


def test_rejection_mails_the_translator_the_comment(people):
    (page,) = german_pages()
    submitted(page, people["translator"])
    mail.outbox.clear()
    decide_directly(page, people["reviewer"], "reject", "Bitte 'Lehrkräfte' verwenden.")
    rejected = messages_containing("has been rejected")
    assert recipients(rejected) == {people["translator"].email}
    assert "Bitte 'Lehrkräfte' verwenden." in rejected[0].body
    assert f"/admin/pages/{page.pk}/edit/" in rejected[0].body
    state = Page.objects.get(pk=page.pk).workflow_states.get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES


def test_admins_stay_out_of_review_mail_when_turned_off(people, settings):
    settings.WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
    assert admin_user().email
    (page,) = german_pages()
    mail.outbox.clear()
    submitted(page, people["translator"])
    assert recipients(mail.outbox) == {people["reviewer"].email, people["second_reviewer"].email}
