"""The link check as a background task: the worker runs it and stores its counts; with the
immediate backend (development) it runs at once."""

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from link_check.models import CheckedLink
from link_check.tasks import check_links
from tests.background.worker import run_worker
from tests.factories import MaterialPageFactory, PartnerFactory, publish, site_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def materials(site, fast_settings):
    tree = site_tree()
    partner = PartnerFactory(slug="task-partner")
    for path in ("/ok", "/missing"):
        publish(
            MaterialPageFactory(parent=tree.materials, partner=partner, original_url=site.url(path))
        )
    publish(MaterialPageFactory(parent=tree.materials, original_url=site.url("/error")))


def test_the_worker_runs_a_queued_check(materials, database_tasks, monkeypatch, site):
    # The worker's between-task connection cleanup would close the test's transaction.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    check_links.enqueue(partner="task-partner")
    assert not CheckedLink.objects.exists()

    run_worker()

    result = DBTaskResult.objects.get()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == {"checked": 2, "broken": 1}
    assert CheckedLink.objects.filter(consecutive_failures=1).count() == 1
    assert site.hits[("HEAD", "/error")] == 0


def test_the_immediate_backend_runs_it_at_once(materials):
    result = check_links.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == {"checked": 3, "broken": 2}


def test_a_queued_check_for_an_unknown_partner_fails_without_checking(materials, site):
    result = check_links.enqueue(partner="nobody")
    assert result.status == TaskResultStatus.FAILED
    assert site.hits == {}


def test_a_check_for_a_partner_deleted_meanwhile_is_not_retried(
    materials, database_tasks, monkeypatch, site, settings
):
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASK_MAX_ATTEMPTS = 3
    check_links.enqueue(partner="gone")
    run_worker()
    result = DBTaskResult.objects.get()
    assert result.status == TaskResultStatus.FAILED  # failed for good, not queued again
    assert result.exception_class_path == "link_check.scope.UnknownPartner"
    assert site.hits == {}
