"""Every material can be found in every partner language on the live engine too: with the
demo's recorded machine translations stored, 'Energie', 'energie' and 'ενέργεια' find at
least what 'energy' finds in English, on the database engine and the live one alike.

The module builds the materials the recordings translate that speak of energy (their
English title, summary and keywords as the demo content files give them) and one they do
not translate."""

import pytest

from django.conf import settings
from django.test import override_settings

from wagtail.search.backends import get_search_backend

from demo.content import DemoContent
from demo.recorded_translator import recordings
from materials.models import MaterialPage
from repo_site.settings.search import search_backend_settings
from search.engines.database import DatabaseEngine
from search.query import PAGE_SIZE, SearchRequest
from tests.conftest import shared_data
from tests.factories import MaterialPageFactory, publish
from tests.search.helpers import material_index_in
from tests.search.live import live_engine, require_live_search
from translation.machine_metadata import translate_metadata
from translation.models import MachineMetadata

require_live_search()
pytestmark = pytest.mark.django_db

ENERGY = {"de": "Energie", "nl": "energie", "cs": "energie", "el": "ενέργεια"}


def energy_materials() -> list[dict]:
    """The demo materials on energy whose title, summary and keywords are all recorded in
    every language of ENERGY."""
    recorded = recordings()
    return [
        material
        for material in DemoContent().materials
        if "energy" in " ".join((material["title"], material["summary"], material["keywords"]))
        and all(
            material[name] in recorded[language]
            for language in ENERGY
            for name in ("title", "summary", "keywords")
        )
    ]


def build_recorded_materials() -> None:
    """English materials from `energy_materials`, one on another subject the recordings do not
    translate, and the material index of each language of ENERGY."""
    for language in ENERGY:
        material_index_in(language)
    english_index = material_index_in("en")
    for material in energy_materials():
        fields = {name: material[name] for name in ("title", "summary", "keywords")}
        publish(MaterialPageFactory(parent=english_index, **fields))
    publish(MaterialPageFactory(parent=english_index, title="Energy from the tides"))


@pytest.fixture(scope="module")
def recorded_materials_built(django_db_setup, django_db_blocker):
    """Built once for the module (see `shared_data`)."""
    with shared_data(django_db_blocker, build_recorded_materials):
        yield


@pytest.fixture(scope="module")
def engines(recorded_materials_built, django_db_setup, django_db_blocker):
    """Both engines with the recorded translations stored, and what "energy" finds in
    English on each before they were: the material's own English text, not another
    language's machine text indexed beside it. The live index follows the writes by
    itself; the database index is written here, since the site searches live."""
    with live_engine("_contract_languages", django_db_blocker) as live:
        database = DatabaseEngine(
            get_search_backend(
                search_backend_settings(
                    search_url=None,
                    engine="",
                    index_name="",
                    database_engine=settings.DATABASES["default"]["ENGINE"],
                )["BACKEND"]
            )
        )
        with django_db_blocker.unblock():
            saved = list(MachineMetadata.objects.all())
            sources = list(MaterialPage.objects.live().filter(locale__language_code="en"))
            MachineMetadata.objects.all().delete()
            reindex(sources, database, live)
            english = {
                name: keys_found(engine, "en", "energy") & recorded_materials()
                for name, engine in (("database", database), ("live", live))
            }
            with override_translator():
                for page in sources:
                    translate_metadata(page)
            reindex(sources, database, live)
        yield {"database": database, "live": live}, english
        with django_db_blocker.unblock():  # the database as the other suites expect it
            MachineMetadata.objects.all().delete()
            MachineMetadata.objects.bulk_create(saved)
            reindex(sources, database, None)


def reindex(sources, database, live) -> None:
    """Index the sources again on both engines, searchable at once."""
    for page in sources:
        database.backend.add(page)
        if live is not None:
            live.backend.add(page)
    if live is not None:
        live.backend.es.indices.refresh(index=live.backend.get_index_for_model(MaterialPage).name)


def override_translator():
    return override_settings(
        WAGTAILLOCALIZE_MACHINE_TRANSLATOR={"CLASS": "demo.recorded_translator.RecordedTranslator"}
    )


def recorded_materials() -> set:
    titles = recordings()["de"]
    return set(
        MaterialPage.objects.live()
        .filter(locale__language_code="en", title__in=titles)
        .values_list("translation_key", flat=True)
    )


def keys_found(engine, language: str, query: str, all_languages: bool = False) -> set:
    request = {"language": language, "query": query, "all_languages": all_languages}
    first = engine.search(SearchRequest(**request))
    keys = {hit.translation_key for hit in first.hits}
    for page in range(2, -(-first.total // PAGE_SIZE) + 1):
        keys |= {
            hit.translation_key for hit in engine.search(SearchRequest(**request, page=page)).hits
        }
    return keys


@pytest.mark.parametrize("language", sorted(ENERGY))
@pytest.mark.parametrize("engine_name", ["database", "live"])
def test_energy_in_each_language_finds_what_energy_finds_in_english(engines, engine_name, language):
    by_name, english = engines
    engine = by_name[engine_name]
    assert len(english[engine_name]) >= 3
    assert english[engine_name] <= keys_found(engine, language, ENERGY[language])
    assert english[engine_name] <= keys_found(
        engine, language, ENERGY[language], all_languages=True
    )
