"""A run finds the links of live pages, checks each address once and stores what it
answered, with the pages that use it; the four-week rule, with `now` passed in."""

from datetime import timedelta

import pytest

from django.utils import timezone

from link_check.collect import collect, links_in_html
from link_check.models import CheckedLink, LinkError, LinkUse
from link_check.run import interleave_by_host, run_check
from materials.models import MaterialPage, Partner
from page_cache import generation
from tests import factories
from tests.factories import (
    MaterialPageFactory,
    PartnerFactory,
    ReviewPageFactory,
    publish,
    site_tree,
)

pytestmark = pytest.mark.django_db

T0 = timezone.now().replace(microsecond=0)


def material(site, path="/ok", partner=None, commentary_links=(), **fields):
    tree = site_tree()
    commentary = [
        {"type": "text", "value": f'<p>See <a href="{site.url(link)}">this</a>.</p>'}
        for link in commentary_links
    ]
    return publish(
        MaterialPageFactory(
            parent=tree.materials,
            original_url=site.url(path) if path else "",
            commentary=commentary,
            partner=partner or PartnerFactory(),
            **fields,
        )
    )


def status(site, path) -> CheckedLink:
    return CheckedLink.objects.get(normalised_url=site.url(path))


def test_links_in_rich_text_are_external_hrefs_only():
    html = (
        '<p><a href="https://example.org/a?x=1&amp;y=2">a</a> <a linktype="page" id="3">in</a>'
        ' <a href="mailto:x@example.org">mail</a> <b>no link</b></p>'
    )
    assert links_in_html(html) == ["https://example.org/a?x=1&y=2", "mailto:x@example.org"]


def test_every_kind_of_link_is_found_where_it_is(site):
    page = material(site, "/ok", commentary_links=["/missing"])
    tree = site_tree()
    catalogue = factories.full_catalogue(
        tree.catalogues, intro=f'<p><a href="{site.url("/moved")}">intro</a></p>'
    )
    catalogue.sections = [
        {
            "type": "section",
            "value": {
                "heading": "H",
                "guidance": f'<p><a href="{site.url("/error")}">guide</a></p>',
                "materials": [],
            },
        }
    ]
    catalogue = publish(catalogue)
    review = publish(
        ReviewPageFactory(
            parent=tree.reviews, body=f'<p><a href="{site.url("/no-head")}">x</a></p>'
        )
    )
    draft = MaterialPageFactory(parent=tree.materials, original_url=site.url("/draft-only"))
    draft.unpublish()

    found, page_ids = collect()

    where = {(link.page_id, link.field, link.url) for link in found}
    assert where >= {
        (page.pk, "original_url", site.url("/ok")),
        (page.pk, "commentary", site.url("/missing")),
        (catalogue.pk, "intro", site.url("/moved")),
        (catalogue.pk, "sections", site.url("/error")),
        (review.pk, "body", site.url("/no-head")),
    }
    assert draft.pk not in page_ids
    assert site.url("/draft-only") not in {link.url for link in found}


def test_statuses_and_uses_are_stored(site, checker):
    partner = PartnerFactory()
    first = material(site, "/ok", partner=partner, commentary_links=["/missing", "/moved"])
    second = material(site, "/missing", partner=partner)
    blank = material(site, path=None)

    report = run_check(now=T0, checker=checker)

    assert (report.checked, report.broken) == (3, 1)
    assert report.summary() == "3 checked, 1 broken"
    missing = status(site, "/missing")
    assert (missing.status_code, missing.error, missing.consecutive_failures) == (404, "", 1)
    assert missing.first_failure_at == T0 and missing.last_checked_at == T0
    assert missing.host == f"127.0.0.1:{site.server_port}"
    assert set(missing.uses.values_list("page_id", "field", "partner_id")) == {
        (first.pk, "commentary", partner.pk),
        (second.pk, "original_url", partner.pk),
    }
    moved = status(site, "/moved")
    assert (moved.status_code, moved.final_url, moved.is_broken) == (200, site.url("/ok"), False)
    assert not LinkUse.objects.filter(page=blank).exists()
    # The same address on two pages was asked once.
    assert site.hits[("HEAD", "/missing")] == 1


def test_the_problem_is_named_for_editors():
    assert CheckedLink(status_code=404).problem_label() == "404 Not Found"
    assert CheckedLink(status_code=599).problem_label() == "599"
    assert CheckedLink(error=LinkError.TIMEOUT).problem_label() == "Timed out"


