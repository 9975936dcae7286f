"""Reports > Metadata quality and its CSV: for those who may curate materials (superusers
and editors), never for translators, reviewers or visitors."""

import csv
import io

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.users.models import UserProfile

from tests.conftest import shared_data
from tests.factories import PartnerFactory, full_material, language_team, refused, team_member

pytestmark = pytest.mark.django_db

URL = "/admin/reports/metadata-quality/"
CSV_URLS = (URL + "partners.csv", URL + "languages.csv")


def build():
    language_team("de")
    full_material(
        partner=PartnerFactory(institution="Gamma centre", slug="gamma"), related=0, reviews=0
    )


@pytest.fixture(scope="module", autouse=True)
def site(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker, build):
        yield


def editor():
    user = get_user_model().objects.create_user("scorecard-editor", password="unused")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def user_for(role, admin_user):
    return {
        "superuser": lambda: admin_user,
        "editor": editor,
        "translator": lambda: team_member("translators", "de"),
        "reviewer": lambda: team_member("reviewers", "de"),
    }[role]()


@pytest.mark.parametrize("url", (URL, *CSV_URLS))
@pytest.mark.parametrize(
    ("role", "allowed"),
    [("superuser", True), ("editor", True), ("translator", False), ("reviewer", False)],
)
def test_matrix(client, admin_user, url, role, allowed):
    client.force_login(user_for(role, admin_user))
    response = client.get(url)
    if allowed:
        assert response.status_code == 200
    else:
        assert refused(response)


@pytest.mark.parametrize("url", (URL, *CSV_URLS))
def test_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_report_shows_both_tables(admin_client):
    body = admin_client.get(URL).content.decode()
    assert "By partner" in body and "By language" in body
    assert "Gamma centre" in body
    assert 'href="/admin/reports/metadata-quality/partners.csv"' in body


def test_the_partner_csv(admin_client):
    response = admin_client.get(CSV_URLS[0])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="metadata-quality-partners.csv"' in response["Content-Disposition"]
    rows = {row["key"]: row for row in csv.DictReader(io.StringIO(response.content.decode()))}
    assert list(rows)[-1] == "all"  # the total comes last
    assert rows["gamma"]["label"] == "Gamma centre"
    assert rows["gamma"]["materials"] == "1"
    assert rows["gamma"]["coverage"] == "0"  # live, and translated into no partner language
    assert int(rows["all"]["materials"]) == sum(
        int(row["materials"]) for key, row in rows.items() if key != "all"
    )


def test_the_language_csv_leaves_coverage_empty_for_the_source(admin_client):
    rows = list(csv.DictReader(io.StringIO(admin_client.get(CSV_URLS[1]).content.decode())))
    assert rows[0]["key"] == "en" and "de" in {row["key"] for row in rows}
    assert rows[0]["coverage"] == ""
    assert all(row["coverage"] != "" for row in rows[1:])


def test_an_unknown_table_is_not_found(admin_client):
    assert admin_client.get(URL + "people.csv").status_code == 404


def test_the_reports_menu_offers_it_to_editors_only(client, admin_user):
    client.force_login(editor())
    assert URL in client.get("/admin/").content.decode()
    client.force_login(team_member("translators", "de"))
    assert URL not in client.get("/admin/").content.decode()


def test_the_report_speaks_the_editors_admin_language(client):
    user = editor()
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "de"
    profile.save()
    client.force_login(user)
    body = client.get(URL).content.decode()
    assert "Metadatenqualität" in body
    assert "Nach Partner" in body and "Was die Zahlen bedeuten" in body
