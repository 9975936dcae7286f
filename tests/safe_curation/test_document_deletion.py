"""A document any revision uses (live or draft) is not deleted, and no admin view fails
after a delete."""

import pytest

from materials.models import CustomDocument, MaterialFile
from tests import factories
from tests.safe_curation.conftest import ROLES, assert_refused

pytestmark = pytest.mark.django_db


def delete_url(document) -> str:
    return f"/admin/documents/delete/{document.pk}/"


@pytest.fixture
def draft_only_document():
    """A document that only an unpublished draft of a live material uses."""
    material = factories.full_material(files=0, related=0, reviews=0)
    document = factories.DocumentFactory(title="Draft worksheet")
    factories.save_draft(
        material, files=[MaterialFile(document=document, title="Worksheet", locale=material.locale)]
    )
    assert not MaterialFile.objects.filter(document=document).exists()
    return material, document


def test_a_document_only_a_draft_uses_shows_its_usage_and_is_not_deleted(
    admin_client, draft_only_document
):
    material, document = draft_only_document

    page = admin_client.get(delete_url(document))
    assert page.status_code == 200
    assert page.context["usage_count"] == 1
    assert page.context["is_protected"] is True
    assert material.title in page.content.decode()
    assert "Yes, delete" not in page.content.decode()

    response = admin_client.post(delete_url(document))

    assert response.status_code == 409
    assert CustomDocument.objects.filter(pk=document.pk).exists()
    assert admin_client.get(f"/admin/pages/{material.pk}/edit/").status_code == 200


def test_a_document_a_live_page_uses_is_not_deleted(admin_client):
    material = factories.full_material(files=1, related=0, reviews=0)
    document = material.files.get().document

    response = admin_client.post(delete_url(document))

    assert response.status_code == 409
    assert CustomDocument.objects.filter(pk=document.pk).exists()


def test_an_unused_document_is_deleted(admin_client):
    factories.full_material(files=1, related=0, reviews=0)  # another document, in use
    document = factories.DocumentFactory()

    page = admin_client.get(delete_url(document))
    assert page.status_code == 200 and page.context["usage_count"] == 0

    response = admin_client.post(delete_url(document))

    assert response.status_code == 302
    assert not CustomDocument.objects.filter(pk=document.pk).exists()


def test_another_documents_id_in_a_draft_does_not_count(admin_client, draft_only_document):
    # Document 1 named in a draft must not protect document 12 (prefix of the id).
    _, used = draft_only_document
    other = factories.DocumentFactory()
    assert str(used.pk) != str(other.pk)
    assert admin_client.get(delete_url(other)).context["usage_count"] == 0


def test_the_bulk_delete_refuses_documents_in_use(admin_client, draft_only_document):
    _, document = draft_only_document
    unused = factories.DocumentFactory()
    url = "/admin/bulk/materials/customdocument/delete/"
    query = f"?id={document.pk}&id={unused.pk}"

    response = admin_client.post(url + query)

    assert response.status_code == 409
    assert CustomDocument.objects.filter(pk__in=[document.pk, unused.pk]).count() == 2


def test_the_multiple_upload_delete_refuses_a_document_in_use(admin_client, draft_only_document):
    _, document = draft_only_document

    response = admin_client.post(f"/admin/documents/multiple/{document.pk}/delete/")

    assert response.status_code == 409
    assert response.json()["success"] is False
    assert CustomDocument.objects.filter(pk=document.pk).exists()


def test_the_edit_view_opens_when_a_drafts_document_was_deleted_anyway(admin_client):
    """Deleted outside the admin (a shell, a script): the draft's file is dropped on load,
    the rest of the draft is kept, and the edit view answers."""
    material = factories.full_material(files=0, related=0, reviews=0)
    document = factories.DocumentFactory()
    factories.save_draft(
        material,
        summary="The draft's new summary.",
        files=[MaterialFile(document=document, title="Gone", locale=material.locale)],
    )
    CustomDocument.objects.filter(pk=document.pk).delete()

    response = admin_client.get(f"/admin/pages/{material.pk}/edit/")

    assert response.status_code == 200
    assert "The draft&#x27;s new summary." in response.content.decode()


# Wagtail's Editors group holds no permission on this site's document model (the custom
# CustomDocument); only administrators manage documents here.
MAY_DELETE_DOCUMENTS = {"admin"}


@pytest.mark.parametrize("role", ROLES)
def test_matrix_deleting_a_document_in_use(client, login, role, draft_only_document):
    _, document = draft_only_document
    login(role)

    shown = client.get(delete_url(document))
    response = client.post(delete_url(document))

    if role in MAY_DELETE_DOCUMENTS:
        assert shown.status_code == 200 and shown.context["is_protected"]
        assert response.status_code == 409
    else:
        assert_refused(shown, role)
        assert_refused(response, role)
    assert CustomDocument.objects.filter(pk=document.pk).exists()


@pytest.mark.parametrize("role", ROLES)
def test_matrix_deleting_an_unused_document(client, login, role):
    factories.site_tree()
    document = factories.DocumentFactory()
    login(role)

    response = client.post(delete_url(document))

    deleted = not CustomDocument.objects.filter(pk=document.pk).exists()
    if role in MAY_DELETE_DOCUMENTS:
        assert response.status_code == 302 and deleted
    else:
        assert_refused(response, role)
        assert not deleted
