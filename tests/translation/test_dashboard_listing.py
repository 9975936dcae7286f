"""The language page at scale: one status at a time, 50 a page, filtered by partner, in a
fixed number of queries whatever the number of pages."""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale, Page

from materials.models import MaterialPage
from tests import factories
from tests.conftest import shared_data
from tests.factories import MaterialPageFactory, PartnerFactory
from tests.translation.translated_content import translate_fully, translate_tree_fully
from translation.dashboard import PUBLISHED, UNTRANSLATED, language_statuses
from translation.models import TranslationDemand

pytestmark = pytest.mark.django_db


def german_published() -> int:
    return language_statuses({factories.locale("de").pk})[0].counts[PUBLISHED]


def build_german_work() -> int:
    """Two English materials of two partners, both translated into German (every segment,
    with the home and index pages above them), a third one not translated (so each status
    lists a page before the query-count tests add more), and the Dutch locale. Returns the
    number of German pages published: the ones built, plus the demo's when a run seeded it."""
    factories.locale("nl")
    published_before = german_published()
    german_before = Page.objects.filter(locale__language_code="de").count()
    translate_tree_fully("de")
    materials = factories.site_tree().materials
    for _n in range(2):
        translate_fully(factories.publish(MaterialPageFactory(parent=materials)), "de")
    factories.publish(MaterialPageFactory(parent=materials))
    german_after = Page.objects.filter(locale__language_code="de").count()
    return published_before + german_after - german_before


@pytest.fixture(scope="module", autouse=True)
def published_in_german(django_db_setup, django_db_blocker):
    """Built once for the module (see `shared_data`)."""
    with shared_data(django_db_blocker, build_german_work) as count:
        yield count


def materials_of(partner, count, parent):
    return [MaterialPageFactory(parent=parent, partner=partner) for _n in range(count)]


def listed_titles(response) -> list[str]:
    return [entry.title for entry in response.context["entries"].object_list]


def test_untranslated_pages_come_fifty_a_page_and_the_links_keep_the_filters(
    admin_client, material_index
):
    partner = PartnerFactory()
    pages = materials_of(partner, 53, material_index)
    url = f"/admin/translations/de/?partner={partner.pk}"
    first = admin_client.get(url)
    assert first.status_code == 200
    assert first.context["category"] == UNTRANSLATED
    assert first.context["status"].counts[UNTRANSLATED] == 53
    assert len(listed_titles(first)) == 50
    html = first.content.decode()
    next_link = re.search(r'rel="next" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert f"partner={partner.pk}" in next_link and "page=2" in next_link
    second = admin_client.get(f"/admin/translations/de/{next_link}")
    assert len(listed_titles(second)) == 3
    assert set(listed_titles(first) + listed_titles(second)) == {page.title for page in pages}
    assert 'rel="next"' not in second.content.decode()


def test_the_status_tabs_keep_the_partner_and_list_one_status(
    admin_client, material_index, published_in_german
):
    english = MaterialPage.objects.live().filter(locale__language_code="de").first()
    source = english.get_translation(Locale.objects.get(language_code="en"))
    response = admin_client.get(f"/admin/translations/de/?partner={source.partner_id}")
    tabs = re.findall(r'href="(\?[^"]*status=published[^"]*)"', response.content.decode())
    assert tabs and f"partner={source.partner_id}" in tabs[0].replace("&amp;", "&")
    published = admin_client.get(
        f"/admin/translations/de/?status={PUBLISHED}&partner={source.partner_id}"
    )
    assert published.context["category"] == PUBLISHED
    titles = listed_titles(published)
    assert english.title in titles  # the German title, not the English one
    partners = set(
        MaterialPage.objects.filter(
            pk__in=[e.source_id for e in published.context["entries"].object_list]
        ).values_list("partner_id", flat=True)
    )
    assert partners == {source.partner_id}
    counts = published.context["status"].counts
    assert counts[PUBLISHED] == len(titles)
    everything = admin_client.get(f"/admin/translations/de/?status={PUBLISHED}")
    assert everything.context["status"].counts[PUBLISHED] == published_in_german
    assert published_in_german > counts[PUBLISHED]


def test_a_partner_filter_narrows_untranslated_work_to_its_materials(admin_client, material_index):
    partner, other = PartnerFactory(), PartnerFactory()
    mine = materials_of(partner, 2, material_index)
    materials_of(other, 2, material_index)
    response = admin_client.get(f"/admin/translations/de/?partner={partner.pk}")
    assert sorted(listed_titles(response)) == sorted(page.title for page in mine)


@pytest.mark.parametrize(
    "query", ["status=bogus", "partner=abc", "partner=999999", "status=published&partner=-1"]
)
def test_unknown_filters_get_a_clear_400(admin_client, query):
    response = admin_client.get(f"/admin/translations/de/?{query}")
    assert response.status_code == 400
    assert "These filters cannot be applied" in response.content.decode()


def test_a_page_number_beyond_the_end_shows_the_last_page(admin_client):
    response = admin_client.get("/admin/translations/de/?page=9999")
    assert response.status_code == 200
    entries = response.context["entries"]
    assert entries.number == entries.paginator.num_pages


@pytest.mark.parametrize("status", [UNTRANSLATED, PUBLISHED])
def test_the_language_page_query_count_does_not_grow_with_pages(
    admin_client, material_index, status
):
    url = f"/admin/translations/de/?status={status}"
    admin_client.get(url)  # warm per-process caches (site, user menus)
    with CaptureQueriesContext(connection) as before:
        assert admin_client.get(url).status_code == 200
    german = Locale.objects.get(language_code="de")
    for page in materials_of(PartnerFactory(), 60, material_index)[:3]:
        page.copy_for_translation(german).save_revision().publish()
    with CaptureQueriesContext(connection) as after:
        assert admin_client.get(url).status_code == 200
    assert len(after.captured_queries) == len(before.captured_queries)


def test_the_demand_filter_keeps_the_pages_requested_in_that_language(admin_client, material_index):
    partner = PartnerFactory()
    asked, asked_in_dutch, unasked = materials_of(partner, 3, material_index)
    for page in (asked, asked_in_dutch, unasked):
        page.save_revision().publish()
    german, dutch = Locale.objects.get(language_code="de"), Locale.objects.get(language_code="nl")
    TranslationDemand.objects.create(translation_key=asked.translation_key, locale=german, count=4)
    TranslationDemand.objects.create(
        translation_key=asked_in_dutch.translation_key, locale=dutch, count=9
    )
    url = f"/admin/translations/de/?partner={partner.pk}"
    everything = admin_client.get(url)
    assert sorted(listed_titles(everything)) == sorted(
        p.title for p in (asked, asked_in_dutch, unasked)
    )
    requested = admin_client.get(url + "&requested=on")
    assert requested.status_code == 200
    assert listed_titles(requested) == [asked.title]
    assert [e.demand for e in requested.context["entries"].object_list] == [4]
    tabs = {tab: count for tab, _label, count in requested.context["tabs"]}
    assert tabs[UNTRANSLATED] == 1
    assert "requested=on" in requested.content.decode().replace("&amp;", "&")
