"""Two confirmations that create the same new source_id at the same moment.

Both imports check the site before either writes, so both plan a creation; the second to
write must be refused with a message (409 in the admin, an error in the command), and
nothing of it may stay written. The race is reproduced deterministically: the competing
import runs to completion after the first one has checked every row, just before it writes.
"""

import pytest

from curation.material_import import apply
from curation.material_import.apply import ImportConflict, import_file
from curation.material_import.uploads import keep
from curation.models import ImportedMaterial
from materials.models import MaterialPage
from tests.curation.spreadsheets import csv_bytes, material_row

pytestmark = pytest.mark.django_db

CONFIRM = "/admin/materials/import/confirm/"


@pytest.fixture
def competing_import(monkeypatch):
    """Once the next import has checked its rows, another import of `rows` commits first."""

    def arrange(rows):
        write_all = apply._write_all

        def compete_then_write(*args, **kwargs):
            monkeypatch.setattr(apply, "_write_all", write_all)
            competitor = import_file(csv_bytes(rows), "other.csv", dry_run=False)
            assert not competitor.refusals
            return write_all(*args, **kwargs)

        monkeypatch.setattr(apply, "_write_all", compete_then_write)

    return arrange


def test_the_second_import_of_a_new_source_id_is_refused_and_writes_nothing(competing_import):
    # Different titles, so different slugs: the unique source_id is what stops it.
    competing_import([material_row("race-1", title="Ramps and rolling cars")])
    pages_before = MaterialPage.objects.count()

    with pytest.raises(ImportConflict):
        import_file(
            csv_bytes([material_row("race-2"), material_row("race-1", title="Ramps again")]),
            "mine.csv",
            dry_run=False,
        )

    # The competitor's one material is there; nothing of the refused file (not race-2,
    # written before race-1 failed) is.
    assert MaterialPage.objects.count() == pages_before + 1
    assert set(ImportedMaterial.objects.values_list("source_id", flat=True)) >= {"race-1"}
    assert not ImportedMaterial.objects.filter(source_id="race-2").exists()
    assert not MaterialPage.objects.filter(title="Ramps again").exists()
    assert ImportedMaterial.objects.get(source_id="race-1").page.title == "Ramps and rolling cars"


def test_the_admin_answers_409_with_a_message_and_keeps_the_competitors_import(
    admin_client, admin_user, competing_import
):
    # The same row, so the same slug: Wagtail's sibling slug check stops it first.
    competing_import([material_row("race-admin")])
    pending = keep(csv_bytes([material_row("race-admin")]), "mine.csv", admin_user)
    pages_before = MaterialPage.objects.count()

    response = admin_client.post(CONFIRM, {"token": pending.token, "sha256": pending.sha256})

    assert response.status_code == 409
    assert "at the same time" in response.content.decode()
    assert MaterialPage.objects.count() == pages_before + 1
    assert ImportedMaterial.objects.filter(source_id="race-admin").count() == 1


def test_without_a_competitor_the_same_confirmation_imports(admin_client, admin_user):
    pending = keep(csv_bytes([material_row("race-alone")]), "mine.csv", admin_user)

    response = admin_client.post(CONFIRM, {"token": pending.token, "sha256": pending.sha256})

    assert response.status_code == 200
    assert ImportedMaterial.objects.filter(source_id="race-alone").exists()
