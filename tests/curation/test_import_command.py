"""`import_materials` on CSV and XLSX: drafts keyed by source_id, idempotent, never published."""

import io

import pytest

from django.core.management import CommandError, call_command
from django.utils import translation

from wagtail.models import Locale, Revision

from curation.models import ImportedMaterial
from materials.models import Discipline, MaterialIndexPage, MaterialPage, ResourceLanguage
from materials.models.choices import Audience, ResourceType
from tests.curation.spreadsheets import csv_bytes, material_row, xlsx_bytes

pytestmark = pytest.mark.django_db


def run(tmp_path, content: bytes, name="materials.csv", *options) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    out = io.StringIO()
    call_command("import_materials", str(path), *options, stdout=out)
    return out.getvalue()


def imported(source_id: str) -> MaterialPage:
    return ImportedMaterial.objects.get(source_id=source_id).page


def test_csv_rows_become_drafts_under_the_source_language_index(tmp_path):
    pages_before = MaterialPage.objects.count()
    output = run(tmp_path, csv_bytes([material_row("csv-1"), material_row("csv-2")]))

    assert "2 created, 0 updated, 0 unchanged, 0 refused" in output
    assert MaterialPage.objects.count() == pages_before + 2
    page = imported("csv-1")
    index = MaterialIndexPage.objects.get(locale=Locale.get_default())
    assert page.get_parent().pk == index.pk
    assert not page.live
    draft = page.get_latest_revision_as_object()
    assert draft.title == "Imported material csv-1"
    assert (draft.age_min, draft.age_max, draft.year) == (10, 14, 2023)
    assert draft.country.code == "DE"
    assert draft.keywords == "motion; ramps"
    assert draft.partner.slug == "de-stem-centre"
    assert sorted(d.slug for d in draft.disciplines.all()) == ["mathematics", "physics"]
    assert [language.code for language in draft.resource_languages.all()] == ["de"]
    # Terms are the canonical (source-locale) ones, as the admin form would choose.
    assert {d.locale_id for d in draft.disciplines.all()} == {Locale.get_default().pk}


def test_xlsx_with_numeric_cells_imports_like_csv(tmp_path):
    output = run(tmp_path, xlsx_bytes([material_row("xlsx-1")]), "materials.xlsx")
    assert "1 created" in output
    draft = imported("xlsx-1").get_latest_revision_as_object()
    assert (draft.age_min, draft.age_max, draft.year) == (10, 14, 2023)


def test_csv_with_a_byte_order_mark(tmp_path):
    output = run(tmp_path, csv_bytes([material_row("bom-1")], bom=True))
    assert "1 created" in output


def test_keywords_column_is_optional(tmp_path):
    columns = [c for c in csv_bytes([]).decode().strip().split(",") if c != "keywords"]
    output = run(tmp_path, csv_bytes([material_row("nokw-1")], columns=columns))
    assert "1 created" in output
    assert imported("nokw-1").get_latest_revision_as_object().keywords == ""


def test_dry_run_writes_nothing(tmp_path):
    pages = MaterialPage.objects.count()
    revisions = Revision.objects.count()
    output = run(tmp_path, csv_bytes([material_row("dry-1")]), "m.csv", "--dry-run")
    assert "1 created" in output
    assert "Dry run" in output
    assert MaterialPage.objects.count() == pages
    assert Revision.objects.count() == revisions
    assert not ImportedMaterial.objects.exists()


def test_importing_again_changes_nothing(tmp_path):
    content = csv_bytes([material_row("again-1"), material_row("again-2")])
    run(tmp_path, content)
    pages = MaterialPage.objects.count()
    revisions = Revision.objects.count()

    output = run(tmp_path, content)

    assert "0 created, 0 updated, 2 unchanged, 0 refused" in output
    assert MaterialPage.objects.count() == pages
    assert Revision.objects.count() == revisions


def test_labels_count_as_the_same_terms_when_importing_again(tmp_path):
    run(tmp_path, csv_bytes([material_row("same-1")]))
    by_label = material_row(
        "same-1", disciplines="Physics; Mathematics", resource_languages="German"
    )
    assert "1 unchanged" in run(tmp_path, csv_bytes([by_label]))


def test_a_changed_row_updates_the_same_draft(tmp_path):
    run(tmp_path, csv_bytes([material_row("upd-1")]))
    page = imported("upd-1")
    pages = MaterialPage.objects.count()

    output = run(tmp_path, csv_bytes([material_row("upd-1", title="A better title", age_max="15")]))

    assert "0 created, 1 updated, 0 unchanged" in output
    assert MaterialPage.objects.count() == pages
    draft = imported("upd-1").get_latest_revision_as_object()
    assert draft.pk == page.pk
    assert (draft.title, draft.age_max) == ("A better title", 15)


