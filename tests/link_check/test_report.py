"""Reports > Broken links: grouped by partner, filtered, exported as CSV and XLSX, shown to
editors and administrators only; Check now queues a check."""

import csv
import io
import re
from datetime import timedelta

import openpyxl
import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from link_check.models import CheckedLink
from link_check.run import run_check
from tests import factories
from tests.conftest import shared_data
from tests.factories import (
    MaterialPageFactory,
    PartnerFactory,
    ReviewPageFactory,
    partner_editor,
    publish,
    refused,
    site_tree,
    team_member,
)
from tests.link_check.conftest import FakeTime, hide_existing_pages, make_checker

pytestmark = pytest.mark.django_db

URL = "/admin/reports/broken-links/"
RESULTS = "/admin/reports/broken-links/results/"
CHECK_NOW = "/admin/reports/broken-links/check/"
T0 = timezone.now().replace(microsecond=0) - timedelta(days=60)


# A title a spreadsheet would run as a formula.
TITLES = {"zeta-dead": "=HYPERLINK(1) zeta-dead"}


def build(server):
    """Two partners' materials with dead, broken, moved and fine links, and a review."""
    hide_existing_pages()
    tree = site_tree()
    alpha = PartnerFactory(institution="Alpha PD Centre", slug="alpha")
    zeta = PartnerFactory(institution="Zeta PD Centre", slug="zeta")
    pages = {}
    for key, partner, path in (
        ("alpha-dead", alpha, "/missing"),
        ("alpha-fine", alpha, "/ok"),
        ("alpha-moved", alpha, "/moved"),
        ("zeta-error", zeta, "/error"),
        ("zeta-dead", zeta, "/missing"),
    ):
        pages[key] = publish(
            MaterialPageFactory(
                parent=tree.materials,
                title=TITLES.get(key, f"Material {key}"),
                partner=partner,
                original_url=server.url(path),
            )
        )
    pages["review"] = publish(
        ReviewPageFactory(
            parent=tree.reviews,
            title="Review with a dead link",
            body=f'<p><a href="{server.url("/slow")}">slow</a></p>',
        )
    )
    checker = make_checker(FakeTime(), attempts=1)
    run_check(now=T0, checker=checker)
    run_check(now=T0 + timedelta(weeks=4), checker=checker)
    # Zeta's 500 came back after a while: broken now, but not for four weeks.
    CheckedLink.objects.filter(normalised_url=server.url("/error")).update(
        first_failure_at=T0 + timedelta(weeks=3), long_broken=False
    )
    return {key: page.pk for key, page in pages.items()}


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker, link_site):
    with shared_data(django_db_blocker, lambda: build(link_site)) as data:
        yield data


@pytest.fixture(autouse=True)
def only_own_pages():
    """The module's pages are built once, after the others were hidden (see `build`): they
    stay live for every test."""