def test_a_slow_server_is_recorded_as_a_timeout(site, checker):
    material(site, "/slow")
    report = run_check(now=T0, checker=checker)
    assert report.broken == 1
    assert status(site, "/slow").error == LinkError.TIMEOUT


def test_a_link_is_reported_under_the_source_language_partner(site, checker):
    partner = PartnerFactory()
    german_partner = factories.translate_term(partner, "de")
    german_page = factories.translate_page(material(site, "/missing", partner=partner), "de")
    # However a translation refers to its partner, the report groups it under the source one.
    MaterialPage.objects.filter(pk=german_page.pk).update(partner=german_partner)
    run_check(now=T0, checker=checker)
    use = LinkUse.objects.get(page=german_page)
    assert use.partner_id == partner.pk
    assert Partner.objects.get(pk=use.partner_id).locale.language_code == "en"


def test_a_changed_link_drops_the_old_use_and_an_unused_address(site, checker):
    page = material(site, "/missing")
    run_check(now=T0, checker=checker)
    page.original_url = site.url("/ok")
    publish(page)

    run_check(now=T0 + timedelta(days=1), checker=checker)

    assert list(
        LinkUse.objects.filter(page=page).values_list("link__normalised_url", flat=True)
    ) == [site.url("/ok")]
    assert not CheckedLink.objects.filter(normalised_url=site.url("/missing")).exists()


def test_a_partial_run_keeps_the_other_uses(site, checker):
    page = material(site, "/missing", commentary_links=["/ok"])
    run_check(now=T0, checker=checker)
    report = run_check(now=T0 + timedelta(days=1), url_contains=["/ok"], checker=checker)
    assert report.checked == 1
    assert LinkUse.objects.filter(page=page).count() == 2
    assert status(site, "/missing").last_checked_at == T0


def test_only_the_chosen_partners_materials_are_checked(site, checker):
    chosen, other = PartnerFactory(), PartnerFactory()
    material(site, "/missing", partner=chosen)
    material(site, "/error", partner=other)
    report = run_check(now=T0, partner_ids=[chosen.pk], checker=checker)
    assert (report.checked, report.broken_urls) == (1, [site.url("/missing")])
    assert site.hits[("HEAD", "/error")] == 0


def current_generation() -> str:
    return generation.lookup("link-check-test")[0]


def run_at(site, checker, days: float):
    return run_check(now=T0 + timedelta(days=days), checker=checker)


def test_four_weeks_of_failures_make_a_link_dead_and_a_success_revives_it(site, checker):
    material(site, "/switch")
    site.switch_status = 404
    run_at(site, checker, 0)
    run_at(site, checker, 14)
    run_at(site, checker, 27.9)
    link = status(site, "/switch")
    assert (link.consecutive_failures, link.long_broken) == (3, False)

    run_at(site, checker, 28)
    link = status(site, "/switch")
    assert link.long_broken and link.first_failure_at == T0

    site.switch_status = 200
    run_at(site, checker, 30)
    link = status(site, "/switch")
    assert (link.long_broken, link.consecutive_failures, link.first_failure_at) == (False, 0, None)


def test_an_interrupted_failure_starts_counting_again(site, checker):
    material(site, "/switch")
    site.switch_status = 500
    run_at(site, checker, 0)
    site.switch_status = 200
    run_at(site, checker, 10)
    site.switch_status = 500
    run_at(site, checker, 20)
    run_at(site, checker, 40)
    link = status(site, "/switch")
    assert link.first_failure_at == T0 + timedelta(days=20)
    assert not link.long_broken  # 20 days of failure, not 28

    run_at(site, checker, 48)
    assert status(site, "/switch").long_broken


def test_one_failed_check_alone_never_makes_a_link_dead(site, checker):
    material(site, "/missing")
    run_at(site, checker, 0)
    link = status(site, "/missing")
    # However long ago it failed, one check is no evidence of four weeks of failure.
    assert not link.long_broken


def test_cached_pages_go_stale_when_a_notice_appears(site, checker):
    material(site, "/switch")
    site.switch_status = 404
    run_at(site, checker, 0)
    before = current_generation()
    run_at(site, checker, 10)
    assert current_generation() == before  # nothing visible changed
    run_at(site, checker, 28)
    assert current_generation() != before


def test_hosts_take_turns():
    pairs = [(f"https://{host}/{n}", "") for host in ("a.org", "b.org") for n in range(2)]
    pairs.append(("https://c.org/0", ""))
    order = [url for url, _ in interleave_by_host(pairs)]
    assert order == [
        "https://a.org/0",
        "https://b.org/0",
        "https://c.org/0",
        "https://a.org/1",
        "https://b.org/1",
    ]
