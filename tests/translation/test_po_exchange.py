"""`translation_po`: one PO file per language, exported and imported back as drafts."""

import io
import uuid
from pathlib import Path

import polib
import pytest

from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from materials.models import HomePage, MaterialPage
from tests import factories
from tests.conftest import shared_data
from tests.translation.translated_content import draft_tree, translate_fully

pytestmark = pytest.mark.django_db

HOME_TITLE = "STEM PD Materials"


def build_languages() -> None:
    """The English home titled HOME_TITLE (as the demo's is), Finnish and Swedish with only
    their draft trees (every segment pending), and an English material translated into German
    with every segment translated."""
    home = factories.site_tree().home
    if home.title != HOME_TITLE:
        home.title = HOME_TITLE
        factories.publish(home)
    for language in ("fi", "sv"):
        draft_tree(language)
    material = factories.MaterialPageFactory(parent=factories.site_tree().materials)
    translate_fully(factories.publish(material), "de")


@pytest.fixture(scope="module", autouse=True)
def languages(django_db_setup, django_db_blocker):
    """Built once for the module (see `shared_data`)."""
    with shared_data(django_db_blocker, build_languages):
        yield


def run(*args) -> tuple[str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("translation_po", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def export(language, tmp_path, *flags) -> polib.POFile:
    path = tmp_path / f"{language}-{uuid.uuid4().hex}.po"
    run("export", language, "--output", str(path), *flags)
    return polib.pofile(str(path))


def save(po: polib.POFile, tmp_path) -> str:
    path = tmp_path / f"filled-{uuid.uuid4().hex}.po"
    po.save(str(path))
    return str(path)


def fill(po: polib.POFile) -> polib.POFile:
    for entry in po:
        entry.msgstr = f"[{po.metadata['Language']}] {entry.msgid}"
    return po


def translations_in(language) -> int:
    return StringTranslation.objects.filter(locale__language_code=language).count()


def write_bytes(tmp_path, data: bytes) -> str:
    path = tmp_path / f"bad-{uuid.uuid4().hex}.po"
    path.write_bytes(data)
    return str(path)


def refused(*args) -> str:
    with pytest.raises(CommandError) as excinfo:
        run(*args)
    assert excinfo.value.returncode == 1
    return str(excinfo.value)


# ---------------------------------------------------------------------------- round trip


def test_round_trip_fills_every_pending_segment_of_a_draft_language(tmp_path):
    before = translations_in("fi")
    po = export("fi", tmp_path)
    assert len(po) > 0
    assert po.metadata["Language"] == "fi"
    assert po.metadata["X-StemMaterials-Language"] == "fi"
    assert po.metadata["Project-Id-Version"] == "STEM PD Materials"
    fi_uuids = {
        str(u)
        for u in Translation.objects.filter(target_locale__language_code="fi").values_list(
            "uuid", flat=True
        )
    }
    assert {entry.msgctxt.split(":", 1)[0] for entry in po} <= fi_uuids
    assert len({(entry.msgctxt, entry.msgid) for entry in po}) == len(po)

    stdout, _ = run("import", "fi", save(fill(po), tmp_path))

    assert translations_in("fi") == before + len(po)
    assert f"Applied {len(po)} translation(s)" in stdout
    assert "Nothing was published" in stdout
    home_entry = next(entry for entry in po if entry.msgid == HOME_TITLE)
    stored = StringTranslation.objects.get(
        locale__language_code="fi",
        translation_of__data=home_entry.msgid,
        context__path=home_entry.msgctxt.split(":", 1)[1],
        context__object_id=HomePage.objects.get(locale__language_code="en").translation_key,
    )
    assert stored.data == f"[fi] {HOME_TITLE}"
    assert stored.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL
    assert len(export("fi", tmp_path)) == 0
    assert not HomePage.objects.get(locale__language_code="fi").live


def test_export_after_source_edit_lists_only_the_new_string(tmp_path):
    german = MaterialPage.objects.live().filter(locale__language_code="de").first()
    source = MaterialPage.objects.get(
        translation_key=german.translation_key, locale__language_code="en"
    )
    source.summary = "A revised summary for teachers."
    source.save_revision().publish()
    translation_source = TranslationSource.objects.get(
        object_id=source.translation_key, locale=source.locale
    )
    translation_source.update_from_db()
    translation = Translation.objects.get(
        source=translation_source, target_locale__language_code="de"
    )

    pending = [e for e in export("de", tmp_path) if e.msgctxt.startswith(str(translation.uuid))]
    everything = [
        e for e in export("de", tmp_path, "--all") if e.msgctxt.startswith(str(translation.uuid))
    ]

    assert [e.msgid for e in pending if e.msgctxt.endswith(":summary")] == [
        "A revised summary for teachers."
    ]
    assert source.title not in [e.msgid for e in pending]
    title = next(e for e in everything if e.msgctxt == f"{translation.uuid}:title")
    assert title.msgid == source.title
    assert title.msgstr == german.title


def test_wagtail_localize_per_page_po_still_works_alongside(tmp_path):
    home = HomePage.objects.get(locale__language_code="en")
    translation = Translation.objects.get(
        source__object_id=home.translation_key, target_locale__language_code="sv"
    )
    po = export("sv", tmp_path)
    run("import", "sv", save(fill(po), tmp_path))

    page_po = translation.export_po()
    title = next(entry for entry in page_po if entry.msgctxt == "title")
    assert title.msgstr == f"[sv] {home.title}"
    title.msgstr = "STEM-fortbildningsmaterial"
    assert translation.import_po(page_po) == []
    assert (
        StringTranslation.objects.get(
            locale=translation.target_locale,
            context__object_id=home.translation_key,
            context__path="title",
        ).data
        == "STEM-fortbildningsmaterial"
    )
    # The per-page file belongs in wagtail-localize's editor, not here.
    message = refused("import", "sv", save(page_po, tmp_path))
    assert "per-page" in message


# ---------------------------------------------------------------------------- bad files


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 4,
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        b"this is not a PO file\n",
        b'msgid ""\nmsgstr ""\n"Language: fi\\n"\n"X-StemMaterials-Language: fi\\n"\n\n'
        b'msgctxt "00000000-0000-0000-0000-000000000000:title"\nmsgid "STEM PD Mat',
        b'msgid ""\nmsgstr ""\n"Language: fi\\n"\n"X-StemMaterials-Language: fi\\n"\n\n'
        b'msgctxt "00000000-0000-0000-0000-000000000000:title"\nmsgid "STEM PD Materials"\n',
    ],
    ids=["binary", "pdf", "plain-text", "cut-in-a-string", "cut-before-msgstr"],
)
def test_malformed_files_are_refused_and_nothing_is_written(tmp_path, data):
    before = translations_in("fi")
    message = refused("import", "fi", write_bytes(tmp_path, data))
    assert "Not a valid PO file" in message
    assert translations_in("fi") == before


