"""Reviewers approve or reject from their language's dashboard: plain forms, guarded, and the
panel's cost does not grow with the number of pages in review."""

import re

import pytest

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, TaskState, WorkflowState
from wagtail.users.models import UserProfile

from tests.conftest import shared_data
from tests.factories import refused
from tests.translation.review_helpers import (
    admin_user,
    german_pages,
    member,
    review_pages,
    review_state,
    submitted,
)

pytestmark = pytest.mark.django_db

REVIEWED_PAGES = 5  # the panel's cost is compared for one and for five pages in review


@pytest.fixture(scope="module", autouse=True)
def german_pages_in_review(django_db_setup, django_db_blocker):
    """Built once for the module (see `shared_data`)."""
    with shared_data(django_db_blocker, lambda: review_pages(REVIEWED_PAGES)):
        yield


DASHBOARD = "/admin/translations/de/"


def decision_url(page, code="de") -> str:
    return f"/admin/translations/{code}/review/{page.pk}/"


def awaiting_titles(response) -> list[str]:
    return [item.title for item in response.context["awaiting_review"]]


@pytest.fixture
def translator():
    return member("translators", "de")


@pytest.fixture
def reviewer():
    return member("reviewers", "de")


@pytest.fixture
def in_review(translator):
    (page,) = german_pages()
    return submitted(page, translator, title="Neuer Titel aus der Übersetzung")


def test_the_reviewer_sees_the_page_with_approve_and_reject(client, reviewer, in_review):
    client.force_login(reviewer)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert awaiting_titles(response) == [in_review.get_admin_display_title()]
    html = response.content.decode()
    assert "Awaiting your review" in html
    forms = re.findall(
        rf'<form method="post" action="{decision_url(in_review)}"[^>]*>(.*?)</form>', html, re.S
    )
    assert len(forms) == 2
    assert 'name="action" value="approve"' in forms[0]
    assert 'name="action" value="reject"' in forms[1]
    assert re.search(r'<textarea[^>]*name="comment"[^>]*required', forms[1])
    assert f"/admin/pages/workflow/preview/{in_review.pk}/" in html


@pytest.mark.parametrize("role", ["translators", "reviewers"])
def test_others_do_not_see_it(client, in_review, role):
    """German translators cannot decide; Dutch team members do not see German at all."""
    client.force_login(member("translators", "de"))
    response = client.get(DASHBOARD)
    assert awaiting_titles(response) == []
    assert "Awaiting your review" not in response.content.decode()
    client.force_login(member(role, "nl"))
    assert client.get("/admin/translations/nl/").context["awaiting_review"] == []
    assert refused(client.get(DASHBOARD))


def test_admins_see_every_page_in_review(admin_client, in_review):
    assert awaiting_titles(admin_client.get(DASHBOARD)) == [in_review.get_admin_display_title()]
    assert admin_client.get("/admin/translations/nl/").context["awaiting_review"] == []


def test_approving_publishes_the_submitted_translation(client, reviewer, translator, in_review):
    client.force_login(reviewer)
    mail.outbox.clear()
    response = client.post(decision_url(in_review), {"action": "approve"})
    assert response.status_code == 302 and response["Location"] == DASHBOARD
    page = Page.objects.get(pk=in_review.pk)
    assert page.live and page.title == "Neuer Titel aus der Übersetzung"
    assert not page.workflow_in_progress
    assert page.workflow_states.get().status == WorkflowState.STATUS_APPROVED
    assert [message.to for message in mail.outbox] == [[translator.email]]
    assert awaiting_titles(client.get(DASHBOARD)) == []


def test_rejecting_returns_the_page_with_the_comment(client, reviewer, translator, in_review):
    live_title = Page.objects.get(pk=in_review.pk).title
    _status, live_revision = review_state(in_review)
    client.force_login(reviewer)
    mail.outbox.clear()
    response = client.post(
        decision_url(in_review), {"action": "reject", "comment": "  Bitte 'Lehrkräfte'.  "}
    )
    assert response.status_code == 302
    page = Page.objects.get(pk=in_review.pk)
    assert page.title == live_title != "Neuer Titel aus der Übersetzung"
    assert page.live_revision_id == live_revision
    state = page.workflow_states.get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert TaskState.objects.get(workflow_state=state).get_comment() == "Bitte 'Lehrkräfte'."
    (message,) = mail.outbox
    assert message.to == [translator.email] and "Bitte 'Lehrkräfte'." in message.body


# -- who may decide: {German reviewer, German translator, Dutch reviewer, admin} x {approve,
# reject}, through the dashboard and through Wagtail's own workflow action endpoint -----------

USERS = {
    "german reviewer": lambda: member("reviewers", "de"),
    "german translator": lambda: member("translators", "de"),
    "dutch reviewer": lambda: member("reviewers", "nl"),
    "admin": admin_user,
}
ALLOWED = {"german reviewer", "admin"}
OUTCOME = {"approve": WorkflowState.STATUS_APPROVED, "reject": WorkflowState.STATUS_NEEDS_CHANGES}


