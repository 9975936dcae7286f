"""The scorecard per partner and per language, on materials whose every gap is known; and
its fixed number of queries. Whatever the database already holds (the demo, in a whole-suite
run) is read before the build, so each figure is checked as what the build adds."""

import pytest

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
from translation.dashboard import partner_locales

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
    before = build_scorecard()
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
    # The factories' documents share their bytes, so the build flags its own pairs: replace
    # them with the two this test knows.
    DuplicatePair.objects.filter(first__in=pks_of(described, draft, translated)).delete()
    DuplicatePair.objects.filter(second__in=pks_of(described, draft, translated)).delete()
    DuplicatePair.objects.create(first=described, second=draft, reasons=["title"])
    DuplicatePair.objects.create(
        first=described, second=translated, reasons=["url"], decision="distinct"
    )
    return {
        "described": described.pk,
        "draft": draft.pk,
        "translated": translated.pk,
        "before": before,
        # Partner languages with a locale (de and nl here; all of them when the demo is in).
        "languages": len(partner_locales()[1]),
    }


def pks_of(*pages) -> list[int]:
    return [page.pk for page in pages]


@pytest.fixture(scope="module", autouse=True)
def materials(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker, build) as data:
        yield data


def row(rows, key):
    return next(row for row in rows if row.key == key)


def added(after, before, *names):
    return tuple(getattr(after, name) - getattr(before, name) for name in names)


def test_per_partner(materials):
    languages = materials["languages"]
    assert languages >= 2
    partners = build_scorecard().partners
    alpha, beta = row(partners, "alpha"), row(partners, "beta")
    assert alpha.label == "Alpha centre"
    assert (alpha.materials, alpha.live) == (2, 1)
    assert alpha.missing_alt_text == 1  # the described material's image
    assert alpha.missing_accessibility == 1  # the draft
    assert alpha.unclear_licence == 1  # the draft: all rights reserved, with a file
    assert alpha.broken_links == 1  # the draft's original link answered 404; the other's 200
    assert alpha.pending_duplicates == 2  # both sides of the undecided pair
    # The draft fills what the page factory sets, and its file.
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
    # One live source, no translation into any partner language.
    assert (alpha.translations_expected, alpha.translations_live, alpha.coverage) == (
        languages,
        0,
        0,
    )
    assert alpha.outdated == 0

    assert (beta.materials, beta.live, beta.completeness) == (1, 1, percent(FULL_MATERIAL_FIELDS))
    assert (beta.missing_alt_text, beta.missing_accessibility, beta.unclear_licence) == (0, 1, 0)
    assert beta.broken_links == 0
    assert beta.pending_duplicates == 0  # its pair is decided
    # One live source, translated into German only.
    assert (beta.translations_expected, beta.translations_live) == (languages, 1)
    assert beta.coverage == round(100 / languages)
    assert beta.outdated == 1


def test_the_total_adds_the_partners_up(materials):
    languages, before = materials["languages"], materials["before"].partner_total
    total = build_scorecard().partner_total
    assert added(total, before, "materials", "live", "translations_live") == (3, 2, 1)
    assert total.translations_expected - before.translations_expected == 2 * languages
    assert added(
        total,
        before,
        "missing_alt_text",
        "missing_accessibility",
        "unclear_licence",
        "broken_links",
        "pending_duplicates",
        "outdated",
    ) == (1, 2, 1, 1, 2, 1)
    partners = build_scorecard().partners
    assert total.materials == sum(row.materials for row in partners)


def test_per_language(materials):
    before = {row.key: row for row in materials["before"].languages}
    after = {row.key: row for row in build_scorecard().languages}
    assert list(after)[:1] == ["en"] and {"de", "nl"} <= after.keys()
    english, german, dutch = after["en"], after["de"], after["nl"]
    assert added(english, before["en"], "materials", "live") == (3, 2)
    assert english.coverage is None
    assert added(german, before["de"], "materials", "live") == (1, 1)
    # Two more live sources; one of them translated, and that translation outdated.
    assert added(
        german, before["de"], "translations_expected", "translations_live", "outdated"
    ) == (2, 1, 1)
    # It translates both text fields its source fills.
    assert german.completeness_total - before["de"].completeness_total == pytest.approx(1)
    assert added(dutch, before["nl"], "materials", "translations_expected") == (0, 2)


def test_a_translation_that_drops_a_text_field_is_less_complete(materials):
    source = MaterialPage.objects.get(pk=materials["translated"])
    german = MaterialPage.objects.get(
        translation_key=source.translation_key, locale__language_code="de"
    )
    MaterialPage.objects.filter(pk=german.pk).update(summary="")
    row = {row.key: row for row in build_scorecard().languages}["de"]
    summary, title = WEIGHTS["summary"], WEIGHTS["title"]
    before = {row.key: row for row in materials["before"].languages}["de"]
    assert row.completeness_total - before.completeness_total == pytest.approx(
        title / (title + summary)
    )


def test_the_scorecard_costs_the_same_queries_at_any_size(django_assert_num_queries):
    with django_assert_num_queries(9):
        build_scorecard()
    before = build_scorecard().partner_total.materials
    for _ in range(3):
        full_material(partner=PartnerFactory(), related=0, reviews=0)
    with django_assert_num_queries(9):
        assert build_scorecard().partner_total.materials == before + 3