def test_truncated_export_is_refused(tmp_path):
    text = Path(save(fill(export("fi", tmp_path)), tmp_path)).read_text(encoding="utf-8")
    cut = text.rstrip()[:-5]  # the transfer stopped inside the last translation
    before = translations_in("fi")
    assert "Not a valid PO file" in refused("import", "fi", write_bytes(tmp_path, cut.encode()))
    assert translations_in("fi") == before


def test_file_for_another_language_is_refused(tmp_path):
    path = save(fill(export("fi", tmp_path)), tmp_path)
    before = translations_in("sv")
    message = refused("import", "sv", path)
    assert "'fi'" in message and "'sv'" in message
    assert translations_in("sv") == before


def test_language_header_contradicting_the_x_header_is_refused(tmp_path):
    po = fill(export("fi", tmp_path))
    po.metadata["Language"] = "sv"
    message = refused("import", "fi", save(po, tmp_path))
    assert "Language header" in message


def test_file_without_language_headers_is_refused(tmp_path):
    po = fill(export("fi", tmp_path))
    del po.metadata["X-StemMaterials-Language"]
    message = refused("import", "fi", save(po, tmp_path))
    assert "X-StemMaterials-Language" in message


def test_unknown_language_code_is_refused(tmp_path):
    path = save(fill(export("fi", tmp_path)), tmp_path)
    assert "No locale 'xx'" in refused("import", "xx", path)
    assert "No locale 'xx'" in refused("export", "xx")
    assert not Locale.objects.filter(language_code="xx").exists()


def test_missing_file_is_refused(tmp_path):
    assert "No such file" in refused("import", "fi", str(tmp_path / "absent.po"))


# ---------------------------------------------------------------------------- bad entries


def test_tampered_msgctxt_entries_are_skipped_and_counted(tmp_path):
    po = fill(export("fi", tmp_path))
    assert len(po) >= 4
    swedish = Translation.objects.filter(target_locale__language_code="sv").first()
    po[0].msgctxt = f"{uuid.uuid4()}:title"  # no such Translation
    po[1].msgctxt = "not-a-uuid:title"
    po[2].msgctxt = f"{swedish.uuid}:{po[2].msgctxt.split(':', 1)[1]}"  # another language's
    before_fi, before_sv = translations_in("fi"), translations_in("sv")

    stdout, stderr = run("import", "fi", save(po, tmp_path))

    assert translations_in("fi") == before_fi + len(po) - 3
    assert translations_in("sv") == before_sv
    assert "2: unknown translation" in stdout
    assert "1: Translation into another language" in stdout
    assert "not-a-uuid:title" in stderr


def test_entries_whose_source_changed_are_skipped(tmp_path):
    po = fill(export("fi", tmp_path))
    home = HomePage.objects.get(locale__language_code="en")
    title = next(entry for entry in po if entry.msgid == home.title)
    other = next(entry for entry in po if entry is not title)
    other.msgid = other.msgid + " (edited by the agency)"
    home.title = "STEM PD Materials for Europe"
    home.save_revision().publish()
    TranslationSource.objects.get(
        object_id=home.translation_key, locale=home.locale
    ).update_from_db()
    before = translations_in("fi")

    stdout, _ = run("import", "fi", save(po, tmp_path))

    assert translations_in("fi") == before + len(po) - 2
    assert "2: source changed since the export" in stdout
    assert not StringTranslation.objects.filter(
        locale__language_code="fi", data=title.msgstr, context__path="title"
    ).exists()


