"""A harvested material whose record its repository deleted keeps that mark until a
harvest finds the record again: Reports › Deleted at the source lists it, and its edit view
says so. Nothing is unpublished or deleted."""

import re

import pytest

from curation.models import ImportedMaterial
from harvest.models import HarvestRun
from harvest.options import HarvestOptions
from harvest.run import run_harvest
from tests.factories import refused
from tests.harvest.oai_server import response
from tests.harvest.roles import MAY_SEE, USERS

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/deleted-at-source/"
SOURCE_ID = "oai:oai:eprints.example.ac.uk:42"
PRESENT = response("eprints.xml")
DELETED = re.sub(
    rb"<record>.*</record>",
    b"<record><header status='deleted'><identifier>oai:eprints.example.ac.uk:42</identifier>"
    b"<datestamp>2026-11-10T00:00:00Z</datestamp></header></record>",
    PRESENT,
    flags=re.DOTALL,
)


def harvest(body: bytes, dry_run: bool = False) -> HarvestRun:
    options = HarvestOptions.checked(
        "https://eprints.example.ac.uk/cgi/oai2",
        metadata_prefix="oai_dc",
        partner="de-stem-centre",
        country="DE",
        ages="12-15",
        from_date="2025-01-01",
        dry_run=dry_run,
    )
    run = run_harvest(options, fetch=lambda url, params: body)
    assert run.status == HarvestRun.OK, run.error
    return run


def mark() -> object:
    return ImportedMaterial.objects.get(source_id=SOURCE_ID).deleted_at_source


def test_the_mark_is_set_once_kept_and_cleared_when_the_record_returns(vocabulary):
    harvest(PRESENT)
    assert mark() is None
    page = ImportedMaterial.objects.get(source_id=SOURCE_ID).page
    page.get_latest_revision().publish()
    revisions = page.revisions.count()

    first = harvest(DELETED)
    assert mark() == first.started_at
    harvest(DELETED)
    assert mark() == first.started_at  # the first harvest that saw it, not the latest
    page.refresh_from_db()
    assert page.live and page.revisions.count() == revisions  # kept as it was

    harvest(PRESENT)
    assert mark() is None


def test_a_dry_run_marks_nothing(vocabulary):
    harvest(PRESENT)
    run = harvest(DELETED, dry_run=True)
    assert run.deleted == 1 and mark() is None


@pytest.mark.parametrize("who", sorted(USERS))
def test_who_may_see_the_report(client, django_user_model, vocabulary, who):
    harvest(PRESENT)
    harvest(DELETED)
    client.force_login(USERS[who](django_user_model))
    report = client.get(REPORT)
    menu = client.get("/admin/").content.decode()
    if who in MAY_SEE:
        assert report.status_code == 200
        page = ImportedMaterial.objects.get(source_id=SOURCE_ID).page
        assert f"/admin/pages/{page.pk}/edit/" in report.content.decode()
        assert REPORT in menu
    else:
        assert refused(report) and REPORT not in menu


def test_anonymous_visitors_are_sent_to_the_login(client, vocabulary):
    response = client.get(REPORT)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_report_is_read_only_and_says_when_it_is_empty(admin_client, vocabulary):
    empty = admin_client.get(REPORT).content.decode()
    assert "No harvested material has been deleted at its source." in empty
    assert admin_client.post(REPORT).status_code == 405


def test_the_edit_view_warns_only_about_a_marked_material(admin_client, vocabulary):
    harvest(PRESENT)
    page = ImportedMaterial.objects.get(source_id=SOURCE_ID).page
    edit = f"/admin/pages/{page.pk}/edit/"
    warning = "Its repository deleted this material"
    assert warning not in admin_client.get(edit).content.decode()
    harvest(DELETED)
    assert warning in admin_client.get(edit).content.decode()
