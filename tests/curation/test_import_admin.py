"""The admin's import: upload -> preview (the dry run) -> confirm, its guards and who may use it."""

import hashlib
from datetime import timedelta

import pytest

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wagtail.users.models import UserProfile

from curation.material_import.uploads import keep
from curation.models import ImportedMaterial, PendingImport
from materials.models import MaterialPage
from tests.curation.spreadsheets import csv_bytes, material_row, xlsx_bytes
from tests.factories import refused, team_member

pytestmark = pytest.mark.django_db

UPLOAD = "/admin/materials/import/"
CONFIRM = "/admin/materials/import/confirm/"
TEMPLATE = "/admin/materials/import/template.csv"


def upload(client, content: bytes, name="materials.csv"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content)})


def pending_of(response) -> PendingImport:
    return response.context["pending"]


@pytest.fixture
def editor(django_user_model):
    """A member of Wagtail's Editors group, which may add pages but not publish."""
    user = django_user_model.objects.create_user("import-editor", password="unused")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_upload_preview_confirm_journey(admin_client):
    pages = MaterialPage.objects.count()
    assert admin_client.get(UPLOAD).status_code == 200

    preview = upload(admin_client, csv_bytes([material_row("adm-1"), material_row("adm-2")]))

    assert preview.status_code == 200
    assert "2 created, 0 updated, 0 unchanged, 0 refused" in preview.content.decode()
    assert MaterialPage.objects.count() == pages  # the preview is a dry run
    pending = pending_of(preview)
    assert pending.sha256 == hashlib.sha256(bytes(pending.content)).hexdigest()

    done = admin_client.post(CONFIRM, {"token": pending.token, "sha256": pending.sha256})

    assert done.status_code == 200
    assert "2 created" in done.content.decode()
    assert MaterialPage.objects.count() == pages + 2
    page = ImportedMaterial.objects.get(source_id="adm-1").page
    assert not page.live
    assert page.get_latest_revision().user.username == "admin"
    assert not PendingImport.objects.filter(pk=pending.pk).exists()
    # The same token cannot import twice.
    again = admin_client.post(CONFIRM, {"token": pending.token, "sha256": pending.sha256})
    assert again.status_code == 400
    assert MaterialPage.objects.count() == pages + 2


def test_an_editor_reads_the_import_and_its_refusals_in_the_admin_language(client, editor):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "cs"
    profile.save()
    client.force_login(editor)
    assert "Importovat materiály" in client.get(UPLOAD).content.decode()

    preview = upload(client, csv_bytes([material_row("ok"), material_row("bad", licence="gpl")]))

    assert preview.status_code == 400
    html = preview.content.decode()
    assert "1 řádek byl odmítnut. Nic nebylo importováno" in html
    assert "Neznámá hodnota (licence): „gpl“." in html
    assert "vytvořené: 1, aktualizované: 0, beze změny: 0, odmítnuté: 1" in html


def test_xlsx_upload_previews(admin_client):
    preview = upload(admin_client, xlsx_bytes([material_row("adm-x")]), "materials.xlsx")
    assert preview.status_code == 200
    assert "1 created" in preview.content.decode()


