"""Shared set-up of the review tests: team members with e-mail addresses, German pages to
review (built once per module by `review_pages`), a German page whose submitted draft differs
from the live text, and the page's review state."""

from django.contrib.auth import get_user_model

from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation

from materials.models import MaterialPage
from tests import factories
from tests.factories import team_member
from tests.translation.translated_content import admin, translate_fully
from translation.review import submit_for_review, translation_of


def member(role: str, language: str):
    """A team member with an e-mail address (Wagtail mails only users that have one)."""
    user = team_member(role, language)
    user.email = f"{user.username}@example.org"
    user.save(update_fields=["email"])
    return user


def admin_user():
    return admin()


def review_pages(count: int = 1) -> None:
    """`count` English materials translated into German (every segment of the first
    translated, so a translator can retitle it), the German and Dutch teams and the admin."""
    materials = factories.site_tree().materials
    for n in range(count):
        page = factories.publish(factories.MaterialPageFactory(parent=materials))
        if n == 0:
            translate_fully(page, "de")
        else:
            factories.translate_page(page, "de")
    for language in ("de", "nl"):
        factories.language_team(language)
    admin()


def superuser_addresses() -> set[str]:
    return set(
        get_user_model()
        .objects.filter(is_superuser=True, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def german_pages(count: int = 1) -> list[MaterialPage]:
    return list(MaterialPage.objects.live().filter(locale__language_code="de").order_by("path"))[
        :count
    ]


def retitle_translation(page: Page, title: str) -> None:
    """The translator's new title for `page`, in wagtail-localize's strings (not yet live)."""
    translation = translation_of(page)
    segment = StringSegment.objects.get(source=translation.source, context__path="title")
    changed = StringTranslation.objects.filter(
        translation_of=segment.string, context=segment.context, locale=page.locale
    ).update(data=title)
    assert changed == 1


def submitted(page: Page, translator, title: str | None = None) -> Page:
    """`page` in its language's review, submitted by `translator` (with a new title if given)."""
    if title is not None:
        retitle_translation(page, title)
    submit_for_review(page, translator)
    return Page.objects.get(pk=page.pk)


def review_state(page: Page) -> tuple[str | None, int | None]:
    """(workflow status, live revision id) of the page as stored now."""
    page = Page.objects.get(pk=page.pk)
    workflow_state = page.workflow_states.order_by("-created_at").first()
    return (workflow_state.status if workflow_state else None, page.live_revision_id)
