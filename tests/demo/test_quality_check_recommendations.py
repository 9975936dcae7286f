"""The demo makes the self-check's recommendations meaningful: for every quality criterion,
in every partner language's tree, at least two materials in that language help."""

import pytest

from django.conf import settings

from materials.models import QualityCriterion, StandardPage
from quality_check.recommendations import help_for
from tests.conftest import DEMO_LANGUAGES

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


@pytest.mark.parametrize("language", DEMO_LANGUAGES)
def test_every_criterion_has_two_helpful_materials_in_each_language(language):
    criteria = list(QualityCriterion.objects.filter(locale__language_code=settings.LANGUAGE_CODE))
    assert len(criteria) == 7
    found = help_for([criterion.pk for criterion in criteria], language)
    for criterion in criteria:
        in_language = [
            item
            for item in found[criterion.pk].materials
            if item.material.locale.language_code == language
        ]
        assert len(in_language) >= 2, (language, criterion.slug)


def test_the_demo_quality_criteria_page_links_to_the_check(client):
    page = StandardPage.objects.get(slug="quality-criteria", locale__language_code="en")
    assert page.links_quality_check
    assert 'href="/en/quality-check/"' in client.get(page.url).content.decode()
