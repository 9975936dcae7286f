"""A material page shows everything a teacher needs."""

from html import unescape

import pytest

from django.core.exceptions import ValidationError

from materials.models import ReviewedMaterial, ReviewPage
from tests import factories
from tests.factories import MaterialPageFactory, full_material

pytestmark = pytest.mark.django_db


@pytest.fixture
def material(material_index):
    return full_material(
        material_index,
        files=2,
        related=2,
        disciplines=2,
        reviews=2,
        title="Density lab for mixed classes",
        summary="An inquiry lab on density for pupils aged 10 to 14.",
        age_min=10,
        age_max=14,
        country="CZ",
        resource_type="simulation",
        audience="school-leaders",
        licence="cc-by-nc-sa",
        original_url="https://partner.example.org/density",
        authors="J. Novak, E. Svobodova",
        year=2021,
        duration_hours=4.5,
        commentary=[
            {"type": "text", "value": "<p>Why this lab works in diverse classes.</p>"},
            {"type": "quote", "value": {"text": "They loved it.", "attribution": "a teacher"}},
            {"type": "tip", "value": {"heading": "Start small", "text": "Use two liquids."}},
            {
                "type": "activity",
                "value": {
                    "title": "Predict and test",
                    "duration_minutes": 60,
                    "goal": "Teachers plan a density lesson.",
                    "steps": ["Predict", "Test"],
                },
            },
        ],
    )


def test_material_page_renders_every_field(client, material):
    response = client.get(material.url)
    assert response.status_code == 200
    html = unescape(response.content.decode())
    page = material
    expected = [
        "Density lab for mixed classes",
        "An inquiry lab on density for pupils aged 10 to 14.",
        "Why this lab works in diverse classes.",
        "They loved it.",
        "Start small",
        "Predict and test",
        "10–14 years",
        "10–12",
        "12–15 (lower secondary)",
        "Czechia",
        "English",
        "Interactive simulation",
        "School leaders",
        'href="https://creativecommons.org/licenses/by-nc-sa/4.0/" rel="license">CC BY-NC-SA 4.0',
        page.partner.institution,
        "J. Novak, E. Svobodova",
        "2021",
        "4.5 hours",
        'href="https://partner.example.org/density"',
        "Average rating 4.0 out of 5 from 2 reviews.",
    ]
    for text in expected:
        assert text in html, text
    for discipline in page.disciplines.all():
        assert discipline.name in html
    for dimension in page.diversity_dimensions.all():
        assert dimension.name in html
    for file in page.files.all():
        assert f'href="{page.url}files/{file.document_id}/{file.document.filename}"' in html
        assert file.title in html
    assert "PDF, 18\xa0bytes, English" in html
    for link in page.related_materials.all():
        assert f'href="{link.material.url}"' in html


def test_material_without_files_or_reviews_says_so(client, material_index):
    material = full_material(material_index, files=0, related=0, reviews=0)
    html = unescape(client.get(material.url).content.decode())
    assert "no files to download here" in html
    assert "No review covers this material yet." in html


def test_adult_materials_say_adult_learners(client, material_index):
    material = full_material(material_index, age_min=19, age_max=99, reviews=0)
    html = unescape(client.get(material.url).content.decode())
    assert "Adult learners" in html
    assert "19–99" not in html


def test_age_range_must_be_ordered(material_index):
    material = MaterialPageFactory.build(age_min=12, age_max=10)
    with pytest.raises(ValidationError) as error:
        material.clean()
    assert "age_max" in error.value.message_dict


def test_unpublished_reviews_are_not_listed(client, material):
    review = ReviewPage.objects.filter(reviewed_materials__material=material).first()
    review.unpublish()
    html = unescape(client.get(material.url).content.decode())
    assert review.title not in html
    assert "from 1 review." in html


def test_reviews_naming_any_language_version_show_once_in_the_visitors_language(
    client, material_index
):
    material = full_material(material_index, reviews=1)
    review = ReviewPage.objects.get(reviewed_materials__material=material)
    factories.translate_page(review, "de", title="Rezension des Materials")
    other_review = ReviewPage.objects.get(
        reviewed_materials__material=full_material(material_index, reviews=1)
    )
    draft = factories.ReviewPageFactory(parent=review.get_parent(), title="Draft review")
    draft.reviewed_materials = [ReviewedMaterial(material=material)]
    draft.save_revision()
    german = factories.translate_page(material, "de")

    html = unescape(client.get(german.url).content.decode())
    assert "Rezension des Materials" in html
    assert review.title not in html
    assert other_review.title not in html and "Draft review" not in html
    english = unescape(client.get(material.url).content.decode())
    assert review.title in english and "Rezension des Materials" not in english
