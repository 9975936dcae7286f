"""Atom and RSS feeds of new and updated materials, one per language, built from the records."""

import feedparser
import pytest

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from materials.models import Discipline, MaterialIndexPage, MaterialPage
from materials.record_loader import build_records
from open_data import feeds
from tests.conftest import DEMO_LANGUAGES

# The materials are tests/open_data/repository.py's: the newest in each language has two files.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("repository")]

ORIGIN = "http://testserver"
FORMATS = ["atom", "rss"]
MAX_QUERIES = 16


def fetch(client, language, kind="atom", **extra):
    response = client.get(f"/feeds/{language}/materials.{kind}", **extra)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(f"application/{kind}+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def live_materials(language):
    return MaterialPage.objects.live().filter(locale__language_code=language)


def german_discipline_labels(page):
    return {
        Discipline.objects.get(
            translation_key=term.translation_key, locale__language_code="de"
        ).name
        for term in page.disciplines.all()
    }


def newest_first_urls(language):
    pages = live_materials(language).order_by("-last_published_at")
    return [f"{ORIGIN}{page.url}" for page in pages[: feeds.FEED_LENGTH]]


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize("language", DEMO_LANGUAGES)
def test_lists_that_languages_live_materials_newest_first(client, language, kind):
    parsed = fetch(client, language, kind)
    links = [entry.link for entry in parsed.entries]
    assert links == newest_first_urls(language)
    assert all(link.startswith(f"{ORIGIN}/{language}/materials/") for link in links)


def test_is_capped_at_the_newest_materials(client, monkeypatch):
    monkeypatch.setattr(feeds, "FEED_LENGTH", 5)
    links = [entry.link for entry in fetch(client, "en").entries]
    assert links == newest_first_urls("en")[:5]
    assert live_materials("en").count() > 5


def test_an_updated_material_moves_to_the_top(client):
    oldest = live_materials("de").order_by("last_published_at").first()
    assert fetch(client, "de").entries[0].link != f"{ORIGIN}{oldest.url}"
    oldest.save_revision().publish()
    assert fetch(client, "de").entries[0].link == f"{ORIGIN}{oldest.url}"


def test_unpublished_and_restricted_materials_are_left_out(client):
    unpublished, restricted, *others = live_materials("de").order_by("pk")
    unpublished.unpublish()
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    links = {entry.link for entry in fetch(client, "de").entries}
    assert f"{ORIGIN}{unpublished.url}" not in links
    assert f"{ORIGIN}{restricted.url}" not in links
    assert links == {f"{ORIGIN}{page.url}" for page in others}


def test_aliases_of_english_materials_are_not_german_materials(client):
    german_index = MaterialIndexPage.objects.get(locale__language_code="de")
    source = next(
        page for page in live_materials("en").order_by("pk") if not page.get_translations().exists()
    )
    alias = source.create_alias(
        parent=german_index, update_locale=german_index.locale, reset_translation_key=False
    )
    links = {entry.link for entry in fetch(client, "de").entries}
    assert f"{ORIGIN}{alias.url}" not in links
    assert len(links) == live_materials("de").count() - 1


def test_entries_carry_the_records_fields(client):
    parsed = fetch(client, "de")
    page = live_materials("de").order_by("-last_published_at").first()
    [record] = build_records([page], RequestFactory().get("/", HTTP_HOST="testserver"))
    entry = parsed.entries[0]
    assert entry.link == record.url
    assert entry.title == page.title
    assert entry.summary == page.summary
    assert entry.updated_parsed[:6] == page.last_published_at.utctimetuple()[:6]
    assert [author.name for author in entry.authors] == list(record.authors)
    german = german_discipline_labels(page)
    assert {tag.term for tag in entry.tags} == german
    assert german != {d.name for d in page.disciplines.all()}  # the labels, not the English terms
    assert entry.rights == record.licence.name
    assert any(link.rel == "license" and link.href == record.licence.url for link in entry.links)
    enclosures = [link for link in entry.links if link.rel == "enclosure"]
    assert [link.href for link in enclosures] == [file.url for file in record.files]
    assert all(link.type == "application/pdf" and int(link.length) > 0 for link in enclosures)


def test_rss_items_carry_authors_categories_and_one_enclosure(client):
    entry = fetch(client, "de", "rss").entries[0]
    page = live_materials("de").order_by("-last_published_at").first()
    assert entry.title == page.title
    assert entry.summary == page.summary
    assert entry.published_parsed
    assert {tag.term for tag in entry.tags} == german_discipline_labels(page)
    assert [author.name for author in entry.authors] == [
        name.strip() for name in page.authors.replace(";", ",").split(",")
    ]
    assert len(entry.enclosures) == 1


@pytest.mark.parametrize("kind", FORMATS)
def test_feed_title_and_language_follow_the_feed_not_the_reader(client, kind):
    parsed = fetch(client, "de", kind, HTTP_ACCEPT_LANGUAGE="en")
    assert parsed.feed.title == "MINT-Fortbildungsmaterialien: neue und aktualisierte Materialien"
    assert parsed.feed.language == "de"
    assert "Sprache" in (parsed.feed.get("subtitle") or parsed.feed.get("description"))
    assert parsed.feed.link == f"{ORIGIN}/de/materials/"
    english = fetch(client, "en", kind, HTTP_ACCEPT_LANGUAGE="de")
    assert english.feed.title == "STEM PD Materials: new and updated materials"


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize("language", ["xx", "EN", "de-at", "admin"])
def test_unknown_language_is_404(client, language, kind):
    assert client.get(f"/feeds/{language}/materials.{kind}").status_code == 404


@pytest.mark.parametrize("language", DEMO_LANGUAGES)
def test_every_page_advertises_its_languages_atom_feed(client, language):
    html = client.get(f"/{language}/").content.decode()
    assert (
        f'<link rel="alternate" type="application/atom+xml" '
        f'href="/feeds/{language}/materials.atom"' in html
    )


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("kind", FORMATS)
def test_query_count_does_not_grow_with_the_number_of_entries(client, monkeypatch, kind):
    monkeypatch.setattr(feeds, "FEED_LENGTH", 2)
    few = count_queries(client, f"/feeds/en/materials.{kind}")
    monkeypatch.setattr(feeds, "FEED_LENGTH", 50)
    many = count_queries(client, f"/feeds/en/materials.{kind}")
    assert few == many <= MAX_QUERIES
    assert count_queries(client, f"/feeds/de/materials.{kind}") <= MAX_QUERIES
