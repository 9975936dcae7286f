"""Merge into…: a term's pages (every language), drafts and translated labels move to
another term, then it is deleted; only those who may delete terms may merge."""

import pytest

from django.contrib.auth.models import Permission

from materials.models import Discipline, MaterialPage, ResourceLanguage
from tests import factories
from tests.safe_curation.conftest import ROLES, assert_refused

pytestmark = pytest.mark.django_db


def merge_url(term) -> str:
    return f"/admin/taxonomy/merge/materials/{term._meta.model_name}/{term.pk}/"


@pytest.fixture
def terms():
    """Two disciplines: "physics" (used live in English and German, by a draft, labelled in
    German and Dutch) and "science" (labelled in German only). Names and slugs of their
    own, so a seeded demo's terms are others."""
    physics = factories.DisciplineFactory(name="Optics of tests")
    science = factories.DisciplineFactory(name="Science of tests")
    live = factories.full_material(files=0, related=0, reviews=0)
    live.disciplines = [physics, science]
    live = factories.publish(live)
    german = factories.translate_page(live, "de")
    only_physics = factories.full_material(files=0, related=0, reviews=0)
    only_physics.disciplines = [physics]
    only_physics = factories.publish(only_physics)
    drafted = factories.full_material(files=0, related=0, reviews=0)
    drafted = factories.save_draft(drafted, disciplines=[physics])
    factories.translate_term(physics, "de", name="Optik der Tests")
    factories.translate_term(physics, "nl", name="Optica van tests")
    factories.translate_term(science, "de", name="Wissenschaft der Tests")
    return {
        "physics": physics,
        "science": science,
        "live": live,
        "german": german,
        "only_physics": only_physics,
        "drafted": drafted,
    }


def test_merge_moves_pages_drafts_and_labels_then_deletes_the_term(admin_client, terms):
    physics, science = terms["physics"], terms["science"]

    shown = admin_client.get(merge_url(physics))
    assert shown.status_code == 200
    assert shown.context["usage"].pages_by_language == [("de", 1), ("en", 2)]

    response = admin_client.post(merge_url(physics), {"target": science.pk})

    assert response.status_code == 302
    assert not Discipline.objects.filter(pk=physics.pk).exists()
    for key in ("live", "german", "only_physics"):
        page = MaterialPage.objects.get(pk=terms[key].pk)
        assert list(page.disciplines.all()) == [science], key
    # The draft, once published, uses the target, not nothing.
    draft = MaterialPage.objects.get(pk=terms["drafted"].pk).get_latest_revision_as_object()
    assert [term.pk for term in draft.disciplines.all()] == [science.pk]
    # Labels: Dutch moved over (the target had none); German dropped (it had one).
    labels = dict(
        Discipline.objects.filter(translation_key=science.translation_key).values_list(
            "locale__language_code", "name"
        )
    )
    assert labels == {
        "en": "Science of tests",
        "de": "Wissenschaft der Tests",
        "nl": "Optica van tests",
    }
    assert not Discipline.objects.filter(translation_key=physics.translation_key).exists()
    moved = Discipline.objects.get(locale__language_code="nl", name="Optica van tests")
    assert moved.slug == science.slug


def test_merging_a_resource_language_moves_files_and_partners_too(admin_client):
    material = factories.full_material(files=1, related=0, reviews=0)
    english = material.files.get().language
    partner = material.partner
    partner.languages.set([english])
    target = factories.resource_language("xx", "Target language")

    response = admin_client.post(merge_url(english), {"target": target.pk})

    assert response.status_code == 302
    assert material.files.get().language_id == target.pk
    assert list(partner.languages.all()) == [target]
    assert target in MaterialPage.objects.get(pk=material.pk).resource_languages.all()
    assert not ResourceLanguage.objects.filter(pk=english.pk).exists()


@pytest.mark.parametrize(
    "data", [{}, {"target": ""}, {"target": "abc"}, {"target": "999999"}], ids=str
)
def test_a_missing_or_unknown_target_is_a_400_and_changes_nothing(admin_client, terms, data):
    physics = terms["physics"]

    response = admin_client.post(merge_url(physics), data)

    assert response.status_code == 400
    assert response.context["form"].errors["target"]
    assert Discipline.objects.filter(pk=physics.pk).exists()
    assert physics in MaterialPage.objects.get(pk=terms["live"].pk).disciplines.all()


def test_merging_a_term_into_itself_is_refused(admin_client, terms):
    physics = terms["physics"]

    response = admin_client.post(merge_url(physics), {"target": physics.pk})

    assert response.status_code == 400
    assert Discipline.objects.filter(pk=physics.pk).exists()


def test_a_translated_label_cannot_be_merged(admin_client, terms):
    label = Discipline.objects.get(name="Optik der Tests")

    response = admin_client.post(merge_url(label), {"target": terms["science"].pk})

    assert response.status_code == 400
    assert "translated label" in response.content.decode()
    assert Discipline.objects.filter(pk=label.pk).exists()


def test_unknown_taxonomies_and_terms_are_404(admin_client, terms):
    assert admin_client.get("/admin/taxonomy/merge/materials/materialpage/1/").status_code == 404
    assert admin_client.get("/admin/taxonomy/merge/materials/discipline/999999/").status_code == 404


def test_the_listing_offers_merge_to_those_who_may(admin_client, terms):
    listing = admin_client.get("/admin/snippets/materials/discipline/").content.decode()
    assert merge_url(terms["physics"]) in listing


# Merging ends in a delete: who may delete terms may merge. The Editors group and
# translators may not; an editor given the delete permission may.
MAY_MERGE = {"admin"}


@pytest.mark.parametrize("role", ROLES)
def test_matrix_merge(client, login, role, terms):
    physics, science = terms["physics"], terms["science"]
    login(role)

    shown = client.get(merge_url(physics))
    response = client.post(merge_url(physics), {"target": science.pk})

    merged = not Discipline.objects.filter(pk=physics.pk).exists()
    if role in MAY_MERGE:
        assert shown.status_code == 200
        assert response.status_code == 302 and merged
    else:
        assert_refused(shown, role)
        assert_refused(response, role)
        assert not merged


def test_an_editor_given_the_delete_permission_may_merge(client, editor, terms):
    editor.user_permissions.add(
        Permission.objects.get(content_type__app_label="materials", codename="delete_discipline")
    )
    client.force_login(editor)

    response = client.post(merge_url(terms["physics"]), {"target": terms["science"].pk})

    assert response.status_code == 302
    assert not Discipline.objects.filter(pk=terms["physics"].pk).exists()
