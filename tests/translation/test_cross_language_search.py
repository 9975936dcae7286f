"""A material is found in every partner language before anyone translates it: its stored
machine-translated title and summary are indexed with every version of it, and shown,
marked as a machine translation, on its fallback page."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale

from demo.recorded_translator import recordings
from materials.models import MaterialPage
from tests import factories
from tests.conftest import shared_data
from tests.factories import MaterialPageFactory
from tests.translation.translated_content import demo_materials
from translation.machine_metadata import reindex_source, translate_metadata
from translation.models import MachineMetadata

pytestmark = pytest.mark.django_db

RECORDED = {"CLASS": "demo.recorded_translator.RecordedTranslator"}
# The word teachers type for "energy" in each demo language.
ENERGY = {"de": "Energie", "nl": "energie", "cs": "energie", "el": "ενέργεια"}


@pytest.fixture(scope="module", autouse=True)
def demo_material_count(django_db_setup, django_db_blocker):
    """The demo content's English materials (see `demo_materials`), built once for the module
    (see `shared_data`); their number."""
    with shared_data(django_db_blocker, lambda: len(demo_materials())) as count:
        yield count


def found(client, language: str, query: str, **params) -> dict[str, dict]:
    """translation key -> result of /api/search/ for one query (all pages of results)."""
    results, page = {}, 1
    while True:
        payload = client.get(
            "/api/search/", {"lang": language, "q": query, "page": page, **params}
        ).json()
        results.update({r["translation_key"]: r for r in payload["results"]})
        if page >= payload["pages"]:
            return results
        page += 1


def published_material(material_index, **fields) -> MaterialPage:
    page = MaterialPageFactory(parent=material_index, live=False, **fields)
    page.save_revision().publish()
    return page


def store_machine_text(page, language: str, title: str, summary: str = "") -> None:
    MachineMetadata.objects.update_or_create(
        translation_key=page.translation_key,
        locale=Locale.objects.get(language_code=language),
        defaults={"title": title, "summary": summary, "source_fingerprint": "-", "provider": "T"},
    )
    reindex_source(page.translation_key)


def test_machine_text_finds_an_untranslated_material_in_the_visitors_language(
    client, material_index
):
    page = published_material(material_index, title="Tidal power stations", summary="Turbines.")
    assert str(page.translation_key) not in found(client, "el", "ενέργεια")
    store_machine_text(page, "el", "Εξοικονόμηση ενέργειας", "Παλιρροιακή ενέργεια στο σχολείο.")
    results = found(client, "el", "ενέργεια")
    result = results[str(page.translation_key)]
    assert result["is_fallback"] is True
    assert result["machine_translation"]["title"] == "Εξοικονόμηση ενέργειας"
    # An inflected form meets its stem: the genitive in the title, the nominative typed.
    assert str(page.translation_key) in found(client, "el", "ενέργειας")
    assert str(page.translation_key) in found(client, "en", "ενέργεια", all_languages="1")


def test_a_live_human_translation_takes_the_machine_text_out_of_the_index(client, material_index):
    page = published_material(material_index, title="Tidal power stations")
    store_machine_text(page, "de", "Gezeitenkraftwerke im Unterricht")
    assert str(page.translation_key) in found(client, "de", "Gezeitenkraftwerke")
    german = page.copy_for_translation(Locale.objects.get(language_code="de"))
    german.title = "Meeresströmungen"
    german.save_revision().publish()  # drops the German machine row, re-indexes
    assert not MachineMetadata.objects.filter(
        translation_key=page.translation_key, locale__language_code="de"
    ).exists()
    assert str(page.translation_key) not in found(client, "de", "Gezeitenkraftwerke")
    assert str(page.translation_key) in found(client, "de", "Meeresströmungen")


def test_a_changed_source_reindexes_the_new_machine_text(client, material_index):
    page = published_material(material_index, title="Levers and pulleys")
    # The test translator reverses the words: the reversed title is what gets indexed.
    assert str(page.translation_key) in found(client, "nl", "pulleys")
    page.title = "Gears and chains"
    page.save_revision().publish()
    assert str(page.translation_key) in found(client, "nl", "chains")
    assert str(page.translation_key) not in found(client, "nl", "pulleys")


@pytest.fixture
def recorded_machine_text(settings):
    """The demo's recorded translations, as `make run` stores them, in every demo language."""
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = RECORDED
    MachineMetadata.objects.all().delete()
    for page in MaterialPage.objects.live().filter(locale__language_code="en"):
        translate_metadata(page)


