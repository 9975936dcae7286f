"""For each weak criterion the profile recommends what helps: materials rated highly on it in
reviews, materials editors marked as strengthening it, and the catalogue sections listing
them, linked in the visitor's language where that version is live."""

import re

import pytest

from wagtail.models import PageViewRestriction

from materials.models import MaterialPage
from tests import factories
from tests.quality_check.builders import criteria, query

pytestmark = pytest.mark.django_db


def material(title: str, **fields) -> MaterialPage:
    return factories.publish(
        factories.MaterialPageFactory(parent=factories.site_tree().materials, title=title, **fields)
    )


def weak_section(html: str, criterion) -> str:
    """The profile's section on one weak criterion ("" when it is not there)."""
    match = re.search(
        rf'<section class="qc-weak" aria-labelledby="weak-{criterion.slug}">(.*?)</section>',
        html,
        re.S,
    )
    return match.group(1) if match else ""


def profile(client, scores: dict, language: str = "en") -> str:
    response = client.get(f"/{language}/quality-check/?{query(scores)}")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def two_criteria():
    factories.site_tree()
    return criteria(2, languages=("de",))


def test_a_high_review_rating_recommends_the_material_where_that_criterion_is_weak(
    client, two_criteria
):
    x, y = two_criteria
    for_x = material("Good for X")
    for_y = material("Good for Y")
    mediocre = material("Middling on X")
    factories.review_of(for_x, {x: 5, y: 2})
    factories.review_of(for_y, {x: 1, y: 4})
    factories.review_of(mediocre, {x: 3})

    html = profile(client, {x: 1, y: 5})
    assert "Good for X" in weak_section(html, x)
    assert "rated 5 of 5 on this criterion in a review" in weak_section(html, x)
    assert "Good for Y" not in html
    assert "Middling on X" not in html
    assert weak_section(html, y) == ""

    html = profile(client, {x: 4, y: 2})
    assert weak_section(html, x) == ""
    assert "Good for Y" in weak_section(html, y)
    assert "rated 4 of 5" in weak_section(html, y)
    assert "Good for X" not in html


def test_a_draft_review_recommends_nothing(client, two_criteria):
    x, y = two_criteria
    reviewed = material("Reviewed in a draft")
    review = factories.review_of(reviewed, {x: 5})
    review.unpublish()
    html = profile(client, {x: 1, y: 1})
    assert "Reviewed in a draft" not in html
    assert "No material is recommended for this criterion yet." in weak_section(html, x)


def test_materials_editors_marked_as_strengthening_a_criterion_are_recommended(
    client, two_criteria
):
    x, y = two_criteria
    marked = factories.MaterialPageFactory(parent=factories.site_tree().materials, title="Marked X")
    marked.strengthens_criteria = [x]
    factories.publish(marked)
    reviewed = material("Reviewed X")
    factories.review_of(reviewed, {x: 4})

    section = weak_section(profile(client, {x: 2, y: 2}), x)
    assert "chosen by the editors for this criterion" in section
    # Review-rated materials first, then the editors' choice.
    assert section.index("Reviewed X") < section.index("Marked X")
    assert "Marked X" not in weak_section(profile(client, {x: 2, y: 2}), y)


def test_links_go_to_the_visitors_language_or_the_fallback(client, two_criteria):
    x, y = two_criteria
    translated = material("Translated material")
    factories.review_of(translated, {x: 4})
    factories.translate_page(translated, "de", title="Übersetztes Material")
    english_only = material("English only material")
    factories.review_of(english_only, {x: 5})

    section = weak_section(profile(client, {x: 1, y: 5}, "de"), x)
    assert f'<a href="/de/materials/{translated.slug}/">Übersetztes Material</a>' in section
    assert (
        f'<a href="/de/materials/{english_only.slug}/" lang="en">English only material</a>'
        in section
    )
    assert "noch nicht übersetzt" in section
    # The visitor's language first, even before a better-rated untranslated material.
    assert section.index("Übersetztes Material") < section.index("English only material")
    assert "Translated material<" not in section


def test_a_private_material_is_not_recommended(client, two_criteria):
    x, y = two_criteria
    private = material("Private material")
    factories.review_of(private, {x: 5})
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert "Private material" not in profile(client, {x: 1, y: 1})


def test_catalogue_sections_listing_a_recommended_material_are_recommended(client, two_criteria):
    x, y = two_criteria
    helpful = material("Helpful material")
    factories.review_of(helpful, {x: 5})
    other = material("Unrelated material")
    catalogue = factories.full_catalogue(materials=[helpful], title="Diverse classrooms")
    factories.full_catalogue(materials=[other], title="Unrelated catalogue")

    section = weak_section(profile(client, {x: 1, y: 1}), x)
    assert "Catalogue sections that help" in section
    assert f'<a href="/en/catalogues/{catalogue.slug}/">Diverse classrooms</a>' in section
    assert "Start with the whole class" in section
    assert "Unrelated catalogue" not in section
    assert "Catalogue sections that help" not in weak_section(profile(client, {x: 5, y: 1}), y)


def test_the_strengthens_criteria_field_is_copied_to_translations(client, two_criteria):
    x, y = two_criteria
    source = material("Synchronised")
    german = factories.translate_page(source, "de", title="Synchronisiert")
    source.strengthens_criteria = [x, y]
    factories.publish(source)
    german.refresh_from_db()
    assert set(german.strengthens_criteria.all()) == {x, y}


def test_editors_see_the_field_with_its_help_text(admin_client, two_criteria):
    page = material("Edited")
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="strengthens_criteria"' in html
    assert "The quality self-check recommends it to providers" in html
