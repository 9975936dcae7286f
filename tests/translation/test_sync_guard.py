"""Syncing translations publishes only complete translations, only where the user may publish."""

from urllib.parse import urlencode

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission, Locale, Page
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from materials.models import HomePage, MaterialPage
from tests import factories
from tests.conftest import shared_data
from tests.factories import team_member
from tests.translation.translated_content import translate_fully
from translation.dashboard import OUTDATED

pytestmark = pytest.mark.django_db


def build_materials() -> dict[str, int]:
    """Two English materials, one with a complete German translation, one not translated,
    and the German team."""
    materials = factories.site_tree().materials
    translated, untranslated = (
        factories.publish(factories.MaterialPageFactory(parent=materials)) for _n in range(2)
    )
    german = translate_fully(translated, "de")
    factories.language_team("de")
    return {"german": german.pk, "untranslated": untranslated.pk}


@pytest.fixture(scope="module", autouse=True)
def material_pks(django_db_setup, django_db_blocker):
    """Built once for the module (see `shared_data`)."""
    with shared_data(django_db_blocker, build_materials) as pks:
        yield pks


@pytest.fixture
def english_editor():
    """Edits and publishes the English tree and may request translations; nothing else."""
    group = Group.objects.create(name="English editors")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="submit_translation"),
    )
    home = HomePage.objects.get(locale__language_code="en")
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=home, permission=Permission.objects.get(codename=codename)
        )
    user = get_user_model().objects.create_user("english-editor", password="x")
    user.groups.add(group)
    return user


def translated_material(material_pks):
    german = MaterialPage.objects.live().get(pk=material_pks["german"])
    source = MaterialPage.objects.get(
        translation_key=german.translation_key, locale__language_code="en"
    )
    return source, german


def sync(client, source, django_capture_on_commit_callbacks):
    translation_source = TranslationSource.objects.get(object_id=source.translation_key)
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            f"/admin/localize/update/{translation_source.pk}/", {"publish_translations": "on"}
        )


def edit_source(source):
    source.summary = "A revised summary for teachers."
    source.save_revision().publish()


def test_source_editor_cannot_publish_other_languages_by_syncing(
    client, english_editor, django_capture_on_commit_callbacks, material_pks
):
    source, german = translated_material(material_pks)
    edit_source(source)
    before = Page.objects.get(pk=german.pk).live_revision_id
    client.force_login(english_editor)
    response = sync(client, source, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert Page.objects.get(pk=german.pk).live_revision_id == before
    messages = [str(message) for message in response.wsgi_request._messages]
    assert any("their reviewers publish those translations" in message for message in messages)


def test_an_admin_sync_publishes_every_complete_translation(
    admin_client, django_capture_on_commit_callbacks, material_pks
):
    source, german = translated_material(material_pks)
    source.save_revision().publish()  # republished, nothing new to translate
    before = Page.objects.get(pk=german.pk).live_revision_id
    assert sync(admin_client, source, django_capture_on_commit_callbacks).status_code == 302
    assert Page.objects.get(pk=german.pk).live_revision_id != before


# ------------------------------------------------ a sync never puts source text live


def title_segment(source_page):
    translation_source = TranslationSource.objects.get(object_id=source_page.translation_key)
    return StringSegment.objects.get(source=translation_source, context__path="title")


def put_string(client, translation, segment, value):
    return client.put(
        f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
        urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded",
    )


def review_and_publish(client, page, translator, reviewer, capture):
    """The translator submits the page to its language's review; the reviewer approves."""
    client.force_login(translator)
    assert client.post(f"/admin/translation/review/{page.pk}/submit/").status_code == 302
    task_state = Page.objects.get(pk=page.pk).specific.current_workflow_state.current_task_state
    client.force_login(reviewer)
    with capture(execute=True):
        response = client.post(
            f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {}
        )
    assert response.status_code in (200, 302)


def outdated_on_dashboard(client, user, source_page) -> bool:
    client.force_login(user)
    dashboard = client.get(f"/admin/translations/de/?status={OUTDATED}")
    assert dashboard.status_code == 200
    entries = dashboard.context["entries"].object_list
    return source_page.pk in {entry.source_id for entry in entries}


def test_sync_and_publish_keeps_the_live_translation_until_the_new_text_is_reviewed(
    client, admin_client, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    translator, reviewer = team_member("translators", "de"), team_member("reviewers", "de")
    german_locale = Locale.objects.get(language_code="de")
    english = next(
        page
        for page in MaterialPage.objects.live().filter(locale__language_code="en")
        if page.get_translation_or_none(german_locale) is None
    )

    # The translator starts the German translation: a draft, pre-translated by machine,
    # with a title of their own.
    client.force_login(translator)
    with capture(execute=True):
        response = client.post(
            f"/admin/localize/submit/page/{english.pk}/", {"locales": [german_locale.pk]}
        )
    assert response.status_code == 302
    german = english.get_translation(german_locale)
    assert not german.live
    translation = Translation.objects.get(
        source__object_id=english.translation_key, target_locale=german_locale
    )
    machine = client.post(
        f"/admin/localize/translate/{translation.pk}/machine_translate/", {"next": "/admin/"}
    )
    assert machine.status_code == 302
    assert (
        put_string(client, translation, title_segment(english), "Deutscher Titel").status_code
        == 200
    )
    review_and_publish(client, german, translator, reviewer, capture)
    german = Page.objects.get(pk=german.pk)
    assert german.live and german.title == "Deutscher Titel"

    # The English title changes; an admin syncs and publishes every language.
    english.title = "A new English title"
    english.save_revision().publish()
    response = sync(admin_client, english, capture)
    assert response.status_code == 302
    messages = [str(message) for message in response.wsgi_request._messages]
    drafted = f"Saved as a draft in {german_locale.get_display_name()}"
    assert any(message.startswith(drafted) for message in messages), messages

    german = Page.objects.get(pk=german.pk)
    assert german.title == "Deutscher Titel"  # the live page keeps its German title
    assert german.get_latest_revision_as_object().title == "A new English title"  # in the draft
    assert outdated_on_dashboard(client, translator, english)
    public = client.get(german.specific.url)
    assert b"A new English title" not in public.content

    # The translator translates the new title; the reviewer publishes the draft.
    assert put_string(
        client, translation, title_segment(english), "Neuer deutscher Titel"
    ).status_code in (200, 201)
    review_and_publish(client, german, translator, reviewer, capture)
    german = Page.objects.get(pk=german.pk)
    assert german.title == "Neuer deutscher Titel"
    assert not outdated_on_dashboard(client, translator, english)
