"""Lineage links as a snippet: superusers correct or remove a decided link; editors decide
pairs in the queue but do not edit links by hand; translators and visitors do neither.
Every change refreshes the page cache, and bad input is a 400 that writes nothing."""

import pytest

from django.contrib.auth import get_user_model

from materials.models import MaterialLineage
from page_cache import generation
from tests import factories

pytestmark = pytest.mark.django_db

BASE = "/admin/snippets/materials/materiallineage/"


@pytest.fixture
def materials():
    parent = factories.site_tree().materials
    return [
        factories.publish(factories.MaterialPageFactory(parent=parent, title=title))
        for title in ("Rolling down ramps", "Ramps for rural schools", "Ramps, second edition")
    ]


@pytest.fixture
def link(materials):
    return factories.material_lineage(materials[0], materials[1], "adaptation", "GR")


def login(client, role):
    users = {
        "translator": lambda: factories.translator("de"),
        "editor": factories.editor,
        "admin": lambda: get_user_model().objects.create_superuser("lineage-admin", password="x"),
    }
    if role in users:
        client.force_login(users[role]())
    return client


def form(original, derived, **fields) -> dict:
    return {
        "original": original.pk,
        "derived": derived.pk,
        "kind": "adaptation",
        "country": "GR",
        "diversity_dimension": "",
        **fields,
    }


@pytest.mark.parametrize("role", ["anonymous", "translator", "editor", "admin"])
def test_who_may_add_edit_and_delete_links(client, materials, link, role):
    client = login(client, role)
    allowed = role == "admin"

    listing = client.get(BASE)
    added = client.post(f"{BASE}add/", form(materials[2], materials[0], kind="version"))
    edited = client.post(f"{BASE}edit/{link.pk}/", form(materials[0], materials[1], country="CZ"))

    if allowed:
        assert listing.status_code == 200
        assert added.status_code == 302 and edited.status_code == 302
        assert MaterialLineage.objects.filter(original=materials[2], kind="version").exists()
        link.refresh_from_db()
        assert link.country.code == "CZ"
    else:
        for response in (listing, added, edited):
            assert (
                response.status_code == 302 if role == "anonymous" else factories.refused(response)
            )
        assert MaterialLineage.objects.count() == 1
        link.refresh_from_db()
        assert link.country.code == "GR"

    deleted = client.post(f"{BASE}delete/{link.pk}/")
    assert MaterialLineage.objects.filter(pk=link.pk).exists() is not allowed
    if not allowed:
        assert deleted.status_code == 302 if role == "anonymous" else factories.refused(deleted)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"country": ""}, "country", "Say which country"),
        ({"derived": "SELF"}, "derived", "cannot be a version or adaptation of itself"),
        ({"kind": "copy"}, "kind", "Select a valid choice"),
    ],
)
def test_bad_links_are_refused_with_a_400(admin_client, materials, change, field, message):
    data = form(materials[0], materials[1])
    data.update(
        {key: materials[0].pk if value == "SELF" else value for key, value in change.items()}
    )
    response = admin_client.post(f"{BASE}add/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not MaterialLineage.objects.exists()


def test_a_translation_cannot_stand_for_the_material(admin_client, materials):
    german = factories.translate_page(materials[1], "de")
    response = admin_client.post(f"{BASE}add/", form(materials[0], german))
    assert response.status_code == 400
    assert "source language" in response.content.decode()
    assert not MaterialLineage.objects.exists()


def test_changing_a_link_refreshes_the_page_cache(admin_client, materials, link, monkeypatch):
    bumps = []
    monkeypatch.setattr(generation, "bump", lambda: bumps.append(1))
    admin_client.post(f"{BASE}delete/{link.pk}/")
    assert not MaterialLineage.objects.exists()
    assert bumps
