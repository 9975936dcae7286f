"""A taxonomy term that pages use is not deleted: the delete screen shows its usage in every
language (drafts and translated labels included) and refuses."""

import pytest

from materials.models import Discipline, MaterialPage, ResourceLanguage
from tests import factories
from tests.safe_curation.conftest import ROLES, assert_refused

pytestmark = pytest.mark.django_db


def delete_url(term) -> str:
    return f"/admin/snippets/materials/{term._meta.model_name}/delete/{term.pk}/"


@pytest.fixture
def physics():
    """A discipline used by an English material and its German version, by the unpublished
    draft of another material, with a German label. (Names and slugs of its own, so a
    seeded demo's Physics is another term.)"""
    term = factories.DisciplineFactory(name="Quantum optics")
    material = factories.full_material(files=0, related=0, reviews=0)
    material.disciplines = [term]
    material = factories.publish(material)
    factories.translate_page(material, "de")
    other = factories.full_material(files=0, related=0, reviews=0)
    factories.save_draft(other, disciplines=[term])
    factories.translate_term(term, "de", name="Quantenoptik")
    return term


def test_the_delete_screen_shows_usage_in_every_language_and_refuses(admin_client, physics):
    shown = admin_client.get(delete_url(physics))

    assert shown.status_code == 200
    usage = shown.context["usages"][0]
    assert usage.pages_by_language == [("de", 1), ("en", 1)]
    assert usage.drafts_by_language == [("en", 1)]
    assert [str(label) for label in usage.translations] == ["Quantenoptik"]
    assert usage.page_count == 3
    text = shown.content.decode()
    assert "Used by 3 pages" in text and "Quantenoptik" in text and "Merge into" in text

    response = admin_client.post(delete_url(physics))

    assert response.status_code == 409
    assert Discipline.objects.filter(translation_key=physics.translation_key).count() == 2
    assert MaterialPage.objects.filter(disciplines=physics).count() == 2


def test_a_term_only_a_draft_uses_is_not_deleted(admin_client):
    term = factories.DisciplineFactory()
    material = factories.full_material(files=0, related=0, reviews=0)
    factories.save_draft(material, disciplines=[term])

    response = admin_client.post(delete_url(term))

    assert response.status_code == 409
    assert Discipline.objects.filter(pk=term.pk).exists()
    assert admin_client.get(f"/admin/pages/{material.pk}/edit/").status_code == 200


def test_a_language_used_only_as_a_files_language_is_not_deleted(admin_client):
    material = factories.full_material(files=1, related=0, reviews=0)
    language = material.files.get().language
    material.resource_languages = []
    factories.publish(material)

    response = admin_client.post(delete_url(language))

    assert response.status_code == 409
    assert ResourceLanguage.objects.filter(pk=language.pk).exists()


def test_an_unused_term_is_deleted_with_its_translated_labels(admin_client):
    factories.site_tree()
    term = factories.DisciplineFactory(name="Alchemy of tests")
    factories.translate_term(term, "de", name="Alchemie der Tests")

    response = admin_client.post(delete_url(term))

    assert response.status_code == 302
    assert not Discipline.objects.filter(translation_key=term.translation_key).exists()


def test_a_translated_label_may_be_deleted_and_the_source_term_stays(admin_client, physics):
    label = Discipline.objects.get(
        translation_key=physics.translation_key, locale__language_code="de"
    )

    response = admin_client.post(delete_url(label))

    assert response.status_code == 302
    assert not Discipline.objects.filter(pk=label.pk).exists()
    assert Discipline.objects.filter(pk=physics.pk).exists()


def test_the_bulk_delete_refuses_terms_in_use(admin_client, physics):
    unused = factories.DisciplineFactory()
    url = f"/admin/bulk/materials/discipline/delete/?id={physics.pk}&id={unused.pk}"

    response = admin_client.post(url)

    assert response.status_code == 409
    assert Discipline.objects.filter(pk__in=[physics.pk, unused.pk]).count() == 2


# Deleting snippets needs the delete permission: the Editors group and translators lack it.
MAY_DELETE_TERMS = {"admin"}


@pytest.mark.parametrize("role", ROLES)
def test_matrix_deleting_a_term_in_use(client, login, role, physics):
    login(role)

    shown = client.get(delete_url(physics))
    response = client.post(delete_url(physics))

    if role in MAY_DELETE_TERMS:
        assert shown.status_code == 200
        assert response.status_code == 409
    else:
        assert_refused(shown, role)
        assert_refused(response, role)
    assert Discipline.objects.filter(pk=physics.pk).exists()
