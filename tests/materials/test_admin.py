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

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [HomePage, MaterialPage, CataloguePage, ReviewPage, StandardPage])
@pytest.mark.parametrize("language", ["en", "de"])
def test_edit_view_opens_for_every_page_type(admin_client, model, language):
    page = model.objects.filter(locale__language_code=language).first()
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "model", [Discipline, ResourceLanguage, DiversityDimension, QualityCriterion, Partner]
)
def test_taxonomy_snippets_are_listed_and_editable(admin_client, model):
    snippet = model._meta.model_name
    listing = admin_client.get(f"/admin/snippets/materials/{snippet}/")
    assert listing.status_code == 200
    term = model.objects.filter(locale__language_code="en").first()
    label = getattr(term, "name", None) or term.institution
    assert label in unescape(listing.content.decode())
    assert (
        admin_client.get(f"/admin/snippets/materials/{snippet}/edit/{term.pk}/").status_code == 200
    )


def test_material_form_offers_only_canonical_terms(admin_client):
    material = MaterialPage.objects.filter(locale__language_code="en").first()
    response = admin_client.get(f"/admin/pages/{material.pk}/edit/")
    choices = response.context["form"].fields["disciplines"].queryset
    assert set(choices) == set(Discipline.objects.filter(locale__language_code="en"))
    assert Discipline.objects.exclude(locale__language_code="en").exists()


def test_summary_longer_than_300_characters_is_refused(admin_client):
    material = MaterialPage.objects.filter(locale__language_code="en").first()
    form = admin_client.get(f"/admin/pages/{material.pk}/edit/").context["form"]
    field = form.fields["summary"]
    with pytest.raises(ValidationError):
        field.clean("x" * 301)
    assert field.clean("x" * 300) == "x" * 300
    material.summary = "x" * 301
    with pytest.raises(ValidationError) as error:
        material.full_clean()
    assert "summary" in error.value.message_dict
