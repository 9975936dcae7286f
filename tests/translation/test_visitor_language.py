"""Teachers stay in their language; translated pages say where they come from and how fresh.

A German visitor who opens a material, catalogue or review that exists only in English stays
under /de/ with the German interface, is told so in German, can ask for a translation, and the
translators' dashboard puts the most requested pages first.
"""

import re
from html import unescape

import pytest

from django.test import Client
from django.utils import formats, timezone, translation

from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, TranslationSource

from materials.models import CataloguePage, MaterialPage, ReviewPage
from tests.conftest import shared_data
from tests.translation.translated_content import german_site
from translation.dashboard import UNTRANSLATED, language_statuses
from translation.models import TranslationDemand

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def site(django_db_setup, django_db_blocker):
    """Built once for the module (see `shared_data`)."""
    with shared_data(django_db_blocker, german_site) as pks:
        yield pks


NOTICE_DE = "Diese Seite ist noch nicht auf Deutsch übersetzt."


def english_only(model, language="de"):
    translated = model.objects.filter(locale__language_code=language).values("translation_key")
    return (
        model.objects.live()
        .filter(locale__language_code="en")
        .exclude(translation_key__in=translated)
        .order_by("pk")
        .first()
    )


def german_url(page) -> str:
    return "/de/" + page.url.split("/", 2)[2]


def html_of(response) -> str:
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_the_german_listing_links_english_only_materials_under_de(client):
    html = html_of(client.get("/de/materials/"))
    hrefs = re.findall(r'class="card__title"><a href="([^"]+)"', html)
    assert hrefs and all(href.startswith("/de/") for href in hrefs)
    material = english_only(MaterialPage)
    last = client.get("/de/materials/").context["results"].num_pages
    for page_number in range(1, last + 1):
        html += html_of(client.get(f"/de/materials/?page={page_number}"))
    assert f'href="{german_url(material)}"' in html
    assert f'href="{material.url}"' not in html


@pytest.mark.parametrize("model", [MaterialPage, CataloguePage, ReviewPage])
def test_an_english_only_page_opened_from_de_keeps_the_german_interface(client, model):
    page = english_only(model)
    assert page is not None, "the site has English-only pages of each type"
    html = html_of(client.get(german_url(page)))
    assert '<html lang="de"' in html
    # German navigation: the German home and its menu, the German switcher entry current.
    menu = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    assert 'href="/de/' in menu and 'href="/en/' not in menu
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    assert '<span aria-current="true" lang="de">' in switcher
    assert f'<a href="{page.url}" hreflang="en"' in switcher
    # Said in German; the content marked as English; the source is canonical.
    assert NOTICE_DE in html
    assert "Originalsprache angezeigt: Englisch" in html
    assert re.search(rf'<h1 id="[a-z]+-title" lang="en">{re.escape(page.title)}</h1>', html)
    assert f'<link rel="canonical" href="http://testserver{page.url}">' in html
    assert 'hreflang="de"' not in html.split("</head>")[0]  # no German version to announce
    assert 'action="/de/translation-requests/"' in html
    assert "Übersetzung auf Deutsch anfragen" in html


@pytest.mark.parametrize(
    ("model", "index"), [(CataloguePage, "catalogues"), (ReviewPage, "reviews")]
)
def test_german_catalogue_and_review_listings_include_english_only_ones(client, model, index):
    html = html_of(client.get(f"/de/{index}/"))
    page = english_only(model)
    translated = model.objects.live().filter(locale__language_code="de")
    note = '<span class="fallback-note">(noch nicht übersetzt)</span>'
    assert f'<a href="{german_url(page)}" lang="en">{page.title}</a> {note}' in html
    for german in translated:
        assert f'<a href="{german.url}">{german.title}</a></h2>' in html
    assert html.count("<h2><a ") == model.objects.live().filter(locale__language_code="en").count()


def test_breadcrumb_of_a_fallback_page_leads_to_the_german_index(client):
    page = english_only(MaterialPage)
    german_index = Page.objects.get(
        translation_key=page.get_parent().translation_key, locale__language_code="de"
    )
    html = html_of(client.get(german_url(page)))
    crumbs = re.search(r'<nav class="breadcrumb".*?</nav>', html, re.S).group(0)
    assert f'<a href="{german_index.url}">{german_index.title}</a>' in crumbs


def test_an_unknown_slug_under_de_is_still_a_404(client):
    assert client.get("/de/materials/no-such-material/").status_code == 404


def test_a_language_without_its_own_tree_serves_the_source_with_its_interface(client):
    page = english_only(MaterialPage, "fi")
    html = html_of(client.get("/fi/" + page.url.split("/", 2)[2]))
    assert '<html lang="fi"' in html
    assert re.search(r'<h1 id="material-title" lang="en">', html)
    menu = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    assert 'href="/fi/materials/" lang="en"' in menu and 'href="/en/' not in menu


# -- requesting a translation ------------------------------------------------------------------


def request_translation(client, page, **data):
    html = html_of(client.get(german_url(page)))
    form_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    # Once asked, the page shows no form; a second post (another tab) uses the cookie's token.
    token = form_token.group(1) if form_token else client.cookies["csrftoken"].value
    payload = {"csrfmiddlewaretoken": token, "page": page.pk, "next": german_url(page), **data}
    return client.post("/de/translation-requests/", payload)


