"""The admin's search of every taxonomy snippet answers on SQLite (and every engine).

Setting `search_fields` on a snippet viewset made modelsearch's SQLite backend look for a
column its full-text table does not have: a 500 on every search (wagtail/django-modelsearch#47).
"""

import pytest

from materials.models import (
    Discipline,
    DiversityDimension,
    Partner,
    QualityCriterion,
    ResourceLanguage,
)
from tests import factories

pytestmark = pytest.mark.django_db

CASES = [
    (Discipline, factories.DisciplineFactory, "name"),
    (DiversityDimension, factories.DiversityDimensionFactory, "name"),
    (QualityCriterion, factories.QualityCriterionFactory, "name"),
    (ResourceLanguage, factories.ResourceLanguageFactory, "name"),
    (Partner, factories.PartnerFactory, "institution"),
]


@pytest.mark.parametrize(("model", "factory", "label"), CASES)
def test_snippet_search_finds_the_term_and_leaves_others_out(admin_client, model, factory, label):
    wanted = factory(**{label: "Xylophonics workshop"})
    other = factory(**{label: "Tidal engineering"})
    url = f"/admin/snippets/materials/{model._meta.model_name}/"

    response = admin_client.get(url, {"q": "xylophonics"})

    assert response.status_code == 200
    listed = list(response.context["object_list"])
    assert wanted in listed
    assert other not in listed


@pytest.mark.parametrize(("model", "factory", "label"), CASES)
def test_snippet_search_with_no_match_is_an_empty_listing(admin_client, model, factory, label):
    factory()
    url = f"/admin/snippets/materials/{model._meta.model_name}/"

    response = admin_client.get(url, {"q": "zzzunfindable"})

    assert response.status_code == 200
    assert list(response.context["object_list"]) == []
