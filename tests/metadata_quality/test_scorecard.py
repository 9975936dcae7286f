"""The scorecard per partner and per language, on materials whose every gap is known; and
its fixed number of queries."""

import pytest

from wagtail.models import Locale

from duplicates.models import DuplicatePair
from link_check.models import CheckedLink, LinkUse
from materials.models import MaterialFile, MaterialPage
from metadata_quality.scorecard import build_scorecard
from metadata_quality.weights import SCORED_FIELDS
from tests.conftest import shared_data
from tests.factories import (
    DocumentFactory,
    MaterialPageFactory,
    PartnerFactory,
    full_material,
    locale,
    publish,
    site_tree,
    translate_page,
)

pytestmark = pytest.mark.django_db

WEIGHTS = {field.key: field.weight for field in SCORED_FIELDS}
TOTAL_WEIGHT = sum(WEIGHTS.values())
# What `full_material` fills (with no reviews and no related materials asked for).
FULL_MATERIAL_FIELDS = (
    "title",
    "summary",
    "disciplines",
    "ages",
    "country",
    "resource_languages",
    "resource_type",
    "audience",
    "diversity_dimensions",
    "licence",
    "partner",
    "files",
)
ACCESSIBLE = {
    "access_modes": ["textual", "visual"],
    "accessibility_features": ["transcript"],
    "accessibility_hazards": ["none"],
}
UNDESCRIBED_IMAGE = {"type": "image", "value": {"image": None, "alt_text": "", "decorative": False}}


def percent(fields) -> int:
    return round(100 * sum(WEIGHTS[key] for key in fields) / TOTAL_WEIGHT)


def build():
    site_tree()
    for code in ("de", "nl"):
        locale(code)
    alpha = PartnerFactory(institution="Alpha centre", slug="alpha")
    beta = PartnerFactory(institution="Beta centre", slug="beta")
    described = full_material(partner=alpha, related=0, reviews=0, **ACCESSIBLE)
    MaterialPage.objects.filter(pk=described.pk).update(
        commentary=[UNDESCRIBED_IMAGE], keywords="light; optics"
    )
    draft = MaterialPageFactory(
        parent=site_tree().materials, partner=alpha, licence="all-rights-reserved", live=False
    )
    MaterialFile.objects.create(page=draft, title="Slides", document=DocumentFactory())
    dead = CheckedLink.objects.create(
        url="https://gone.example.org/",
        normalised_url="https://gone.example.org/",
        host="gone.example.org",
        status_code=404,
        consecutive_failures=1,
    )
    LinkUse.objects.create(link=dead, page=draft, field=LinkUse.Field.ORIGINAL_URL, partner=alpha)
    fine = CheckedLink.objects.create(
        url="https://fine.example.org/",
        normalised_url="https://fine.example.org/",
        host="fine.example.org",
        status_code=200,
    )
    LinkUse.objects.create(
        link=fine, page=described, field=LinkUse.Field.ORIGINAL_URL, partner=alpha
    )
    translated = full_material(partner=beta, related=0, reviews=0)
    translate_page(translated, "de", title="Licht")
    publish(translated)  # the source changes after its translation: outdated
    DuplicatePair.objects.all().delete()  # whatever the factories' identical files flagged
    DuplicatePair.objects.create(first=described, second=draft, reasons=["title"])
    DuplicatePair.objects.create(
        first=described, second=translated, reasons=["url"], decision="distinct"
    )
    return {"described": described.pk, "draft": draft.pk, "translated": translated.pk}


@pytest.fixture(scope="module", autouse=True)
def materials(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker, build) as pks:
        yield pks


def test_the_test_site_has_three_partner_locales():
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == ["de", "en", "nl"]


def test_per_partner():
    scorecard = build_scorecard()
    alpha, beta = scorecard.partners
    assert (alpha.key, alpha.label, beta.key) == ("alpha", "Alpha centre", "beta")

    assert (alpha.materials, alpha.live) == (2, 1)
    assert alpha.missing_alt_text == 1  # the described material's image
    assert alpha.missing_accessibility == 1  # the draft
    assert alpha.unclear_licence == 1  # the draft: all rights reserved, with a file
    assert alpha.broken_links == 1  # the draft's original link answered 404; the other's 200
    assert alpha.pending_duplicates == 2  # both sides of the undecided pair
    # The draft fills what the page factory sets, minus the year and the files' absence.
    draft_fields = (
        "title",
        "summary",
        "ages",
        "country",
        "resource_type",
        "audience",
        "licence",
        "partner",
        "files",
    )
    described_fields = FULL_MATERIAL_FIELDS + ("keywords", "commentary", *ACCESSIBLE)
    described_share = sum(WEIGHTS[k] for k in described_fields) / TOTAL_WEIGHT
    draft_share = sum(WEIGHTS[k] for k in draft_fields) / TOTAL_WEIGHT
    assert alpha.completeness == round(100 * (described_share + draft_share) / 2)
    # One live source, two partner languages, no translation.
    assert (alpha.translations_expected, alpha.translations_live, alpha.coverage) == (2, 0, 0)
    assert alpha.outdated == 0

    assert (beta.materials, beta.live, beta.completeness) == (1, 1, percent(FULL_MATERIAL_FIELDS))
    assert (beta.missing_alt_text, beta.missing_accessibility, beta.unclear_licence) == (0, 1, 0)
    assert beta.broken_links == 0
    assert beta.pending_duplicates == 0  # its pair is decided
    assert (beta.translations_expected, beta.translations_live, beta.coverage) == (2, 1, 50)
    assert beta.outdated == 1


def test_the_total_adds_the_partners_up():
    total = build_scorecard().partner_total
    assert (total.materials, total.live, total.translations_expected, total.translations_live) == (
        3,
        2,
        4,
        1,
    )
    assert (
        total.missing_alt_text,
        total.missing_accessibility,
        total.unclear_licence,
        total.outdated,
    ) == (1, 2, 1, 1)
    assert total.coverage == 25


def test_per_language():
    english, german, dutch = build_scorecard().languages
    assert [row.key for row in (english, german, dutch)] == ["en", "de", "nl"]
    assert (english.materials, english.live, english.coverage) == (3, 2, None)
    assert (german.materials, german.live) == (1, 1)
    # Two live sources; one is translated, and that translation is outdated.
    assert (
        german.translations_expected,
        german.translations_live,
        german.coverage,
        german.outdated,
    ) == (2, 1, 50, 1)
    assert german.completeness == 100  # it translates both text fields its source fills
    assert (dutch.materials, dutch.live, dutch.coverage, dutch.completeness) == (0, 0, 0, None)


def test_a_translation_that_drops_a_text_field_is_less_complete(materials):
    german = MaterialPage.objects.get(
        translation_key=MaterialPage.objects.get(pk=materials["translated"]).translation_key,
        locale__language_code="de",
    )
    MaterialPage.objects.filter(pk=german.pk).update(summary="")
    row = build_scorecard().languages[1]
    summary, title = WEIGHTS["summary"], WEIGHTS["title"]
    assert row.completeness == round(100 * title / (title + summary))


def test_the_scorecard_costs_the_same_queries_at_any_size(django_assert_num_queries):
    with django_assert_num_queries(9):
        build_scorecard()
    for _ in range(3):
        full_material(partner=PartnerFactory(), related=0, reviews=0)
    with django_assert_num_queries(9):
        assert build_scorecard().partner_total.materials == 6