def test_a_refused_file_previews_its_refusals_and_offers_no_confirmation(admin_client):
    rows = [material_row("ok"), material_row("bad", licence="gpl")]
    preview = upload(admin_client, csv_bytes(rows))
    assert preview.status_code == 400
    html = preview.content.decode()
    assert "Unknown licence" in html and "bad" in html
    assert preview.context["pending"] is None
    assert "Confirm the import" not in html
    assert not PendingImport.objects.exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        ("source_id\nCaf\xe9\n".encode("latin-1"), "m.csv", "not UTF-8"),
        (b"PK\x03\x04 broken", "m.xlsx", "XLSX"),
        (b"just text", "m.txt", ".csv or .xlsx"),
    ],
)
def test_an_unreadable_file_answers_400_with_the_form_and_the_reason(
    admin_client, content, name, message
):
    response = upload(admin_client, content, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["form"].errors["file"]


def test_no_file_answers_400(admin_client):
    assert admin_client.post(UPLOAD, {}).status_code == 400


@pytest.mark.parametrize(
    "tamper",
    [
        lambda p: {"token": p.token + "x", "sha256": p.sha256},
        lambda p: {"token": p.token, "sha256": "0" * 64},
        lambda p: {"sha256": p.sha256},
        lambda p: {},
    ],
    ids=["unknown-token", "other-sha256", "no-token", "nothing"],
)
def test_a_tampered_or_missing_token_is_refused_and_writes_nothing(admin_client, tamper):
    pending = pending_of(upload(admin_client, csv_bytes([material_row("tamper-1")])))
    response = admin_client.post(CONFIRM, tamper(pending))
    assert response.status_code == 400
    assert "Upload the file again" in response.content.decode()
    assert not ImportedMaterial.objects.exists()


def test_a_stored_file_changed_after_its_preview_is_refused(admin_client):
    pending = pending_of(upload(admin_client, csv_bytes([material_row("swap-1")])))
    PendingImport.objects.filter(pk=pending.pk).update(content=csv_bytes([material_row("swap-2")]))
    response = admin_client.post(CONFIRM, {"token": pending.token, "sha256": pending.sha256})
    assert response.status_code == 400
    assert not ImportedMaterial.objects.exists()


def test_an_expired_preview_is_refused(admin_client):
    pending = pending_of(upload(admin_client, csv_bytes([material_row("old-1")])))
    PendingImport.objects.filter(pk=pending.pk).update(
        uploaded_at=timezone.now() - timedelta(hours=2)
    )
    response = admin_client.post(CONFIRM, {"token": pending.token, "sha256": pending.sha256})
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert not ImportedMaterial.objects.exists()


def test_another_users_token_is_refused(client, admin_user, editor):
    pending = keep(csv_bytes([material_row("theirs-1")]), "m.csv", admin_user)
    client.force_login(editor)
    response = client.post(CONFIRM, {"token": pending.token, "sha256": pending.sha256})
    assert response.status_code == 400
    assert not ImportedMaterial.objects.exists()


def test_the_template_downloads_and_imports_cleanly(admin_client):
    response = admin_client.get(TEMPLATE)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response)
    assert content.decode().splitlines()[0].startswith("source_id,title,summary,disciplines")
    preview = upload(admin_client, content)
    assert preview.status_code == 200
    assert "1 created, 0 updated, 0 unchanged, 0 refused" in preview.content.decode()


# Who may import: {admin, editor, German translator, anonymous} x {upload, confirm, template}.

ALLOWED = {"admin": True, "editor": True, "german translator": False, "anonymous": False}


@pytest.fixture
def login(client, admin_user, editor):
    def as_role(role):
        makers = {
            "admin": lambda: admin_user,
            "editor": lambda: editor,
            "german translator": lambda: team_member("translators", "de"),
            "anonymous": lambda: None,
        }
        user = makers[role]()
        if user is not None:
            client.force_login(user)
        return user

    return as_role


def assert_access(response, role):
    if ALLOWED[role]:
        assert response.status_code == 200, response.status_code
    elif role == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
    else:
        assert refused(response)


@pytest.mark.parametrize("role", ALLOWED)
def test_matrix_upload(client, login, role):
    login(role)
    assert_access(client.get(UPLOAD), role)
    response = upload(client, csv_bytes([material_row(f"matrix-{role}")]))
    assert_access(response, role)
    assert not ImportedMaterial.objects.exists()
    assert PendingImport.objects.exists() == ALLOWED[role]


@pytest.mark.parametrize("role", ALLOWED)
def test_matrix_confirm(client, login, admin_user, role):
    user = login(role)
    pending = keep(csv_bytes([material_row("matrix-confirm")]), "m.csv", user or admin_user)
    response = client.post(CONFIRM, {"token": pending.token, "sha256": pending.sha256})
    assert_access(response, role)
    assert ImportedMaterial.objects.filter(source_id="matrix-confirm").exists() == ALLOWED[role]


@pytest.mark.parametrize("role", ALLOWED)
def test_matrix_template_and_menu(client, login, role):
    login(role)
    assert_access(client.get(TEMPLATE), role)
    if role != "anonymous":
        dashboard = client.get("/admin/").content.decode()
        assert (UPLOAD in dashboard) == ALLOWED[role]
