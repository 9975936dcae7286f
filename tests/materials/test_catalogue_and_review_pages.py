"""Catalogue and review pages render their sections and ratings."""

from html import unescape

import pytest

from materials.models import ReviewPage
from tests.factories import full_catalogue, full_material

pytestmark = pytest.mark.django_db


@pytest.fixture
def review():
    material = full_material(reviews=1, files=0, related=0)
    return ReviewPage.objects.get(reviewed_materials__material=material)


def test_catalogue_renders_sections_guidance_materials_and_notes(client):
    materials = [full_material(reviews=0, related=0), full_material(reviews=0, related=0)]
    catalogue = full_catalogue(materials=materials, title="Physics for every pupil")
    html = unescape(client.get(catalogue.url).content.decode())
    assert catalogue.title in html
    for dimension in catalogue.diversity_dimensions.all():
        assert dimension.name in html
    assert len(catalogue.sections) == 1
    assert [entry["material"] for entry in catalogue.sections[0].value["materials"]] == materials
    for section in catalogue.sections:
        assert section.value["heading"] in html
        assert unescape(str(section.value["guidance"]))[:40] in html
        for entry in section.value["materials"]:
            assert f'href="{entry["material"].url}"' in html
            assert entry["note"][:40] in html


def test_review_renders_ratings_average_and_reviewed_materials(client, review):
    html = unescape(client.get(review.url).content.decode())
    assert review.title in html and review.reviewer in html and review.verdict in html
    ratings = list(review.ratings.all())
    assert [rating.score for rating in ratings] == [3, 4, 5]
    for rating in ratings:
        assert rating.criterion.name in html
        assert f"{rating.score}/5" in html
    average = sum(r.score for r in ratings) / len(ratings)
    assert f"Average: {average:.1f} out of 5" in html
    assert "Average: 4.0 out of 5" in html
    for link in review.reviewed_materials.all():
        assert f'href="{link.material.url}"' in html


def test_reviewed_material_lists_the_review(client, review):
    material = review.reviewed_materials.first().material
    html = unescape(client.get(material.url).content.decode())
    assert f'href="{review.url}"' in html
    assert "Average rating" in html
