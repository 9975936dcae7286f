"""Editors cannot put a page in the wrong place: parent/child rules, model and admin."""

import pytest

from wagtail.models import Page

from materials.models import (
    CatalogueIndexPage,
    CataloguePage,
    HomePage,
    MaterialIndexPage,
    MaterialPage,
    ReviewIndexPage,
    ReviewPage,
    StandardPage,
)
from tests import factories

ALL_TYPES = [
    HomePage,
    MaterialIndexPage,
    MaterialPage,
    CatalogueIndexPage,
    CataloguePage,
    ReviewIndexPage,
    ReviewPage,
    StandardPage,
]
ALLOWED_PARENTS = {
    HomePage: {Page},
    MaterialIndexPage: {HomePage},
    MaterialPage: {MaterialIndexPage},
    CatalogueIndexPage: {HomePage},
    CataloguePage: {CatalogueIndexPage},
    ReviewIndexPage: {HomePage},
    ReviewPage: {ReviewIndexPage},
    StandardPage: {HomePage, StandardPage},
}


@pytest.mark.parametrize("page_type", ALL_TYPES, ids=lambda model: model.__name__)
def test_allowed_parents(page_type):
    assert set(page_type.allowed_parent_page_models()) == ALLOWED_PARENTS[page_type]


@pytest.mark.parametrize("page_type", ALL_TYPES, ids=lambda model: model.__name__)
def test_page_type_can_only_be_created_under_its_parents(page_type, db):
    tree = factories.site_tree()
    material = factories.full_material(tree.materials, files=0, related=0, reviews=1)
    en_pages = [
        Page.get_first_root_node(),
        tree.home,
        tree.materials,
        material,
        tree.catalogues,
        factories.full_catalogue(tree.catalogues, materials=[material]),
        tree.reviews,
        ReviewPage.objects.get(reviewed_materials__material=material),
        factories.publish(factories.StandardPageFactory(parent=tree.home)),
    ]
    assert [type(page.specific) for page in en_pages[1:]] == ALL_TYPES
    for parent in en_pages:
        allowed = type(parent.specific) in ALLOWED_PARENTS[page_type]
        if allowed and page_type.max_count_per_parent:
            # Each index exists once per home page already.
            allowed = parent.get_children().type(page_type).count() < 1
        assert page_type.can_create_at(parent.specific) is allowed, (page_type, parent)


def test_admin_refuses_a_material_under_the_home_page(admin_client, home):
    url = f"/admin/pages/add/materials/materialpage/{home.pk}/"
    response = admin_client.get(url)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    response = admin_client.post(url, {"title": "Misplaced", "slug": "misplaced"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not Page.objects.filter(slug="misplaced").exists()


def test_admin_offers_only_material_pages_under_the_material_index(admin_client, material_index):
    response = admin_client.get(f"/admin/pages/{material_index.pk}/add_subpage/")
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        # A single allowed type: Wagtail goes straight to its form.
        assert "/add/materials/materialpage/" in response["Location"]
    else:
        assert b"materialpage" in response.content
        assert b"cataloguepage" not in response.content


def test_admin_creates_a_material_with_the_form(admin_client, material_index):
    response = admin_client.get(f"/admin/pages/add/materials/materialpage/{material_index.pk}/")
    assert response.status_code == 200
    for label in (b"Summary", b"Disciplines", b"Youngest pupils", b"Licence", b"Files"):
        assert label in response.content
