"""Reports > Harvest runs (read-only; editors and admins only) and the background task,
which runs the same function as the command."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from curation.models import ImportedMaterial
from harvest.models import HarvestRun
from harvest.report import report_lines
from harvest.tasks import harvest_repository
from tests.factories import refused
from tests.harvest.roles import MAY_SEE, USERS

pytestmark = pytest.mark.django_db

RUNS = "/admin/reports/harvests/"


def recorded_run(**fields) -> HarvestRun:
    now = timezone.now()
    values = {
        "started_at": now,
        "finished_at": now,
        "base_url": "https://repo.example.edu/oai",
        "metadata_prefix": "oai_dc",
        "partner": "de-stem-centre",
        "country": "DE",
        "status": HarvestRun.OK,
        "created": 3,
        "refused": 1,
        "refusals": [{"identifier": "oai:x:7", "field": "subject", "reason": "no subject maps"}],
        "unmapped": {"subject": {"Quantenoptik": 2}},
        "deleted": 1,
        "deleted_records": [{"identifier": "oai:x:9", "page_id": None, "title": ""}],
    }
    values.update(fields)
    return HarvestRun.objects.create(**values)


@pytest.mark.parametrize("who", sorted(USERS))
def test_who_may_see_the_runs(client, django_user_model, vocabulary, who):
    run = recorded_run()
    client.force_login(USERS[who](django_user_model))
    for url in (RUNS, f"{RUNS}{run.pk}/"):
        response = client.get(url)
        if who in MAY_SEE:
            assert response.status_code == 200, url
        else:
            assert refused(response), url
    menu = client.get("/admin/").content.decode()
    assert (RUNS in menu) == (who in MAY_SEE)


def test_anonymous_visitors_are_sent_to_the_login(client, vocabulary):
    run = recorded_run()
    for url in (RUNS, f"{RUNS}{run.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_listing_and_a_run_show_counts_refusals_unmapped_and_deleted(admin_client, vocabulary):
    run = recorded_run()
    failed = recorded_run(status=HarvestRun.FAILED, error="The repository answered HTTP 500")

    listing = admin_client.get(RUNS).content.decode()
    assert "https://repo.example.edu/oai" in listing
    assert "The repository answered HTTP 500" in listing
    assert f"{RUNS}{failed.pk}/" in listing and f"{RUNS}{run.pk}/" in listing

    detail = admin_client.get(f"{RUNS}{run.pk}/").content.decode()
    assert "3 new, 0 updated, 0 unchanged, 1 refused, 1 deleted at the source" in detail
    assert "oai:x:7" in detail and "no subject maps" in detail
    assert "Quantenoptik" in detail and "oai:x:9" in detail


def test_the_views_are_read_only_and_an_unknown_run_is_404(admin_client, vocabulary):
    run = recorded_run()
    assert admin_client.post(f"{RUNS}{run.pk}/").status_code == 405
    assert admin_client.get(f"{RUNS}999999/").status_code == 404
    assert HarvestRun.objects.filter(pk=run.pk).exists()


def test_the_task_harvests_like_the_command(vocabulary, oai_server, admin_user):
    oai_server.list_records("eprints.xml")

    result = harvest_repository.enqueue(
        oai_server.url,
        metadata_prefix="oai_dc",
        partner="de-stem-centre",
        country="DE",
        ages="12-15",
        user_id=admin_user.pk,
    )

    run = HarvestRun.objects.get(pk=result.return_value)
    assert (run.status, run.created) == (HarvestRun.OK, 1)
    page = ImportedMaterial.objects.get(source_id="oai:oai:eprints.example.ac.uk:42").page
    assert page.get_latest_revision().user == admin_user
    assert page.get_latest_revision_as_object().age_min == 12


@pytest.mark.parametrize(
    ("language", "expected", "dry_run"),
    [
        ("de", "3 neu, 0 aktualisiert, 0 unverändert, 1 abgelehnt, 1 an der Quelle gelöscht",
         "Probelauf: Es wurde nichts geschrieben."),
        ("el", "3 νέα, 0 ενημερωμένα, 0 αμετάβλητα, 1 απορριφθέντα, 1 διαγραμμένα στην πηγή",
         "Δοκιμαστική εκτέλεση: δεν αποθηκεύτηκε τίποτα."),
    ],
)  # fmt: skip
def test_the_report_speaks_the_editors_language(vocabulary, language, expected, dry_run):
    run = recorded_run(dry_run=True)
    with translation.override(language):
        lines = report_lines(run)
    assert lines[-2:] == [expected, dry_run]


def test_the_listing_costs_the_same_queries_for_one_run_or_fifty(
    admin_client, vocabulary, django_assert_num_queries
):
    recorded_run()
    admin_client.get(RUNS)  # warm the admin's per-process caches
    with CaptureQueriesContext(connection) as one:
        assert admin_client.get(RUNS).status_code == 200
    for _ in range(49):
        recorded_run()
    with django_assert_num_queries(len(one)):
        response = admin_client.get(RUNS)
    assert response.content.decode().count(f"{RUNS}") >= 50
