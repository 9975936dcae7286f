"""Editors' screens: every page type and snippet opens in the admin, with canonical terms only."""

from html import unescape

import pytest

from django.core.exceptions import ValidationError

from materials.models import (
    CataloguePage,
    Discipline,
    DiversityDimension,
    HomePage,
    MaterialPage,
    Partner,
    QualityCriterion,
    ResourceLanguage,
    ReviewPage,
    StandardPage,
)
from tests import factories

pytestmark = pytest.mark.django_db


def build_page(model):
    """A published English page of `model`, in its place in a new (or the existing) site."""
    tree = factories.site_tree()
    if model is HomePage:
        return tree.home
    if model is MaterialPage:
        return factories.full_material(tree.materials, files=1, related=0, reviews=0)
    if model is CataloguePage:
        return factories.full_catalogue(tree.catalogues)
    if model is ReviewPage:
        material = factories.full_material(tree.materials, files=0, related=0, reviews=1)
        return ReviewPage.objects.get(reviewed_materials__material=material)
    return factories.publish(factories.StandardPageFactory(parent=tree.home))


TERM_FACTORIES = {
    Discipline: factories.DisciplineFactory,
    ResourceLanguage: factories.ResourceLanguageFactory,
    DiversityDimension: factories.DiversityDimensionFactory,
    QualityCriterion: factories.QualityCriterionFactory,
    Partner: factories.PartnerFactory,
}


def listed_labels(admin_client, url: str) -> str:
    """The text of every page of a paginated admin listing (other terms may fill the first)."""
    text, number = "", 1
    while True:
        response = admin_client.get(url, {"p": number})
        assert response.status_code == 200
        text += unescape(response.content.decode())
        if not response.context["page_obj"].has_next():
            return text
        number += 1


@pytest.mark.parametrize("model", [HomePage, MaterialPage, CataloguePage, ReviewPage, StandardPage])
@pytest.mark.parametrize("language", ["en", "de"])
def test_edit_view_opens_for_every_page_type(admin_client, model, language):
    page = build_page(model)
    if language != "en":
        page = factories.translate_page(page, language)
    assert page.locale.language_code == language
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "model", [Discipline, ResourceLanguage, DiversityDimension, QualityCriterion, Partner]
)
def test_taxonomy_snippets_are_listed_and_editable(admin_client, model):
    snippet = model._meta.model_name
    term = TERM_FACTORIES[model]()
    label = getattr(term, "name", None) or term.institution
    assert label in listed_labels(admin_client, f"/admin/snippets/materials/{snippet}/")
    assert (
        admin_client.get(f"/admin/snippets/materials/{snippet}/edit/{term.pk}/").status_code == 200
    )


def test_material_form_offers_only_canonical_terms(admin_client):
    material = build_page(MaterialPage)
    factories.translate_term(material.disciplines.first(), "de", name="Fach")
    response = admin_client.get(f"/admin/pages/{material.pk}/edit/")
    choices = response.context["form"].fields["disciplines"].queryset
    assert set(choices) == set(Discipline.objects.filter(locale__language_code="en"))
    assert set(material.disciplines.all()) <= set(choices)
    assert Discipline.objects.exclude(locale__language_code="en").exists()


def test_summary_longer_than_300_characters_is_refused(admin_client):
    material = build_page(MaterialPage)
    form = admin_client.get(f"/admin/pages/{material.pk}/edit/").context["form"]
    field = form.fields["summary"]
    with pytest.raises(ValidationError):
        field.clean("x" * 301)
    assert field.clean("x" * 300) == "x" * 300
    material.summary = "x" * 301
    with pytest.raises(ValidationError) as error:
        material.full_clean()
    assert "summary" in error.value.message_dict
