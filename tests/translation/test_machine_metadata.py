"""Machine-translated titles and summaries: made in the background when a source material is
published, remade when its text changes, replaced by a human translation once one is live."""

from io import StringIO

import pytest

from django.core.management import CommandError, call_command

from wagtail.models import Locale

from materials.models import MaterialPage
from repo_site.languages import load_partner_languages
from tests import factories
from tests.conftest import shared_data
from tests.factories import MaterialPageFactory
from tests.translation.translated_content import demo_materials, translate_fully
from translation.machine_metadata import translate_metadata
from translation.models import MachineMetadata
from translation.tasks import machine_translate_metadata

pytestmark = pytest.mark.django_db

OTHER_PARTNER_CODES = sorted(language.code for language in load_partner_languages()[1:])


def build_materials() -> int:
    """The demo content's English materials (see `demo_materials`), the first translated
    into German by hand and the second published (so its machine text is stored); every
    partner language's locale. Returns the number of materials."""
    first, second, *_others = pks = demo_materials()
    translate_fully(MaterialPage.objects.get(pk=first), "de")
    factories.publish(MaterialPage.objects.get(pk=second))
    return len(pks)


@pytest.fixture(scope="module", autouse=True)
def demo_material_count(django_db_setup, django_db_blocker):
    """Built once for the module (see `shared_data`)."""
    with shared_data(django_db_blocker, build_materials) as count:
        yield count


def reversed_words(text: str) -> str:
    """What wagtail-localize's dummy translator (the test setting) makes of a sentence."""
    return " ".join(reversed(text.split(" ")))


def rows_of(page) -> dict[str, MachineMetadata]:
    rows = MachineMetadata.objects.filter(translation_key=page.translation_key)
    return {row.locale.language_code: row for row in rows.select_related("locale")}


def published_material(material_index, **fields):
    page = MaterialPageFactory(parent=material_index, live=False, **fields)
    page.save_revision().publish()
    return page


def test_publishing_a_source_material_stores_its_metadata_in_every_partner_language(
    material_index,
):
    page = published_material(
        material_index, title="Energy in the kitchen", summary="Heat and food."
    )
    rows = rows_of(page)
    assert sorted(rows) == OTHER_PARTNER_CODES
    assert rows["de"].title == reversed_words("Energy in the kitchen")
    assert rows["de"].summary == reversed_words("Heat and food.")
    assert rows["el"].provider  # marked with the machine that made it


def test_only_a_changed_source_is_translated_again(material_index):
    page = published_material(material_index, title="Light and shadows")
    assert translate_metadata(page) == []  # same text: nothing to redo
    page.title = "Light, shadows and mirrors"
    page.save_revision().publish()
    assert rows_of(page)["nl"].title == reversed_words("Light, shadows and mirrors")


def test_a_live_human_translation_replaces_the_machine_text_of_its_language(material_index):
    page = published_material(material_index, title="Forces on bridges")
    german = page.copy_for_translation(Locale.objects.get(language_code="de"))
    german.title = "Kräfte auf Brücken"
    german.save_revision().publish()
    rows = rows_of(page)
    assert "de" not in rows
    assert "nl" in rows
    page.title = "Forces on long bridges"
    page.save_revision().publish()
    assert "de" not in rows_of(page)  # a source change does not bring it back


def test_without_a_configured_translator_nothing_is_stored(material_index, settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
    page = published_material(material_index)
    assert rows_of(page) == {}


def test_a_draft_source_is_not_translated(material_index):
    page = MaterialPageFactory(parent=material_index, live=False)
    assert translate_metadata(page) == []
    assert rows_of(page) == {}


def test_the_task_for_a_deleted_page_does_nothing(material_index):
    page = published_material(material_index)
    page_id = page.pk
    page.delete()
    result = machine_translate_metadata.enqueue(page_id)
    assert result.return_value == []


def english_only_material():
    """A demo material with no German version, and its stored German machine text."""
    german_keys = MaterialPage.objects.filter(locale__language_code="de").values("translation_key")
    page = (
        MaterialPage.objects.live()
        .filter(locale__language_code="en")
        .exclude(translation_key__in=german_keys)
        .order_by("path")
        .first()
    )
    return page, MachineMetadata.objects.get(
        translation_key=page.translation_key, locale__language_code="de"
    )


def test_fallback_cards_show_the_machine_title_and_summary_marked_as_such(client):
    page, row = english_only_material()
    assert row.title == reversed_words(page.title)
    html = client.get("/de/search/", {"q": page.title, "all_languages": "1"}).content.decode()
    assert row.title in html
    assert "card__machine" in html
    assert page.title in html  # the source title stays beside it
    payload = client.get(
        "/api/search/", {"lang": "de", "q": page.title, "all_languages": "1"}
    ).json()
    result = next(r for r in payload["results"] if r["id"] == page.pk)
    assert result["is_fallback"] is True
    assert result["machine_translation"]["title"] == row.title
    assert result["machine_translation"]["summary"] == row.summary
    assert result["title"] == page.title


def test_human_translations_carry_no_machine_text(client):
    payload = client.get("/api/search/", {"lang": "de"}).json()
    own = [r for r in payload["results"] if not r["is_fallback"]]
    assert own and all(r["machine_translation"] is None for r in own)


def test_the_demo_provider_translates_every_demo_material_into_german_offline(
    settings, demo_material_count
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "demo.recorded_translator.RecordedTranslator"
    }
    english = MaterialPage.objects.live().filter(locale__language_code="en")
    assert english.count() == demo_material_count == 40
    MachineMetadata.objects.all().delete()
    for page in english:
        translate_metadata(page)
    german = MachineMetadata.objects.filter(locale__language_code="de")
    live_german = MaterialPage.objects.live().filter(locale__language_code="de").count()
    assert german.count() == demo_material_count - live_german
    row = german.get(
        translation_key=english.get(title="Hinge questions for fractions").translation_key
    )
    assert row.title == "Schlüsselfragen zu Brüchen"
    assert row.provider == "Recorded demo translations"
    assert row.keywords.startswith("Bruch")  # keywords too, in their base form
    # Languages without recordings get nothing rather than English text.
    assert not MachineMetadata.objects.filter(locale__language_code="fr").exists()


def test_the_command_translates_every_live_source_material_once(settings, demo_material_count):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "demo.recorded_translator.RecordedTranslator"
    }
    MachineMetadata.objects.all().delete()
    out = StringIO()
    call_command("translate_metadata", stdout=out)
    assert f"{demo_material_count} materials queued" in out.getvalue()
    made = dict(MachineMetadata.objects.values_list("pk", "translated_at"))
    assert MachineMetadata.objects.filter(locale__language_code="el").count() == (
        demo_material_count - MaterialPage.objects.live().filter(locale__language_code="el").count()
    )
    call_command("translate_metadata", stdout=StringIO())  # same text: nothing is redone
    assert dict(MachineMetadata.objects.values_list("pk", "translated_at")) == made


def test_the_command_refuses_without_a_translator(settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
    with pytest.raises(CommandError, match="No machine translator"):
        call_command("translate_metadata")
