"""seed_demo builds the promised demo content and is idempotent.

The session seeds the demo once (these tests carry the `demo` marker, see conftest.py): the
tests compare what it built with the content files in demo/content, and run it again.
"""

import io
import json

import pytest

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation

from demo.content import DemoContent
from demo.seed import DEMO_ADMIN_USERNAME
from materials.age_bands import AGE_BANDS
from materials.models import (
    CatalogueIndexPage,
    CataloguePage,
    CustomDocument,
    CustomImage,
    Discipline,
    DiversityDimension,
    HomePage,
    MaterialFile,
    MaterialIndexPage,
    MaterialPage,
    Partner,
    QualityCriterion,
    ResourceLanguage,
    ReviewIndexPage,
    ReviewPage,
    StandardPage,
)
from tests.conftest import DEMO_LANGUAGES
from tests.factories import DisciplineFactory

pytestmark = pytest.mark.django_db

CONTENT = DemoContent()
TERM_MODELS = {
    "disciplines": Discipline,
    "diversity_dimensions": DiversityDimension,
    "quality_criteria": QualityCriterion,
}


def snapshot():
    """Every count seed_demo adds to, per language where it translates."""
    counts = {
        "locales": Locale.objects.count(),
        "pages": Page.objects.count(),
        "materials": MaterialPage.objects.count(),
        "documents": CustomDocument.objects.count(),
        "images": CustomImage.objects.count(),
        "files": MaterialFile.objects.count(),
        "disciplines": Discipline.objects.count(),
        "resource languages": ResourceLanguage.objects.count(),
        "partners": Partner.objects.count(),
        "translations": Translation.objects.count(),
        "users": get_user_model().objects.count(),
        "sites": Site.objects.count(),
    }
    for locale in Locale.objects.all():
        counts[f"pages ({locale.language_code})"] = Page.objects.filter(locale=locale).count()
    return counts


def english(model):
    return model.objects.filter(locale__language_code=settings.LANGUAGE_CODE)


def test_running_seed_demo_again_creates_nothing():
    before = snapshot()
    output = io.StringIO()
    call_command("seed_demo", stdout=output)
    assert snapshot() == before
    assert "Demo content already present; nothing to do." in output.getvalue()
    assert f"user {DEMO_ADMIN_USERNAME!r}" in output.getvalue()


def test_every_site_language_is_a_locale():
    codes = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
    assert set(DEMO_LANGUAGES) <= codes
    assert set(Locale.objects.values_list("language_code", flat=True)) >= codes


def test_every_term_and_partner_of_the_content_files_exists_once():
    for key, model in TERM_MODELS.items():
        slugs = [term["slug"] for term in CONTENT.taxonomy[key]]
        assert sorted(english(model).values_list("slug", flat=True)) == sorted(slugs), key
    codes = [language["code"] for language in CONTENT.taxonomy["resource_languages"]]
    assert sorted(english(ResourceLanguage).values_list("code", flat=True)) == sorted(codes)
    partners = {entry["slug"]: entry for entry in CONTENT.partners}
    assert sorted(english(Partner).values_list("slug", flat=True)) == sorted(partners)
    for partner in english(Partner):
        entry = partners[partner.slug]
        assert partner.institution == entry["institution"]
        assert partner.country.code == entry["country"]
        assert sorted(partner.languages.values_list("code", flat=True)) == sorted(
            entry["languages"]
        )


def test_every_page_of_the_content_files_exists_in_the_source_tree():
    home = english(HomePage).get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert home.title == CONTENT.pages["home"]["title"]
    for model in (MaterialIndexPage, CatalogueIndexPage, ReviewIndexPage):
        assert model.objects.child_of(home).live().count() == 1
    standard = [entry["slug"] for entry in CONTENT.pages["standard_pages"]]
    assert sorted(StandardPage.objects.child_of(home).values_list("slug", flat=True)) == sorted(
        standard
    )
    for model, entries in (
        (MaterialPage, CONTENT.materials),
        (CataloguePage, CONTENT.catalogues),
        (ReviewPage, CONTENT.reviews),
    ):
        pages = english(model).live()
        assert sorted(pages.values_list("slug", flat=True)) == sorted(e["slug"] for e in entries)
    assert get_user_model().objects.get(username=DEMO_ADMIN_USERNAME).is_superuser


@pytest.mark.parametrize("language", CONTENT.translation_languages())
def test_each_page_its_translation_memory_lists_is_translated_and_live(language):
    memory = CONTENT.translations(language)
    for slug in memory["pages"]:
        lookup = {"depth": 2} if slug == "home" else {"slug": slug}
        source = english(Page).get(**lookup)
        translation = Page.objects.get(
            translation_key=source.translation_key, locale__language_code=language
        )
        assert translation.live, (language, slug)
        assert Translation.objects.filter(
            source__object_id=source.translation_key, target_locale=translation.locale
        ).exists(), (language, slug)
    for model in (*TERM_MODELS.values(), ResourceLanguage, Partner):
        assert model.objects.filter(locale__language_code=language).count() == (
            english(model).count()
        ), (language, model)


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


def missing_translations(language: str) -> dict:
    output = io.StringIO()
    call_command("seed_demo", missing_translations=language, stdout=output, stderr=io.StringIO())
    return json.loads(output.getvalue())


@pytest.mark.parametrize("language", CONTENT.translation_languages())
def test_missing_translations_is_empty_for_a_complete_memory_and_changes_nothing(language):
    before = snapshot()
    assert missing_translations(language) == {}
    assert snapshot() == before


def test_missing_translations_lists_a_new_source_string_as_a_template():
    DisciplineFactory(name="Astrobiology for beginners")
    assert missing_translations("de") == {"Astrobiology for beginners": ""}


def test_missing_translations_for_a_language_without_a_memory_is_a_clear_error():
    with pytest.raises(CommandError, match=r"translations/xx\.json"):
        call_command("seed_demo", missing_translations="xx", stdout=io.StringIO())