def demand_for(page) -> int:
    row = TranslationDemand.objects.filter(
        translation_key=page.translation_key, locale__language_code="de"
    ).first()
    return row.count if row else 0


def test_requests_are_counted_once_per_browser_session_and_need_csrf():
    page = english_only(MaterialPage)
    visitor = Client(enforce_csrf_checks=True)
    forged = visitor.post("/de/translation-requests/", {"page": page.pk})
    assert forged.status_code == 403 and demand_for(page) == 0

    response = request_translation(visitor, page)
    assert response.status_code == 303 and response["Location"] == german_url(page)
    assert demand_for(page) == 1
    assert request_translation(visitor, page).status_code == 303
    assert demand_for(page) == 1  # the same session asks once
    html = html_of(visitor.get(german_url(page)))
    assert "Ihre Anfrage nach einer Übersetzung auf Deutsch wurde gezählt." in html
    assert 'action="/de/translation-requests/"' not in html

    request_translation(Client(enforce_csrf_checks=True), page)
    assert demand_for(page) == 2
    assert not visitor.session.get("_auth_user_id")  # nobody logged in, nothing about them kept


def test_bad_requests_get_a_clear_400_and_count_nothing(client):
    page = english_only(MaterialPage)
    translated = MaterialPage.objects.live().filter(locale__language_code="de").first()
    english_of_translated = MaterialPage.objects.get(
        translation_key=translated.translation_key, locale__language_code="en"
    )
    assert client.get("/de/translation-requests/").status_code == 405
    cases = {
        "": "Bitte geben Sie an, welche Seite übersetzt werden soll.",
        "abc": "Bitte geben Sie an, welche Seite übersetzt werden soll.",
        "999999": "Diese Seite gibt es nicht.",
        str(translated.pk): "Diese Seite ist bereits in Ihrer Sprache.",
        str(english_of_translated.pk): "Diese Seite ist bereits in Ihre Sprache übersetzt.",
    }
    for value, message in cases.items():
        response = client.post("/de/translation-requests/", {"page": value})
        assert response.status_code == 400, value
        assert response.content.decode() == message
    assert TranslationDemand.objects.count() == 0
    assert demand_for(page) == 0


def test_a_foreign_next_url_is_replaced_by_the_page(client):
    page = english_only(MaterialPage)
    response = request_translation(client, page, next="https://evil.example/")
    assert response.status_code == 303
    assert response["Location"] == page.url


def test_the_dashboard_lists_the_most_requested_untranslated_pages_first(admin_client):
    locale = Locale.objects.get(language_code="de")
    first, second = (
        MaterialPage.objects.live()
        .filter(locale__language_code="en")
        .exclude(
            translation_key__in=MaterialPage.objects.filter(locale=locale).values("translation_key")
        )
        .order_by("-path")[:2]
    )  # the last two in tree order, so ordering by demand moves them
    TranslationDemand.objects.create(translation_key=first.translation_key, locale=locale, count=2)
    TranslationDemand.objects.create(translation_key=second.translation_key, locale=locale, count=5)
    untranslated = language_statuses({locale.pk})[0].lists[UNTRANSLATED]
    assert [entry.source_id for entry in untranslated[:2]] == [second.pk, first.pk]
    assert [entry.demand for entry in untranslated[:3]] == [5, 2, 0]
    html = html_of(admin_client.get("/admin/translations/de/"))
    assert "requested by 5 visitors" in html or "von 5 Besuchern angefragt" in html


# -- provenance and freshness --------------------------------------------------------------------


def german_material():
    german = MaterialPage.objects.live().filter(locale__language_code="de").order_by("pk").first()
    english = MaterialPage.objects.get(
        translation_key=german.translation_key, locale__language_code="en"
    )
    return german, english


def german_date(value) -> str:
    with translation.override("de"):
        return formats.date_format(timezone.localtime(value), "DATE_FORMAT")


def test_a_translated_page_says_where_it_comes_from(client):
    german, _english = german_material()
    html = html_of(client.get(german.url))
    assert "Übersetzt; Originalsprache: Englisch." in html
    assert f"Geprüft und veröffentlicht am {german_date(german.last_published_at)}." in html
    assert "Von Menschen übersetzt, ohne maschinelle Vorübersetzung." in html
    assert "möglicherweise veraltet" not in html
    assert NOTICE_DE not in html


def test_machine_pre_translation_is_disclosed(client):
    german, english = german_material()
    source = TranslationSource.objects.get(object_id=english.translation_key)
    changed = StringTranslation.objects.filter(
        locale=german.locale, context__object_id=source.object_id
    ).update(translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE)
    assert changed
    html = html_of(client.get(german.url))
    assert "Eine maschinelle Vorübersetzung wurde verwendet." in html


def test_a_source_updated_after_the_translation_makes_the_page_say_so(client):
    german, english = german_material()
    english.summary = "A revised summary, published after the German translation."
    english.save_revision().publish()
    english.refresh_from_db()
    html = html_of(client.get(german.url))
    assert (
        f"Das Original (Englisch) wurde am {german_date(english.last_published_at)} "
        "aktualisiert; diese Übersetzung ist möglicherweise veraltet." in html
    )
    assert f'<a href="{english.url}" hreflang="en">Original lesen (Englisch)</a>' in html


def test_source_pages_carry_no_language_notice(client):
    _german, english = german_material()
    html = html_of(client.get(english.url))
    assert "language-notice" not in html
