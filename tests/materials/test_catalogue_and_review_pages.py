"""Catalogue and review pages render their sections and ratings."""

from html import unescape

import pytest

from materials.models import CataloguePage, ReviewPage

pytestmark = pytest.mark.django_db


def test_catalogue_renders_sections_guidance_materials_and_notes(client):
    catalogue = CataloguePage.objects.live().filter(locale__language_code="en").first()
    html = unescape(client.get(catalogue.url).content.decode())
    assert catalogue.title in html
    for dimension in catalogue.diversity_dimensions.all():
        assert dimension.name in html
    assert catalogue.sections, "the demo catalogue has sections"
    for section in catalogue.sections:
        assert section.value["heading"] in html
        assert unescape(str(section.value["guidance"]))[:40] in html
        for entry in section.value["materials"]:
            assert f'href="{entry["material"].url}"' in html
            assert entry["note"][:40] in html


def test_review_renders_ratings_average_and_reviewed_materials(client):
    review = ReviewPage.objects.live().filter(locale__language_code="en", kind="material").first()
    html = unescape(client.get(review.url).content.decode())
    assert review.title in html and review.reviewer in html and review.verdict in html
    ratings = list(review.ratings.all())
    assert ratings
    for rating in ratings:
        assert rating.criterion.name in html
        assert f"{rating.score}/5" in html
    average = sum(r.score for r in ratings) / len(ratings)
    assert f"Average: {average:.1f} out of 5" in html
    for link in review.reviewed_materials.all():
        assert f'href="{link.material.url}"' in html


def test_reviewed_material_lists_the_review(client):
    review = ReviewPage.objects.live().filter(locale__language_code="en", kind="material").first()
    material = review.reviewed_materials.first().material
    html = unescape(client.get(material.url).content.decode())
    assert f'href="{review.url}"' in html
    assert "Average rating" in html
