"""Syncing translations from a source page publishes only where the user may publish."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission, Page
from wagtail_localize.models import TranslationSource

from materials.models import HomePage, MaterialPage

pytestmark = pytest.mark.django_db


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


def translated_material():
    german = MaterialPage.objects.live().filter(locale__language_code="de").first()
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
    client, english_editor, django_capture_on_commit_callbacks
):
    source, german = translated_material()
    edit_source(source)
    before = Page.objects.get(pk=german.pk).live_revision_id
    client.force_login(english_editor)
    response = sync(client, source, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert Page.objects.get(pk=german.pk).live_revision_id == before
    messages = [str(message) for message in response.wsgi_request._messages]
    assert any("their reviewers publish those translations" in message for message in messages)


def test_an_admin_sync_still_publishes_every_language(
    admin_client, django_capture_on_commit_callbacks
):
    source, german = translated_material()
    edit_source(source)
    before = Page.objects.get(pk=german.pk).live_revision_id
    assert sync(admin_client, source, django_capture_on_commit_callbacks).status_code == 302
    assert Page.objects.get(pk=german.pk).live_revision_id != before