def editor():
    """A member of Wagtail's Editors group: adds and edits pages, is not a superuser."""
    user = get_user_model().objects.create_user(
        f"links-editor-{get_user_model().objects.count()}", password="unused"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def groups_in(body: str) -> list[str]:
    """The partner headings, in the order shown."""
    return [name.strip() for name in re.findall(r'<h2 id="broken-links-group-\d+">([^<]+)', body)]


def test_broken_links_are_grouped_by_partner(admin_client, pages, link_site):
    response = admin_client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert groups_in(body) == ["Alpha PD Centre", "Zeta PD Centre", "No partner"]
    alpha, zeta, nobody = (
        heading.start() for heading in re.finditer(r'<h2 id="broken-links-group-', body)
    )
    assert alpha < body.index("Material alpha-dead") < zeta
    assert zeta < body.index("Material zeta-error") < nobody
    assert zeta < body.index("HYPERLINK(1) zeta-dead") < nobody
    assert nobody < body.index("Review with a dead link")
    assert "Material alpha-fine" not in body and "Material alpha-moved" not in body
    assert "404 Not Found" in body and "500 Internal Server Error" in body
    assert "Timed out" in body
    assert f"/admin/pages/{pages['alpha-dead']}/edit/" in body


def test_the_dead_filter_keeps_links_broken_for_four_weeks(admin_client, pages):
    body = admin_client.get(URL, {"problem": "dead"}).content.decode()
    assert "Material alpha-dead" in body and "HYPERLINK(1) zeta-dead" in body
    assert "Review with a dead link" in body
    assert "Material zeta-error" not in body


def test_the_moved_filter_lists_permanent_redirects_to_update(admin_client, pages, link_site):
    body = admin_client.get(URL, {"problem": "moved"}).content.decode()
    assert "Material alpha-moved" in body
    assert link_site.url("/ok") in body
    assert "Material alpha-dead" not in body


def test_the_partner_filter(admin_client, pages):
    alpha = factories.models.Partner.objects.get(slug="alpha")
    body = admin_client.get(URL, {"partner": alpha.pk}).content.decode()
    assert "Material alpha-dead" in body
    assert "zeta-dead" not in body and "Review with a dead link" not in body


@pytest.mark.parametrize(
    "params", [{"partner": "999999"}, {"partner": "x"}, {"problem": "nonsense"}, {"p": "abc"}]
)
def test_bad_filters_are_not_a_server_error(admin_client, pages, params):
    response = admin_client.get(URL, params)
    assert response.status_code in (200, 400)


def test_the_results_fragment_refreshes_alone(admin_client, pages):
    response = admin_client.get(RESULTS, {"problem": "dead"})
    assert response.status_code == 200
    assert "Material alpha-dead" in response.content.decode()
    assert "<html" not in response.content.decode()


def test_csv_export(admin_client, pages, link_site):
    response = admin_client.get(URL, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="broken-links-broken.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    by_title = {row["Page"]: row for row in rows}
    assert set(by_title) == {
        "Material alpha-dead",
        "Material zeta-error",
        "'=HYPERLINK(1) zeta-dead",
        "Review with a dead link",
    }
    dead = by_title["Material alpha-dead"]
    assert dead["Partner"] == "Alpha PD Centre"
    assert dead["Link"] == link_site.url("/missing")
    assert dead["Problem"] == "404 Not Found"
    assert dead["Where"] == "Original URL"
    assert dead["Failures in a row"] == "2"
    assert dead["Edit"] == f"/admin/pages/{pages['alpha-dead']}/edit/"
    # A title that a spreadsheet would run as a formula stays text.
    assert by_title["'=HYPERLINK(1) zeta-dead"]["Partner"] == "Zeta PD Centre"
    assert by_title["Review with a dead link"]["Partner"] == "No partner"
    assert by_title["Review with a dead link"]["Problem"] == "Timed out"
    assert [row["Partner"] for row in rows] == ["Alpha PD Centre"] + ["Zeta PD Centre"] * 2 + [
        "No partner"
    ]


def test_xlsx_export(admin_client, pages):
    response = admin_client.get(URL, {"export": "xlsx", "problem": "dead"})
    assert response.status_code == 200
    assert "broken-links-dead.xlsx" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert not [
        cell.coordinate
        for row in workbook.active.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    rows = list(workbook.active.iter_rows(values_only=True))
    header, data = rows[0], rows[1:]
    assert header[:3] == ("Partner", "Link", "Problem")
    titles = {row[header.index("Page")] for row in data}
    # A formula-like title is a text cell, not a formula.
    assert titles == {"Material alpha-dead", "=HYPERLINK(1) zeta-dead", "Review with a dead link"}
    failing_since = data[0][header.index("Failing since")]
    assert failing_since.date() == T0.date()


# -- who may see it: editors and administrators, not translators, reviewers or partners'
# PD-use editors; anonymous visitors are sent to the login.


def make_user(who: str):
    if who == "editor":
        return editor()
    if who == "partner editor":
        return partner_editor(PartnerFactory())
    role, language = who.split()
    return team_member(role, language)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("editor", True),
        ("translators de", False),
        ("reviewers de", False),
        ("translators nl", False),
        ("partner editor", False),
    ],
)
@pytest.mark.parametrize("url", [URL, f"{URL}?export=csv", RESULTS, CHECK_NOW])
def test_permission_matrix(client, pages, who, allowed, url):
    client.force_login(make_user(who))
    response = client.get(url)
    if allowed:
        assert response.status_code == 200
    else:
        assert refused(response)
        assert b"Material alpha-dead" not in b"".join(
            getattr(response, "streaming_content", [response.content])
        )


@pytest.mark.parametrize("url", [URL, RESULTS, CHECK_NOW])
def test_a_superuser_may(admin_client, pages, url):
    assert admin_client.get(url).status_code == 200


@pytest.mark.parametrize("url", [URL, RESULTS, CHECK_NOW])
def test_a_visitor_is_sent_to_the_login(client, pages, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_reports_menu_offers_it_to_editors_only(client, pages):
    client.force_login(editor())
    assert URL in client.get("/admin/").content.decode()
    client.force_login(team_member("translators", "de"))
    assert URL not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("who", ["translators de", "partner editor"])
def test_others_cannot_start_a_check(client, pages, who, fast_settings, site):
    client.force_login(make_user(who))
    assert refused(client.post(CHECK_NOW, {}))
    assert site.hits == {}


# -- Check now


def test_check_now_asks_before_it_checks(admin_client, pages, site):
    body = admin_client.get(CHECK_NOW).content.decode()
    assert 'method="post"' in body
    assert site.hits == {}  # a GET starts nothing


def test_check_now_checks_a_partners_links_and_says_how_it_went(
    admin_client, pages, site, fast_settings
):
    alpha = factories.models.Partner.objects.get(slug="alpha")
    response = admin_client.post(CHECK_NOW, {"partner": alpha.pk}, follow=True)
    assert response.redirect_chain[-1][0] == URL
    assert "Link check done: 3 checked, 1 broken." in response.content.decode()
    assert site.hits[("HEAD", "/missing")] == 1
    assert site.hits[("HEAD", "/error")] == 0


def test_check_now_with_the_worker_queues(admin_client, pages, site, fast_settings, database_tasks):
    response = admin_client.post(CHECK_NOW, {}, follow=True)
    assert "Link check queued" in response.content.decode()
    assert site.hits == {}


def test_check_now_refuses_an_unknown_partner(admin_client, pages, site):
    response = admin_client.post(CHECK_NOW, {"partner": "999999"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert site.hits == {}
