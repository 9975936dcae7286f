"""Privacy follows the material: a restriction on any language version, or no live
version, keeps its files private in every language, on the material's routes, on
/documents/ (except for users who may edit a page carrying the file) and in the documents
API. Tested as visitor, translators (with and without a version to edit), editor, admin."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from wagtail.models import Page, PageViewRestriction

from materials.models import MaterialFile, MaterialPage
from materials.privacy import private_materials
from tests.conftest import shared_data
from tests.factories import (
    DocumentFactory,
    full_material,
    language_team,
    team_member,
    translate_page,
)
from translation.models import LanguageTeam

pytestmark = pytest.mark.django_db

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko Firefox/140.0"}


def build_versions() -> tuple[int, int]:
    """A material with a file, live in English and German, and the German and Dutch teams."""
    english = full_material(files=1, related=0, reviews=0)
    german = translate_page(english, "de")
    for language in ("de", "nl"):
        language_team(language)
    return english.pk, german.pk


@pytest.fixture(scope="module")
def version_pks(django_db_setup, django_db_blocker):
    """Built once for the module (see `shared_data`)."""
    with shared_data(django_db_blocker, build_versions) as pks:
        yield pks


@pytest.fixture
def versions(db, version_pks):
    """The material with files, live in English and German: (english, german, document)."""
    english, german = (MaterialPage.objects.get(pk=pk) for pk in version_pks)
    document = german.files.first().document
    assert english.files.filter(document=document).exists()
    return english, german, document


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def people(versions, admin_user):
    english, _german, _document = versions
    languages = set(
        MaterialPage.objects.filter(translation_key=english.translation_key).values_list(
            "locale__language_code", flat=True
        )
    )
    stranger_language = (
        LanguageTeam.objects.exclude(locale__language_code__in=languages)
        .values_list("locale__language_code", flat=True)
        .first()
    )
    editor = get_user_model().objects.create_user("privacy-editor", password="unused")
    editor.groups.add(Group.objects.get(name="Editors"))
    people = {
        "visitor": None,
        "de translator": team_member("translators", "de"),
        f"{stranger_language} translator": team_member("translators", stranger_language),
        "editor": editor,
        "admin": admin_user,
    }
    assert english.permissions_for_user(editor).can_edit()
    return people


# Who gets the file at /documents/ when the material is private.
MAY_FETCH_PRIVATE = {"de translator", "editor", "admin"}


def documents_statuses(people, document) -> dict[str, int]:
    return {
        name: client_for(user).get(document.url, **BROWSER).status_code
        for name, user in people.items()
    }


def expected_private(people) -> dict[str, int]:
    return {name: 200 if name in MAY_FETCH_PRIVATE else 404 for name in people}


def restrict(page, kind=PageViewRestriction.PASSWORD):
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, password="secret")


def file_url(page, document) -> str:
    return f"{page.url}files/{document.pk}/{document.filename}"


def api_document_ids(client=None) -> set[int]:
    """Every id the documents listing gives, page by page."""
    client = client or Client()
    ids: set[int] = set()
    while True:
        response = client.get(f"/api/v2/documents/?limit=20&offset={len(ids)}")
        assert response.status_code == 200, response.content
        payload = response.json()
        ids |= {item["id"] for item in payload["items"]}
        if not payload["items"] or len(ids) >= payload["meta"]["total_count"]:
            return ids


def test_a_public_material_serves_its_files_to_everyone(people, versions):
    _english, _german, document = versions
    assert documents_statuses(people, document) == dict.fromkeys(people, 200)
    assert document.pk in api_document_ids()


def test_an_unpublished_material_serves_its_files_only_to_who_may_edit_it(people, versions):
    english, german, document = versions
    for page in MaterialPage.objects.filter(translation_key=english.translation_key):
        page.unpublish()
    assert documents_statuses(people, document) == expected_private(people)
    assert document.pk not in api_document_ids()
    assert Client().get(f"/api/v2/documents/{document.pk}/").status_code == 404


@pytest.mark.parametrize("restricted", ["en", "de"])
def test_a_restriction_on_one_version_makes_the_files_of_every_version_private(
    people, versions, restricted
):
    english, german, document = versions
    with document.file.open("rb") as stored:
        content = stored.read()
    assert content
    restricted_page = english if restricted == "en" else german
    other_page = german if restricted == "en" else english
    restriction = restrict(restricted_page)

    assert private_materials([english.translation_key]) == {english.translation_key}
    assert documents_statuses(people, document) == expected_private(people)
    assert document.pk not in api_document_ids()

    # The unrestricted version's own routes ask for the restricted version's password.
    visitor = Client()
    for url in (file_url(other_page, document), f"{other_page.url}files/all.zip"):
        response = visitor.get(url, **BROWSER)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        assert b"password" in response.content.lower()
        assert content not in response.content

    # Once the password is given, the file is served there.
    url = file_url(other_page, document)
    visitor.post(
        f"/{restricted}/_util/authenticate_with_password/{restriction.pk}/{restricted_page.pk}/",
        {"password": "secret", "return_url": url},
    )
    response = visitor.get(url, **BROWSER)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content


def test_a_login_restriction_on_a_section_of_one_language_covers_the_others(people, versions):
    english, german, document = versions
    restrict(Page.objects.get(pk=english.get_parent().pk), PageViewRestriction.LOGIN)
    response = Client().get(file_url(german, document), **BROWSER)
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert client_for(people["editor"]).get(file_url(german, document)).status_code == 200


def test_the_documents_api_lists_only_files_of_public_materials(versions):
    english, _german, document = versions
    loose = DocumentFactory(title="A file attached to nothing")
    listed = api_document_ids()
    assert loose.pk not in listed
    assert Client().get(f"/api/v2/documents/{loose.pk}/").status_code == 404
    # Every listed document belongs to a live material no version of which is restricted.
    for document_id in listed:
        keys = set(
            MaterialFile.objects.filter(document_id=document_id).values_list(
                "page__translation_key", flat=True
            )
        )
        assert any(
            MaterialPage.objects.filter(translation_key=key).live().exists()
            and not MaterialPage.objects.filter(translation_key=key).not_public().exists()
            for key in keys
        ), document_id
    assert document.pk in listed


def test_the_documents_api_is_the_same_for_signed_in_users(people, versions):
    english, _german, document = versions
    english.unpublish()
    for page in MaterialPage.objects.filter(translation_key=english.translation_key):
        page.unpublish()
    for user in people.values():
        assert document.pk not in api_document_ids(client_for(user))
