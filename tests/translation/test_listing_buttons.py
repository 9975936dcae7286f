"""The explorer's page listing offers wagtail-localize's "Translate this page" and "Sync
translated pages" exactly as wagtail-localize decides them, from the listing's own query
instead of three queries per row."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail import hooks
from wagtail.models import GroupPagePermission
from wagtail_localize import wagtail_hooks as localize_hooks

from materials.models import MaterialPage
from tests.factories import MaterialPageFactory, locale, publish, site_tree, translate_page
from translation import listing_buttons

pytestmark = pytest.mark.django_db


def listing(client, index) -> str:
    return client.get(f"/admin/pages/{index.pk}/").content.decode()


def urls_by_upstream(page, user) -> set[str]:
    return {
        button.url for button in localize_hooks.page_listing_more_buttons(page, user, None, None)
    }


@pytest.fixture
def materials():
    index = site_tree().materials
    locale("de")
    translated = publish(MaterialPageFactory(parent=index, title="Translated material"))
    translate_page(translated, "de")
    untranslated = publish(MaterialPageFactory(parent=index, title="Untranslated material"))
    return index, translated, untranslated


def test_the_upstream_buttons_are_replaced_not_doubled():
    registered = list(hooks.get_hooks("register_page_listing_more_buttons"))
    assert localize_hooks.page_listing_more_buttons not in registered
    assert listing_buttons.page_listing_more_buttons in registered


def urls_from_annotations(page, user) -> set[str]:
    return {
        button.url
        for button in listing_buttons.page_listing_more_buttons(page, user, None, "/next/")
    }


def test_the_annotated_rows_offer_what_wagtail_localize_would(admin_user, materials):
    index, translated, untranslated = materials
    rows = listing_buttons.annotate_translation_state(
        index, MaterialPage.objects.child_of(index), None
    )
    seen = {}
    for row in rows:
        assert hasattr(row, listing_buttons.UNTRANSLATED)
        upstream = {
            button.url
            for button in localize_hooks.page_listing_more_buttons(row, admin_user, None, "/next/")
        }
        assert urls_from_annotations(row, admin_user) == upstream, row.title
        seen[row.pk] = upstream
    # Both kinds of button occur: the translated material is a source with an enabled
    # translation (sync), the other has a locale left (translate).
    assert any("/localize/update/" in url for url in seen[translated.pk])
    assert any("/localize/submit/page/" in url for url in seen[untranslated.pk])


def test_the_listing_shows_them(admin_client, materials):
    index, translated, untranslated = materials
    body = listing(admin_client, index)
    assert f"/admin/localize/submit/page/{untranslated.pk}/" in body


def test_no_buttons_without_the_permission_to_submit_translations(client, materials):
    index, translated, _ = materials
    group = Group.objects.create(name="Material editors without translation")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=index, permission=Permission.objects.get(codename="change_page")
    )
    editor = get_user_model().objects.create_user("listing-editor", password="unused")
    editor.groups.add(group)
    assert not editor.has_perm("wagtail_localize.submit_translation")
    client.force_login(editor)
    body = listing(client, index)
    assert "Translated material" in body
    assert "/admin/localize/submit/page/" not in body
    assert "/admin/localize/update/" not in body


def test_the_listing_costs_the_same_queries_for_more_rows(admin_client, materials):
    index = materials[0]
    listing(admin_client, index)
    with CaptureQueriesContext(connection) as few:
        listing(admin_client, index)
    for n in range(5):
        publish(MaterialPageFactory(parent=index, title=f"More material {n}"))
    listing(admin_client, index)
    with CaptureQueriesContext(connection) as more:
        listing(admin_client, index)
    localize_queries = [
        q["sql"] for q in more.captured_queries if "wagtail_localize_translationsource" in q["sql"]
    ]
    assert len(localize_queries) <= len(
        [q for q in few.captured_queries if "wagtail_localize_translationsource" in q["sql"]]
    )
    assert len(more) - len(few) < 5  # not one query (let alone three) per added row
