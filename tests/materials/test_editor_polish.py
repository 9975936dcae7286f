"""Editor polish: file titles, new catalogue sections, partial reviews, autosave on create,
no third-party requests from the admin, and checkbox lists for multi-valued fields."""

import pytest

from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.staticfiles import finders
from django.test import RequestFactory

from materials.blocks import CatalogueSectionBlock
from materials.models import (
    CataloguePage,
    MaterialFile,
    MaterialPage,
    QualityCriterion,
    ReviewPage,
    ReviewRating,
    StandardPage,
)
from materials.wagtail_hooks import warn_about_partial_reviews
from tests import factories

pytestmark = pytest.mark.django_db


# -- a file's title defaults to its document's -------------------------------------------------


def test_an_empty_file_title_becomes_the_documents_title():
    material = factories.full_material(files=0, related=0, reviews=0)
    document = factories.DocumentFactory(title="Teacher guide (PDF)")

    file = MaterialFile(page=material, document=document, title="", locale=material.locale)
    file.full_clean(exclude=["page"])
    assert file.title == "Teacher guide (PDF)"

    saved = MaterialFile.objects.create(
        page=material, document=document, title="  ", locale=material.locale
    )
    assert MaterialFile.objects.get(pk=saved.pk).title == "Teacher guide (PDF)"


def test_a_typed_file_title_is_kept():
    material = factories.full_material(files=0, related=0, reviews=0)
    document = factories.DocumentFactory(title="guide_v3_final.pdf")

    file = MaterialFile.objects.create(
        page=material, document=document, title="Worksheets", locale=material.locale
    )

    assert file.title == "Worksheets"


# -- a new catalogue section starts without an empty entry --------------------------------------


def test_a_new_catalogue_section_has_no_entry():
    assert list(CatalogueSectionBlock().get_default()["materials"]) == []
    section = CataloguePage.sections.field.stream_block.child_blocks["section"]
    assert list(section.get_default()["materials"]) == []


def test_a_section_saved_without_materials_is_valid():
    section = CatalogueSectionBlock()
    value = section.to_python({"heading": "Start here", "guidance": "<p>Try it.</p>"})
    section.clean(value)  # raises ValidationError if an empty entry were required


# -- partial reviews: a warning, and "on n of m criteria" ------------------------------------


def partial_review(rated: int, total: int) -> ReviewPage:
    """A material with one review rating `rated` of `total` existing criteria."""
    material = factories.full_material(files=0, related=0, reviews=1)
    review = ReviewPage.objects.get(reviewed_materials__material=material)
    criteria = [rating.criterion for rating in review.ratings.all()]
    extra = factories.QualityCriterionFactory.create_batch(max(0, total - len(criteria)))
    keep = (criteria + extra)[:rated]
    review.ratings = [
        type(rating)(criterion=criterion, score=4, comment="")
        for rating, criterion in zip(review.ratings.all(), keep, strict=False)
    ]
    return factories.publish(review)


def existing_criteria() -> int:
    return QualityCriterion.objects.filter(locale__language_code="en").count()


def test_the_review_page_says_on_how_many_criteria_its_average_is(client):
    review = partial_review(rated=2, total=0)
    total = existing_criteria()
    assert total > 2

    response = client.get(review.url)

    assert response.status_code == 200
    assert f"Average: 4.0 out of 5, on 2 of {total} criteria" in response.content.decode()


def test_the_material_page_says_it_for_each_review(client):
    review = partial_review(rated=2, total=0)
    material = review.reviewed_materials.get().material
    total = existing_criteria()

    response = client.get(material.url)

    assert f"4.0 out of 5, on 2 of {total} criteria" in response.content.decode()


def warnings_for(page, accept="text/html") -> list[str]:
    request = RequestFactory().post("/admin/", HTTP_ACCEPT=accept)
    request.session = {}
    request._messages = FallbackStorage(request)
    warn_about_partial_reviews(request, page)
    return [str(message) for message in get_messages(request)]


def test_a_review_rating_fewer_criteria_than_exist_is_warned_about():
    review = partial_review(rated=2, total=0)
    total = existing_criteria()

    assert warnings_for(review) == [
        f"This review rates 2 of {total} quality criteria; "
        "its average covers only the criteria it rates."
    ]


def test_a_background_autosave_adds_no_warning():
    review = partial_review(rated=2, total=0)

    assert warnings_for(review, accept="application/json") == []


def test_a_review_rating_every_criterion_gets_no_warning():
    review = partial_review(rated=2, total=0)
    review.ratings = [
        ReviewRating(criterion=criterion, score=4, comment="")
        for criterion in QualityCriterion.objects.filter(locale__language_code="en")
    ]
    review = factories.publish(review)

    assert warnings_for(review) == []
    assert warnings_for(MaterialPage.objects.first()) == []


# -- autosave does not create pages ------------------------------------------------------------


def create_url(parent) -> str:
    return f"/admin/pages/add/materials/standardpage/{parent.pk}/"


CREATE_FORM = {"title": "Guidelines", "slug": "guidelines", "body-count": "0"}


def test_an_autosave_of_a_new_page_creates_nothing_and_says_why(admin_client):
    home = factories.site_tree().home

    response = admin_client.post(create_url(home), CREATE_FORM, HTTP_ACCEPT="application/json")

    assert response.status_code == 400
    assert response.json()["error_code"] == "first_save_required"
    assert not StandardPage.objects.filter(slug="guidelines").exists()


def test_the_editors_own_save_creates_the_page_and_keeps_the_slug_free_before(admin_client):
    home = factories.site_tree().home
    admin_client.post(create_url(home), CREATE_FORM, HTTP_ACCEPT="application/json")

    response = admin_client.post(create_url(home), CREATE_FORM)

    assert response.status_code == 302
    assert StandardPage.objects.get(slug="guidelines").title == "Guidelines"


# -- no third-party requests from the admin ---------------------------------------------------


def test_the_admin_asks_no_third_party_for_avatars_or_updates(admin_client, settings):
    factories.site_tree()
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False

    for url in ("/admin/", "/admin/account/", "/admin/users/"):
        html = admin_client.get(url).content.decode()
        assert "gravatar.com" not in html, url
        assert "releases.wagtail.org" not in html, url
        assert "w-upgrade" not in html, url


def test_with_the_defaults_the_admin_would_ask_them(admin_client, settings):
    """The check above can fail: Wagtail's defaults do send these requests."""
    factories.site_tree()
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = "//www.gravatar.com/avatar"
    settings.WAGTAIL_ENABLE_UPDATE_CHECK = True

    html = admin_client.get("/admin/").content.decode()

    assert "gravatar.com" in html or "w-upgrade" in html


# -- checkboxes with a filter box for multi-valued fields --------------------------------------


@pytest.mark.parametrize(
    ("page_kind", "fields"),
    [
        ("material", ["disciplines", "resource_languages", "diversity_dimensions"]),
        ("catalogue", ["diversity_dimensions"]),
    ],
)
def test_multi_valued_fields_are_filterable_checkbox_lists(admin_client, page_kind, fields):
    material = factories.full_material(files=0, related=0, reviews=0)
    page = material if page_kind == "material" else factories.full_catalogue(materials=[material])

    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()

    assert "js/checkbox-filter.js" in html
    for name in fields:
        assert f'type="checkbox" name="{name}"' in html, name
        assert f'<select name="{name}"' not in html, name
        assert "data-checkbox-filter-input hidden" in html
        assert f'aria-controls="id_{name}"' in html, name


def test_the_filter_script_is_a_static_file():
    assert finders.find("js/checkbox-filter.js")