def test_updating_a_live_page_makes_a_draft_revision_and_does_not_publish(tmp_path):
    run(tmp_path, csv_bytes([material_row("live-1")]))
    page = imported("live-1")
    page.get_latest_revision().publish()
    page.refresh_from_db()
    assert page.live
    live_revision = page.live_revision_id
    revisions = page.revisions.count()

    run(tmp_path, csv_bytes([material_row("live-1", title="Changed after publishing")]))

    page.refresh_from_db()
    assert page.revisions.count() == revisions + 1
    assert page.live_revision_id == live_revision
    assert page.title == "Imported material live-1"  # the live content is untouched
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().title == "Changed after publishing"


def test_editor_content_outside_the_columns_survives_an_update(tmp_path):
    run(tmp_path, csv_bytes([material_row("keep-1")]))
    draft = imported("keep-1").get_latest_revision_as_object()
    draft.duration_hours = 3
    draft.save_revision()

    run(tmp_path, csv_bytes([material_row("keep-1", summary="A new summary.")]))

    draft = imported("keep-1").get_latest_revision_as_object()
    assert draft.summary == "A new summary."
    assert draft.duration_hours == 3


@pytest.mark.parametrize("language", ["de", "el"])
def test_labels_in_another_partner_language_resolve(tmp_path, language):
    locale = Locale.objects.get(language_code=language)
    english_physics = Discipline.objects.get(slug="physics", locale=Locale.get_default())
    physics = Discipline.objects.get(translation_key=english_physics.translation_key, locale=locale)
    english_german = ResourceLanguage.objects.get(code="de", locale=Locale.get_default())
    german = ResourceLanguage.objects.get(
        translation_key=english_german.translation_key, locale=locale
    )
    assert physics.name != english_physics.name  # a real translation, not the English label
    with translation.override(language):
        resource_type = str(ResourceType.VIDEO.label)
        audience = str(Audience.SCHOOL_LEADERS.label)
    assert resource_type != "Video" or audience != "School leaders"

    row = material_row(
        f"label-{language}",
        disciplines=physics.name.upper(),
        resource_languages=german.name,
        resource_type=resource_type,
        audience=audience,
    )
    run(tmp_path, csv_bytes([row]))

    draft = imported(f"label-{language}").get_latest_revision_as_object()
    assert [d.pk for d in draft.disciplines.all()] == [english_physics.pk]
    assert [r.pk for r in draft.resource_languages.all()] == [english_german.pk]
    assert (draft.resource_type, draft.audience) == ("video", "school-leaders")


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("https://creativecommons.org/licenses/by-sa/4.0/", "cc-by-sa"),
        ("http://creativecommons.org/licenses/by-nc/4.0", "cc-by-nc"),
        ("https://creativecommons.org/publicdomain/zero/1.0/legalcode", "cc0"),
        ("CC-BY-ND", "cc-by-nd"),
    ],
)
def test_licence_by_url_or_key(tmp_path, given, stored):
    run(tmp_path, csv_bytes([material_row("lic-1", licence=given)]))
    assert imported("lic-1").get_latest_revision_as_object().licence == stored


def test_country_by_english_name(tmp_path):
    run(tmp_path, csv_bytes([material_row("country-1", country="Greece")]))
    assert imported("country-1").get_latest_revision_as_object().country.code == "GR"


def test_two_rows_with_the_same_title_get_different_slugs(tmp_path):
    rows = [material_row("slug-1", title="Same title"), material_row("slug-2", title="Same title")]
    run(tmp_path, csv_bytes(rows))
    assert imported("slug-1").slug != imported("slug-2").slug


def test_a_refused_file_exits_non_zero_and_writes_nothing(tmp_path):
    pages = MaterialPage.objects.count()
    rows = [material_row("ok-1"), material_row("bad-1", age_min="16", age_max="12")]
    path = tmp_path / "m.csv"
    path.write_bytes(csv_bytes(rows))
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_materials", str(path), stdout=out)
    assert raised.value.returncode == 1
    assert "row 3 (bad-1), age_max:" in out.getvalue()
    assert "1 created, 0 updated, 0 unchanged, 1 refused" in out.getvalue()
    assert MaterialPage.objects.count() == pages
    assert not ImportedMaterial.objects.exists()


def test_an_unreadable_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="not UTF-8"):
        run(tmp_path, "source_id,title\nx,Caf\xe9\n".encode("latin-1"))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_materials", str(tmp_path / "missing.csv"), stdout=io.StringIO())
