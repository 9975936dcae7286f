"""Reports > Harvest runs > Start a harvest: who may, what bad input gets, what a run does.

Tests use the immediate task backend (settings.test), so a started harvest runs inside the
request against the local OAI-PMH server."""

import pytest

from django.utils.html import escape

from curation.models import ImportedMaterial
from harvest.models import HarvestRun
from tests.factories import refused
from tests.harvest.roles import MAY_SEE, USERS

pytestmark = pytest.mark.django_db

START = "/admin/reports/harvests/start/"


def valid(server_url: str, **changes) -> dict:
    return {
        "base_url": server_url,
        "metadata_prefix": "oai_dc",
        "partner": "de-stem-centre",
        "country": "DE",
        "ages": "12-15",
        "set_spec": "",
        "from_date": "",
        **changes,
    }


@pytest.mark.parametrize("who", sorted(USERS))
def test_who_may_start_a_harvest(client, django_user_model, vocabulary, oai_server, who):
    oai_server.list_records("eprints.xml")
    user = USERS[who](django_user_model)
    client.force_login(user)

    page = client.get(START)
    response = client.post(START, valid(oai_server.url))

    if who in MAY_SEE:
        assert page.status_code == 200
        run = HarvestRun.objects.get()
        assert response.status_code == 302 and response["Location"].endswith(f"/{run.pk}/")
        assert (run.status, run.created) == (HarvestRun.OK, 1)
        draft = ImportedMaterial.objects.get(source_id="oai:oai:eprints.example.ac.uk:42").page
        assert draft.get_latest_revision().user == user
    else:
        assert refused(page) and refused(response)
        assert not HarvestRun.objects.exists()
        assert oai_server.requests == []


def test_anonymous_visitors_are_sent_to_the_login(client, vocabulary, oai_server):
    for response in (client.get(START), client.post(START, valid(oai_server.url))):
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not HarvestRun.objects.exists()


def test_the_runs_listing_offers_the_form(admin_client, vocabulary):
    assert START in admin_client.get("/admin/reports/harvests/").content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"base_url": "not a url"}, "Enter a valid URL."),
        ({"base_url": "ftp://repo.example.org/oai"}, "is not an http(s) URL"),
        ({"partner": "nobody"}, "Select a valid choice."),
        ({"country": "XX"}, "Select a valid choice."),
        ({"country": ""}, "This field is required."),
        ({"metadata_prefix": "marc21"}, "Select a valid choice."),
        ({"ages": "ten"}, "Ages “ten” are not a range like 10-15."),
        ({"ages": "15-10"}, "give MIN-MAX with 3 ≤ MIN ≤ MAX ≤ 99"),
        ({"from_date": "yesterday"}, "is not a date like 2025-01-31"),
        ({"set_spec": "s" * 201}, "Ensure this value has at most 200 characters"),
    ],
)
def test_bad_options_answer_400_and_start_nothing(
    admin_client, vocabulary, oai_server, changes, message
):
    response = admin_client.post(START, valid(oai_server.url, **changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not HarvestRun.objects.exists()
    assert oai_server.requests == []


def test_a_dry_run_reports_and_writes_nothing(admin_client, vocabulary, oai_server):
    oai_server.list_records("eprints.xml")
    drafts_before = ImportedMaterial.objects.count()
    response = admin_client.post(START, valid(oai_server.url, dry_run="on"))
    run = HarvestRun.objects.get()
    assert response.status_code == 302 and run.dry_run and run.created == 1
    assert ImportedMaterial.objects.count() == drafts_before


def test_a_failing_repository_is_a_recorded_run_not_an_error_page(
    admin_client, vocabulary, oai_server
):
    oai_server.route({}, "eprints.xml", status=500)
    response = admin_client.post(START, valid(oai_server.url), follow=True)
    run = HarvestRun.objects.get()
    assert response.status_code == 200 and run.status == HarvestRun.FAILED
    assert escape(run.error) in response.content.decode()


def test_a_broken_mapping_file_is_the_form_s_error(
    admin_client, vocabulary, oai_server, settings, tmp_path
):
    (tmp_path / "de-stem-centre.toml").write_text('[subjects]\n"Mechanik" = "alchemy"\n')
    settings.HARVEST_MAPPINGS_DIR = tmp_path
    response = admin_client.post(START, valid(oai_server.url))
    assert response.status_code == 400
    assert "de-stem-centre.toml" in response.content.decode()
    assert not HarvestRun.objects.exists() and oai_server.requests == []
