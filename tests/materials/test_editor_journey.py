"""An editor adds a material through the admin form, previews it and publishes it."""

import pytest

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from materials.models import MaterialPage
from tests.factories import DisciplineFactory, PartnerFactory, resource_language

pytestmark = pytest.mark.django_db


def material_form(**overrides):
    data = {
        "title": "Graphing motion with a toy car",
        "slug": "graphing-motion-with-a-toy-car",
        "summary": "Pupils record a toy car's motion and turn it into distance-time graphs.",
        "commentary": streamfield(
            [("tip", {"heading": "Start flat", "text": "Use a level table first."})]
        ),
        "age_min": 11,
        "age_max": 14,
        "country": "AT",
        "resource_type": "teaching-unit",
        "audience": "in-service",
        "licence": "cc-by",
        "partner": PartnerFactory().pk,
        "files": inline_formset([]),
        "related_materials": inline_formset([]),
        "comments": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(overrides)
    form = nested_form_data(data)
    # Many-to-many choices are posted as repeated values, which nested_form_data would flatten.
    form["disciplines"] = [DisciplineFactory(name="Physics").pk]
    form["resource_languages"] = [resource_language("de", "German").pk]
    return form


def test_editor_publishes_a_material(admin_client, material_index):
    url = f"/admin/pages/add/materials/materialpage/{material_index.pk}/"
    response = admin_client.post(url, material_form())
    assert response.status_code == 302, response.context["form"].errors
    material = MaterialPage.objects.get(slug="graphing-motion-with-a-toy-car")
    assert material.live
    assert material.get_parent().pk == material_index.pk
    assert [band.key for band in material.age_bands] == ["10-12", "12-15"]
    public = admin_client.get(material.url)
    assert public.status_code == 200
    assert b"Start flat" in public.content


def test_editor_gets_clear_errors_and_nothing_is_saved(admin_client, material_index):
    url = f"/admin/pages/add/materials/materialpage/{material_index.pk}/"
    response = admin_client.post(url, material_form(age_min=15, age_max=12, summary="x" * 301))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "summary" in errors and "age_max" in errors
    assert not MaterialPage.objects.filter(slug="graphing-motion-with-a-toy-car").exists()


def test_editor_previews_an_unsaved_material(admin_client, material_index):
    url = f"/admin/pages/add/materials/materialpage/{material_index.pk}/preview/"
    data = material_form()
    assert admin_client.post(url, data).json()["is_valid"] is True
    preview = admin_client.get(url)
    assert preview.status_code == 200
    assert b"Graphing motion with a toy car" in preview.content