@pytest.mark.parametrize("language", sorted(ENERGY))
def test_energy_in_each_language_finds_what_energy_finds_in_english(
    client, recorded_machine_text, language
):
    # The demo's materials, which the recordings translate (other tests may add their own).
    recorded = {
        str(key)
        for key in MaterialPage.objects.live()
        .filter(locale__language_code="en", title__in=recordings()["de"])
        .values_list("translation_key", flat=True)
    }
    english = set(found(client, "en", "energy")) & recorded
    assert len(english) >= 3
    assert english <= set(found(client, language, ENERGY[language]))
    assert english <= set(found(client, language, ENERGY[language], all_languages="1"))


def test_every_demo_material_has_recorded_metadata_in_every_demo_language(
    recorded_machine_text, demo_material_count
):
    english = MaterialPage.objects.live().filter(locale__language_code="en")
    assert english.count() == demo_material_count == 40
    for language in ENERGY:
        human = MaterialPage.objects.live().filter(locale__language_code=language).count()
        rows = MachineMetadata.objects.filter(locale__language_code=language)
        assert rows.count() == demo_material_count - human, language
        assert rows.exclude(provider="Recorded demo translations").count() == 0


def english_only(language: str) -> MaterialPage:
    translated = MaterialPage.objects.filter(locale__language_code=language).values(
        "translation_key"
    )
    return (
        MaterialPage.objects.live()
        .filter(locale__language_code="en")
        .exclude(translation_key__in=translated)
        .order_by("path")
        .first()
    )


def fallback_url(page: MaterialPage, language: str) -> str:
    return f"/{language}/{page.url.split('/', 2)[2]}"


def test_the_fallback_page_shows_the_machine_title_and_summary_marked_as_such(
    client, recorded_machine_text
):
    page = english_only("el")
    row = MachineMetadata.objects.get(
        translation_key=page.translation_key, locale__language_code="el"
    )
    html = client.get(fallback_url(page, "el")).content.decode()
    notice = html.split('class="language-notice__machine"', 1)[1].split("</section>", 1)[0]
    assert 'lang="el"' in notice
    assert row.title in notice
    assert row.summary in notice
    assert row.keywords and row.keywords in notice
    assert "Recorded demo translations" in notice  # says which machine made it
    assert "μηχανική μετάφραση" in notice.lower()  # and that it is one, in Greek


def test_pages_without_machine_text_show_none(client, settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
    page = english_only("de")
    MachineMetadata.objects.filter(translation_key=page.translation_key).delete()
    html = client.get(fallback_url(page, "de")).content.decode()
    assert "language-notice--fallback" in html
    assert "language-notice__machine" not in html
    assert "language-notice__machine" not in client.get(page.url).content.decode()


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_fallback_material_page_costs_a_pinned_number_of_queries(
    client, material_index, recorded_machine_text
):
    """Over the source page, a fallback costs the routing to the source version under the
    visitor's prefix, the language notice (whose machine text is one query), and the terms,
    partner and related materials in the visitor's language (one query per model the
    material uses; the source page, in its own language, needs none). A material of this
    module's own, holding every kind of thing, so the pin does not depend on which material
    another directory's data puts first; a bare material costs less."""
    full = factories.full_material(material_index)
    bare = published_material(material_index, title="A material with nothing linked")
    extra = {}
    for page in (full, bare):
        store_machine_text(page, "de", "Titel", "Zusammenfassung")
        count_queries(client, page.url)  # warm the per-site caches
        source = count_queries(client, page.url)
        extra[page.pk] = count_queries(client, fallback_url(page, "de")) - source
    assert extra[full.pk] == FALLBACK_EXTRA_QUERIES
    assert extra[bare.pk] < FALLBACK_EXTRA_QUERIES


# Routing to the source version, the notice's machine text, and the terms, partner, related
# and lineage materials in the visitor's language; plus what only a page reached by routing
# saves: its breadcrumb comes from the parents routing loaded, and its cover image and
# partner come with the routing query. A fallback is found through the source tree.
FALLBACK_EXTRA_QUERIES = 14
