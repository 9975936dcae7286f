"""Flagging likely duplicates: each rule and its near misses, one pair per two materials,
decisions that hold, and the ways materials arrive (publish, draft, import, harvest)."""

import hashlib
import importlib
import io

import pytest

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from curation.material_import.apply import import_file
from duplicates import detection
from duplicates.decisions import decide
from duplicates.detection import flag_duplicates_of
from duplicates.models import DuplicatePair, FileFingerprint, MaterialFingerprint
from materials.models import CustomDocument, MaterialFile
from tests import factories
from tests.curation.spreadsheets import csv_bytes, material_row

pytestmark = pytest.mark.django_db


def material(files=(), publish=True, **fields):
    """A source-language material with files holding the given bytes, published (or only
    created, as a harvest that writes rows directly would)."""
    page = factories.MaterialPageFactory(parent=factories.site_tree().materials, **fields)
    page.files = [MaterialFile(document=factories.document_with(data)) for data in files]
    if not publish:
        page.save()
        return page
    return factories.publish(page)


def pair_of(one, other):
    first, second = sorted((one.pk, other.pk))
    return DuplicatePair.objects.filter(first_id=first, second_id=second).first()


def involving(page):
    return DuplicatePair.objects.filter(first=page) | DuplicatePair.objects.filter(second=page)


def test_the_same_normalised_url_flags_and_a_near_miss_does_not():
    original = material(original_url="https://www.example.org/units/ramps/?utm_source=mail")
    same = material(original_url="HTTPS://example.org/units/ramps#start")
    other = material(original_url="https://example.org/units/ramps-2")

    pair = pair_of(original, same)
    assert pair is not None and pair.is_pending
    assert pair.reasons == ["url"]
    assert pair_of(original, other) is None and pair_of(same, other) is None


def test_the_same_file_flags_by_sha256_and_a_different_file_does_not():
    original = material(files=[b"%PDF-1.4 ramps worksheet"])
    copy = material(files=[b"%PDF-1.4 other intro", b"%PDF-1.4 ramps worksheet"])
    different = material(files=[b"%PDF-1.4 ramps worksheet, corrected"])

    document = original.files.get().document
    assert document.sha256 == hashlib.sha256(b"%PDF-1.4 ramps worksheet").hexdigest()
    assert document.sha256 != document.file_hash  # Wagtail's own hash is SHA-1
    assert pair_of(original, copy).reasons == ["file"]
    assert pair_of(original, different) is None and pair_of(copy, different) is None


def test_a_similar_title_flags_only_with_the_same_partner_and_year():
    partner, other_partner = factories.PartnerFactory(), factories.PartnerFactory()
    original = material(title="Light and colour", partner=partner, year=2022)
    similar = material(title="Light and Color!", partner=partner, year=2022)
    other_year = material(title="Light and colour", partner=partner, year=2023)
    other_partner_page = material(title="Light and colour", partner=other_partner, year=2022)
    dissimilar = material(title="Sound and silence", partner=partner, year=2022)
    no_year = material(title="Light and colour", partner=partner, year=None)

    pair = pair_of(original, similar)
    assert pair.reasons == ["title"] and pair.title_similarity >= 0.88
    for page in (other_year, other_partner_page, dissimilar, no_year):
        assert not involving(page).exists(), page.title


def test_every_reason_is_recorded_on_one_pair():
    partner = factories.PartnerFactory()
    shared = {"partner": partner, "year": 2021, "original_url": "https://example.org/a"}
    first = material(title="Inquiry in physics", files=[b"same bytes"], **shared)
    second = material(title="Inquiry in physics!", files=[b"same bytes"], **shared)
    assert pair_of(first, second).reasons == ["file", "title", "url"]


def test_a_translation_is_never_a_duplicate_of_its_source():
    source = material(original_url="https://example.org/units/light", files=[b"light guide"])
    german = factories.translate_page(source, "de")

    assert flag_duplicates_of(german) == []
    assert not involving(german).exists() and not involving(source).exists()
    assert not MaterialFingerprint.objects.filter(page=german).exists()


def test_a_pair_is_stored_once_whichever_side_is_checked_and_gains_new_reasons():
    one = material(original_url="https://example.org/units/heat")
    other = material(original_url="https://example.org/units/heat/")
    flag_duplicates_of(one)
    flag_duplicates_of(other)
    factories.save_draft(other, title="Heat, revised")
    assert DuplicatePair.objects.filter(first__in=[one, other]).count() == 1

    shared_file = one.files.create(document=factories.document_with(b"heat worksheet"))
    factories.publish(one)
    other.files.create(document=shared_file.document)
    factories.publish(other)

    assert DuplicatePair.objects.filter(first__in=[one, other]).count() == 1
    assert pair_of(one, other).reasons == ["file", "url"]


def test_a_pair_decided_not_a_duplicate_is_not_flagged_again():
    one = material(original_url="https://example.org/units/waves")
    other = material(original_url="https://example.org/units/waves")
    pair = pair_of(one, other)
    decide(pair.pk, {"decision": "distinct"}, factories.editor())

    factories.save_draft(other, title="Waves, second edition")
    factories.publish(one)
    flag_duplicates_of(other)

    assert list(involving(one)) == [pair]
    pair.refresh_from_db()
    assert pair.decision == "distinct" and not pair.is_pending


