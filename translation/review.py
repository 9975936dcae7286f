"""Translators hand a translated page to their language's reviewers.

wagtail-localize's translation editor saves drafts and (for those allowed) publishes, but
has no way into Wagtail's workflows. Submitting here saves the current translation as a
draft revision and starts the review workflow of the page's language tree; the reviewers
then approve (which publishes) or reject with a comment, from their language's dashboard
(translation.review_decision) or Wagtail's own workflow UI. Wagtail's workflow e-mails tell
the language's reviewers of the submission and the translator of the decision.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation


class CannotSubmit(Exception):
    """The page cannot go to review now; the message says why, for the editor."""


def translation_of(page: Page) -> Translation | None:
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id
        )
        .select_related("source")
        .first()
    )


def check_can_submit(page: Page, user) -> None:
    if not page.permissions_for_user(user).can_edit():
        raise CannotSubmit(_("You cannot edit this page."))
    if page.get_workflow() is None:
        raise CannotSubmit(_("This language has no review workflow."))
    if page.workflow_in_progress:
        raise CannotSubmit(_("This page is already waiting for review."))


def submit_url_for(page: Page, user) -> str | None:
    """Where the user submits this translated page for review, or None if they cannot now."""
    if page.locale.language_code == settings.LANGUAGE_CODE:
        return None
    try:
        check_can_submit(page, user)
    except CannotSubmit:
        return None
    return reverse("translation_submit_for_review", args=[page.pk])


def save_translation_draft(translation: Translation, user=None):
    """A new draft revision of the translated page from its current string translations.

    Not `translation.save_target(publish=False)`: for an existing page that writes the
    translated fields into the live row before creating the revision, so visitors would see
    unreviewed text. Here the translated instance is built in memory and only saved as a
    revision; the live page changes when a reviewer publishes.
    """
    draft = translation.source.get_ephemeral_translated_instance(
        translation.target_locale, fallback=True
    )
    return draft.save_revision(user=user)


def submit_for_review(page: Page, user) -> WorkflowState:
    """Save the latest translation as a draft, then start the language's review workflow."""
    page = page.specific
    check_can_submit(page, user)
    translation = translation_of(page)
    if translation is not None:
        save_translation_draft(translation, user)
        page.refresh_from_db()
    elif page.latest_revision is None:
        page.save_revision(user=user)
    return page.get_workflow().start(page, user)