def post_dashboard(client, page, action):
    return client.post(decision_url(page), {"action": action, "comment": "Bitte prüfen."})


def post_wagtail(client, page, action):
    task_state = Page.objects.get(pk=page.pk).current_workflow_state.current_task_state
    return client.post(
        f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/",
        {"comment": "Bitte prüfen."},
    )


@pytest.mark.parametrize("door", [post_dashboard, post_wagtail], ids=["dashboard", "wagtail"])
@pytest.mark.parametrize("action", ["approve", "reject"])
@pytest.mark.parametrize("who", list(USERS))
def test_permission_matrix(client, in_review, who, action, door):
    before = review_state(in_review)
    assert before[0] == WorkflowState.STATUS_IN_PROGRESS
    client.force_login(USERS[who]())
    response = door(client, in_review, action)
    after = review_state(in_review)
    if who in ALLOWED:
        assert response.status_code == 302, response.content[:500]
        assert after[0] == OUTCOME[action]
        assert (after[1] != before[1]) is (action == "approve")  # published only on approval
    else:
        assert refused(response), response.status_code
        assert after == before
        assert Page.objects.get(pk=in_review.pk).title != "Neuer Titel aus der Übersetzung"


# -- bad input: a clear 4xx, nothing changed ------------------------------------------------


@pytest.mark.parametrize(
    "data, status, message",
    [
        ({}, 400, "Choose Approve or Reject."),
        ({"action": "publish"}, 400, "Choose Approve or Reject."),
        ({"action": "reject"}, 400, "a rejection needs a comment"),
        ({"action": "reject", "comment": "   "}, 400, "a rejection needs a comment"),
    ],
    ids=["missing action", "unknown action", "reject without comment", "blank comment"],
)
def test_bad_decisions_are_refused_with_a_message(
    client, reviewer, in_review, data, status, message
):
    before = review_state(in_review)
    client.force_login(reviewer)
    response = client.post(decision_url(in_review), data)
    assert response.status_code == status
    assert message in response.content.decode()
    assert review_state(in_review) == before


def test_a_page_not_in_review_is_refused_with_a_message(client, reviewer):
    (page,) = german_pages()
    before = review_state(page)
    client.force_login(reviewer)
    response = client.post(decision_url(page), {"action": "approve"})
    assert response.status_code == 409
    assert "is not waiting for review" in response.content.decode()
    assert review_state(page) == before


def test_deciding_twice_is_refused_the_second_time(client, reviewer, in_review):
    client.force_login(reviewer)
    assert client.post(decision_url(in_review), {"action": "approve"}).status_code == 302
    second = client.post(decision_url(in_review), {"action": "reject", "comment": "Zu spät."})
    assert second.status_code == 409
    assert review_state(in_review)[0] == WorkflowState.STATUS_APPROVED


def test_unknown_pages_pages_of_another_language_and_get_are_refused(client, reviewer, in_review):
    client.force_login(reviewer)
    assert (
        client.post("/admin/translations/de/review/999999/", {"action": "approve"}).status_code
        == 404
    )
    dutch = Page.objects.filter(locale__language_code="nl", depth__gt=2).first()
    assert client.post(decision_url(dutch), {"action": "approve"}).status_code == 404
    assert client.get(decision_url(in_review)).status_code == 405
    assert client.post("/admin/translations/xx/review/1/", {"action": "approve"}).status_code == 404
    assert review_state(in_review)[0] == WorkflowState.STATUS_IN_PROGRESS


# -- the panel costs the same whatever the number of pages in review ------------------------


@pytest.mark.parametrize("user", ["reviewer", "admin"])
def test_the_panel_adds_no_query_per_page_in_review(client, translator, user):
    viewer = member("reviewers", "de") if user == "reviewer" else admin_user()
    first, *others = german_pages(REVIEWED_PAGES)
    submitted(first, translator)
    client.force_login(viewer)
    client.get(DASHBOARD)  # warm per-process caches (site, user menus)
    with CaptureQueriesContext(connection) as one:
        response = client.get(DASHBOARD)
    assert len(response.context["awaiting_review"]) == 1
    for page in others:
        submitted(page, translator)
    with CaptureQueriesContext(connection) as several:
        response = client.get(DASHBOARD)
    assert len(response.context["awaiting_review"]) == REVIEWED_PAGES
    assert len(several.captured_queries) == len(one.captured_queries)


def test_a_german_reviewer_reviews_in_german(client, reviewer, in_review):
    profile = UserProfile.get_for_user(reviewer)
    profile.preferred_language = "de"
    profile.save()
    client.force_login(reviewer)
    html = client.get(DASHBOARD).content.decode()
    assert "Wartet auf Ihre Prüfung" in html and "Mit diesem Kommentar ablehnen" in html
    refusal = client.post(decision_url(in_review), {"action": "reject"})
    assert refusal.status_code == 400
    assert "Eine Ablehnung braucht einen Kommentar" in refusal.content.decode()
