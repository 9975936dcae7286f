"""A material whose original link has failed at every check for four weeks says so on its
page, in the visitor's language, and still serves its hosted files."""

from datetime import timedelta

import pytest

from django.utils import timezone

from link_check.models import CheckedLink
from link_check.run import run_check
from materials.models import MaterialPage
from tests import factories
from tests.factories import full_material, site_tree
from tests.materials.test_query_counts import MAX_QUERIES, count_queries, detail_pages

pytestmark = pytest.mark.django_db

NOTICES = {
    "en": "The original website of this material has not answered since",
    "de": "Die ursprüngliche Website dieses Materials antwortet seit",
    "nl": "De oorspronkelijke website van dit materiaal reageert sinds",
    "cs": "Původní web tohoto materiálu neodpovídá od",
    "el": "Ο αρχικός ιστότοπος αυτού του υλικού δεν αποκρίνεται από",
}
FILES_AVAILABLE = {
    "en": "Its files remain available here.",
    "de": "Seine Dateien sind hier weiterhin verfügbar.",
}
T0 = timezone.now().replace(microsecond=0) - timedelta(days=40)


def dead_material(site, checker, *, files=1):
    """A material whose original link answered 404 at checks four weeks apart."""
    page = full_material(
        site_tree().materials, files=files, related=0, reviews=0, original_url=site.url("/missing")
    )
    run_check(now=T0, checker=checker)
    run_check(now=T0 + timedelta(weeks=4), checker=checker)
    assert CheckedLink.objects.get(normalised_url=site.url("/missing")).long_broken
    return page


def test_the_page_says_so_and_still_serves_its_files(client, site, checker):
    page = dead_material(site, checker, files=2)
    response = client.get(page.url)
    body = response.content.decode()
    assert NOTICES["en"] in body and FILES_AVAILABLE["en"] in body
    assert 'rel="external"' in body  # the link stays: it may come back
    for file in page.files.all():
        url = page.url + page.download_route("download_file", file.document).lstrip("/")
        download = client.get(url)
        assert download.status_code == 200, url
        assert b"".join(download.streaming_content).startswith(b"%PDF")
    archive = client.get(page.url + page.download_route("download_all").lstrip("/"))
    assert archive.status_code == 200


def test_a_material_without_files_only_says_the_link_is_dead(client, site, checker):
    page = dead_material(site, checker, files=0)
    body = client.get(page.url).content.decode()
    assert NOTICES["en"] in body
    assert FILES_AVAILABLE["en"] not in body


def test_the_notice_is_translated(client, site, checker):
    page = dead_material(site, checker)
    for language in ("de", "nl", "cs", "el"):
        translated = factories.translate_page(page, language)
        body = client.get(translated.url).content.decode()
        assert NOTICES[language] in body, language
        assert NOTICES["en"] not in body
    assert (
        FILES_AVAILABLE["de"]
        in client.get(page.get_translation(factories.locale("de")).url).content.decode()
    )


def test_no_notice_before_four_weeks_or_after_the_link_recovers(client, site, checker):
    page = full_material(
        site_tree().materials, related=0, reviews=0, original_url=site.url("/switch")
    )
    site.switch_status = 500
    run_check(now=T0, checker=checker)
    run_check(now=T0 + timedelta(days=27), checker=checker)
    assert NOTICES["en"] not in client.get(page.url).content.decode()

    run_check(now=T0 + timedelta(days=28), checker=checker)
    assert NOTICES["en"] in client.get(page.url).content.decode()

    site.switch_status = 200
    run_check(now=T0 + timedelta(days=35), checker=checker)
    assert NOTICES["en"] not in client.get(page.url).content.decode()


def test_the_notice_costs_one_query_and_only_with_an_original_url(client, site, checker):
    tree = site_tree()
    dead = dead_material(site, checker)
    without = full_material(tree.materials, related=0, reviews=0)
    fine = full_material(tree.materials, related=0, reviews=0, original_url=site.url("/ok"))
    assert count_queries(client, dead.url) == count_queries(client, without.url) + 1
    assert count_queries(client, fine.url) == count_queries(client, without.url) + 1


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_pinned_material_page_stays_within_its_pin_with_the_notice(
    client, site, checker, language
):
    """The material of the pinned query counts (tests/materials), its link dead."""
    page = detail_pages(language)["material"]
    MaterialPage.objects.filter(translation_key=page.translation_key).update(
        original_url=site.url("/missing")
    )
    run_check(now=T0, checker=checker)
    run_check(now=T0 + timedelta(weeks=4), checker=checker)
    assert NOTICES[language] in client.get(page.url).content.decode()
    assert count_queries(client, page.url) <= MAX_QUERIES["material"]
