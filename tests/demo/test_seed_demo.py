"""seed_demo builds the promised demo content and is idempotent."""

import io

import pytest

from django.core.management import call_command

from wagtail.models import Page

from materials.age_bands import AGE_BANDS
from materials.models import (
    CataloguePage,
    CustomDocument,
    CustomImage,
    Discipline,
    MaterialFile,
    MaterialPage,
    Partner,
    ReviewPage,
)
from tests.conftest import DEMO_LANGUAGES

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": Page.objects.count(),
        "materials": MaterialPage.objects.count(),
        "documents": CustomDocument.objects.count(),
        "images": CustomImage.objects.count(),
        "files": MaterialFile.objects.count(),
        "disciplines": Discipline.objects.count(),
        "partners": Partner.objects.count(),
    }


def test_running_seed_demo_again_creates_nothing():
    before = snapshot()
    output = io.StringIO()
    call_command("seed_demo", stdout=output)
    assert snapshot() == before
    assert "nothing to do" in output.getvalue()


def test_demo_covers_every_discipline_age_band_and_eight_countries():
    materials = MaterialPage.objects.filter(locale__language_code="en")
    assert materials.count() >= 40
    disciplines = Discipline.objects.filter(locale__language_code="en")
    for discipline in disciplines:
        assert materials.filter(disciplines=discipline).exists(), discipline
    bands = {band.key for material in materials for band in material.age_bands}
    assert bands == {band.key for band in AGE_BANDS}
    assert len(set(materials.values_list("country", flat=True))) >= 8
    assert CataloguePage.objects.filter(locale__language_code="en").count() >= 2
    assert ReviewPage.objects.filter(locale__language_code="en").count() >= 3


def test_every_english_material_has_a_real_file():
    for material in MaterialPage.objects.filter(locale__language_code="en"):
        files = list(material.files.all())
        assert files, material
        for file in files:
            with file.document.open_file() as handle:
                assert handle.read(5) == b"%PDF-"


@pytest.mark.parametrize("language", [code for code in DEMO_LANGUAGES if code != "en"])
def test_each_language_has_translated_materials_a_catalogue_and_a_review(language):
    assert MaterialPage.objects.live().filter(locale__language_code=language).count() >= 10
    assert CataloguePage.objects.live().filter(locale__language_code=language).count() >= 1
    assert ReviewPage.objects.live().filter(locale__language_code=language).count() >= 1
    assert Discipline.objects.filter(locale__language_code=language).count() == (
        Discipline.objects.filter(locale__language_code="en").count()
    )


@pytest.mark.parametrize("language", [code for code in DEMO_LANGUAGES if code != "en"])
def test_translations_point_at_the_canonical_terms(language):
    for material in MaterialPage.objects.filter(locale__language_code=language):
        source = MaterialPage.objects.get(
            translation_key=material.translation_key, locale__language_code="en"
        )
        assert set(material.disciplines.values_list("pk", flat=True)) == set(
            source.disciplines.values_list("pk", flat=True)
        )
        assert all(term.locale.language_code == "en" for term in material.disciplines.all())
        assert material.partner_id == source.partner_id