def test_fuzzy_and_empty_entries_are_ignored(tmp_path):
    po = fill(export("fi", tmp_path))
    po[0].flags.append("fuzzy")
    po[1].msgstr = ""
    before = translations_in("fi")

    stdout, _ = run("import", "fi", save(po, tmp_path))

    assert translations_in("fi") == before + len(po) - 2
    assert "1: fuzzy" in stdout and "1: empty msgstr" in stdout
    pending = {(entry.msgctxt, entry.msgid) for entry in export("fi", tmp_path)}
    assert pending == {(po[0].msgctxt, po[0].msgid), (po[1].msgctxt, po[1].msgid)}


def test_dry_run_writes_nothing(tmp_path):
    po = fill(export("fi", tmp_path))
    before = translations_in("fi")

    stdout, _ = run("import", "fi", save(po, tmp_path), "--dry-run")

    assert translations_in("fi") == before
    assert f"Would apply {len(po)} translation(s)" in stdout
    assert len(export("fi", tmp_path)) == len(po)


def test_reimport_updates_never_deletes(tmp_path):
    po = fill(export("fi", tmp_path))
    run("import", "fi", save(po, tmp_path))
    count = translations_in("fi")
    revised = export("fi", tmp_path, "--all")
    kept = {entry.msgctxt: entry.msgstr for entry in revised}
    revised[0].msgstr = "Tarkistettu"
    for entry in revised[1:]:
        entry.msgstr = ""

    stdout, _ = run("import", "fi", save(revised, tmp_path))

    assert translations_in("fi") == count
    assert "0 new, 1 updated" in stdout
    after = {entry.msgctxt: entry.msgstr for entry in export("fi", tmp_path, "--all")}
    assert after[revised[0].msgctxt] == "Tarkistettu"
    assert all(after[key] == value for key, value in kept.items() if key != revised[0].msgctxt)
    assert not Page.objects.filter(locale__language_code="fi", live=True).exists()


# ---------------------------------------------------------------------------- control characters

CONTROL_CHARACTERS = ["\x00", "\x07", "\x1b", "\x7f", "\x85"]


@pytest.mark.parametrize("character", CONTROL_CHARACTERS, ids=lambda c: f"U+{ord(c):04X}")
def test_language_import_refuses_control_characters_and_writes_nothing(tmp_path, character):
    po = fill(export("fi", tmp_path))
    po[0].msgstr = f"Käännös{character}teksti"
    before = translations_in("fi")
    message = refused("import", "fi", save(po, tmp_path))
    assert f"control character (U+{ord(character):04X})" in message
    assert "nothing was imported" in message
    assert translations_in("fi") == before


@pytest.fixture
def german_page_translation() -> Translation:
    german = MaterialPage.objects.live().filter(locale__language_code="de").first()
    return Translation.objects.get(
        source__object_id=german.translation_key, target_locale=german.locale
    )


def upload(client, translation, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        f"/admin/localize/translate/{translation.pk}/pofile/upload/",
        {"file": SimpleUploadedFile("page.po", data), "next": "/admin/"},
    )


@pytest.mark.parametrize("character", CONTROL_CHARACTERS, ids=lambda c: f"U+{ord(c):04X}")
def test_page_upload_refuses_control_characters_and_changes_nothing(
    admin_client, german_page_translation, character
):
    po = german_page_translation.export_po()
    entry = next(entry for entry in po if entry.msgctxt != "slug")
    entry.msgstr = f"Neuer{character}Titel"
    locale = german_page_translation.target_locale
    before = sorted(StringTranslation.objects.filter(locale=locale).values_list("pk", "data"))
    response = upload(admin_client, german_page_translation, str(po).encode())
    assert response.status_code == 400
    assert f"control character (U+{ord(character):04X})" in response.content.decode()
    after = sorted(StringTranslation.objects.filter(locale=locale).values_list("pk", "data"))
    assert after == before


def test_page_upload_of_a_clean_file_still_imports(admin_client, german_page_translation):
    po = german_page_translation.export_po()
    entry = next(entry for entry in po if entry.msgctxt != "slug")
    entry.msgstr = "Ein sauber importierter Titel"
    response = upload(admin_client, german_page_translation, str(po).encode())
    assert response.status_code == 302
    assert StringTranslation.objects.filter(
        locale=german_page_translation.target_locale, data="Ein sauber importierter Titel"
    ).exists()


@pytest.mark.parametrize(
    "data,message",
    [(None, "Choose a PO file"), (b"\xff\xfe\x00binary", "not UTF-8")],
    ids=["no-file", "not-utf8"],
)
def test_page_upload_of_no_file_or_a_binary_file_is_a_clear_400(
    admin_client, german_page_translation, data, message
):
    url = f"/admin/localize/translate/{german_page_translation.pk}/pofile/upload/"
    if data is None:
        response = admin_client.post(url, {"next": "/admin/"})
    else:
        response = upload(admin_client, german_page_translation, data)
    assert response.status_code == 400
    assert message in response.content.decode()