def test_saving_a_draft_flags_what_the_draft_says():
    live = material(original_url="https://example.org/units/optics")
    edited = material(original_url="https://example.org/units/acoustics")
    assert pair_of(live, edited) is None

    factories.save_draft(edited, original_url="https://www.example.org/units/optics/")

    edited.refresh_from_db()
    assert edited.original_url == "https://example.org/units/acoustics"  # live is unchanged
    assert pair_of(live, edited).reasons == ["url"]


def test_an_import_flags_its_drafts_and_a_dry_run_flags_nothing():
    factories.import_vocabulary()
    existing = material(original_url="https://example.org/materials/dup-imp-1")
    rows = csv_bytes([material_row("dup-imp-1"), material_row("dup-imp-2")])

    import_file(rows, "materials.csv", dry_run=True)
    assert not involving(existing).exists()

    import_file(rows, "materials.csv", dry_run=False)
    pair = involving(existing).get()
    assert pair.reasons == ["url"]
    imported = pair.second if pair.first_id == existing.pk else pair.first
    assert imported.title == "Imported material dup-imp-1" and not imported.live


def test_a_harvest_calls_the_check_for_pages_it_wrote_without_a_revision():
    existing = material(original_url="https://example.org/oai/record/7")
    harvested = material(original_url="https://example.org/oai/record/7", publish=False)
    assert pair_of(existing, harvested) is None  # no revision yet, nothing flagged

    pairs = flag_duplicates_of(harvested)

    assert pairs == [pair_of(existing, harvested)]


def test_checking_one_material_costs_the_same_with_more_materials():
    def cost(page):
        with CaptureQueriesContext(connection) as queries:
            flag_duplicates_of(page)
        return len(queries)

    partner = factories.PartnerFactory()
    checked = material(title="Gravity", partner=partner, year=2020, files=[b"gravity"])
    before = cost(checked)
    for number in range(6):
        material(title=f"Unrelated {number}", partner=partner, year=2020, files=[b"%d" % number])
    assert cost(checked) == before


def test_the_command_fingerprints_materials_saved_before_the_check_existed():
    one = material(original_url="https://example.org/units/old")
    other = material(original_url="https://example.org/units/old")
    DuplicatePair.objects.all().delete()
    MaterialFingerprint.objects.all().delete()
    FileFingerprint.objects.all().delete()

    out = io.StringIO()
    call_command("flag_duplicates", stdout=out)

    assert pair_of(one, other).reasons == ["url"]
    assert "pending pairs" in out.getvalue()


def test_replacing_a_file_recomputes_its_sha256_and_the_migration_fills_missing_ones():
    document = factories.document_with(b"first bytes")
    document.file = ContentFile(b"second bytes", name="guide.pdf")
    document._set_document_file_metadata()
    document.save()
    assert document.sha256 == hashlib.sha256(b"second bytes").hexdigest()

    CustomDocument.objects.filter(pk=document.pk).update(sha256="")
    migration = importlib.import_module(
        "materials.migrations.0011_document_sha256_and_material_lineage"
    )
    migration.fill_sha256(apps, None)
    document.refresh_from_db()
    assert document.sha256 == hashlib.sha256(b"second bytes").hexdigest()


def test_a_url_or_file_shared_by_many_materials_is_boilerplate_and_flags_nothing(monkeypatch):
    monkeypatch.setattr(detection, "COMMON_VALUE_LIMIT", 2)
    for _ in range(3):
        material(original_url="https://partner.example.org/", files=[b"licence leaflet"])
    DuplicatePair.objects.all().delete()

    newcomer = material(original_url="https://partner.example.org", files=[b"licence leaflet"])
    assert not involving(newcomer).exists()

    twin = material(original_url="https://example.org/units/rare", files=[b"rare worksheet"])
    copy = material(original_url="https://example.org/units/rare", files=[b"rare worksheet"])
    assert pair_of(twin, copy).reasons == ["file", "url"]


def test_overwriting_the_latest_revision_flags_too():
    live = material(original_url="https://example.org/units/sound")
    edited = material(original_url="https://example.org/units/noise")
    user = factories.editor()
    page = type(edited).objects.get(pk=edited.pk)
    revision = page.save_revision(user=user)
    page.original_url = "https://example.org/units/sound/"

    page.save_revision(user=user, overwrite_revision=revision)

    assert page.latest_revision_id == revision.pk
    assert pair_of(live, edited).reasons == ["url"]


def test_an_http_copy_of_an_https_address_flags():
    original = material(original_url="https://example.org/units/levers")
    moved = material(original_url="http://www.example.org/units/levers/")
    assert pair_of(original, moved).reasons == ["url"]


def test_stored_http_keys_become_https_keys_on_upgrade():
    """The migration rewrites keys stored before http and https were one key, within the
    field's length."""
    short, long = material(), material()
    MaterialFingerprint.objects.filter(page=short).update(url_key="http://example.org/a")
    MaterialFingerprint.objects.filter(page=long).update(url_key="http://e.org/" + "x" * 242)
    migration = importlib.import_module(
        "duplicates.migrations.0002_http_and_https_urls_are_one_key"
    )
    migration.https_keys(apps, None)
    keys = dict(MaterialFingerprint.objects.values_list("page_id", "url_key"))
    assert keys[short.pk] == "https://example.org/a"
    assert keys[long.pk] == ("https://e.org/" + "x" * 242)[:255]
