"""Background work on the database backend: a queued task is a row that survives until
the worker runs it; a failed task is retried, then kept as failed."""

from datetime import timedelta

import pytest
from django_tasks import TaskResultStatus, task_backends
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_db.models import DBTaskResult

from django.utils import timezone

from tests import factories
from tests.background.tasks import always_fails, needs_a_deleted_page
from tests.background.worker import run_worker
from tests.factories import MaterialPageFactory
from translation.models import MachineMetadata
from translation.tasks import machine_translate_metadata

pytestmark = pytest.mark.django_db

MACHINE_TASK = "translation.tasks.machine_translate_metadata"


def test_tests_run_tasks_immediately():
    assert isinstance(task_backends["default"], ImmediateBackend)


@pytest.fixture
def partner_locales(db):
    """Two partner languages to machine-translate into."""
    return [factories.locale(code) for code in ("de", "nl")]


def test_a_queued_task_is_stored_and_runs_only_in_the_worker(
    database_tasks, material_index, partner_locales
):
    page = MaterialPageFactory(parent=material_index, live=False, title="Queued light")
    page.save_revision().publish()

    row = DBTaskResult.objects.get(task_path=MACHINE_TASK, args_kwargs__args=[page.pk])
    assert row.status == TaskResultStatus.READY
    assert not MachineMetadata.objects.filter(translation_key=page.translation_key).exists()

    run_worker()

    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL, row.traceback
    assert row.return_value  # the language codes written
    stored = MachineMetadata.objects.filter(translation_key=page.translation_key)
    assert sorted(stored.values_list("locale__language_code", flat=True)) == sorted(
        row.return_value
    )
    assert not DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL).exists()


def test_enqueue_returns_a_result_read_back_from_the_database(database_tasks, material_index):
    page = factories.publish(MaterialPageFactory(parent=material_index))
    result = machine_translate_metadata.enqueue(page.pk)
    assert result.status == TaskResultStatus.READY
    run_worker()
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL


def test_a_failed_task_waits_for_a_retry_later(database_tasks):
    before = timezone.now()
    result = always_fails.enqueue("engine down")
    run_worker()

    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.READY
    assert len(row.worker_ids) == 1
    assert row.run_after >= before + timedelta(seconds=30)
    assert row.exception_class_path == "builtins.RuntimeError"

    run_worker()  # not due yet: untouched
    row.refresh_from_db()
    assert len(row.worker_ids) == 1


def test_a_task_that_keeps_failing_is_failed_after_the_last_attempt(database_tasks, settings):
    settings.TASK_RETRY_DELAY = 0
    result = always_fails.enqueue("engine down")
    run_worker()

    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.FAILED
    assert len(row.worker_ids) == 3
    assert "engine down" in row.traceback


def test_a_retry_that_succeeds_ends_successful(database_tasks, settings, material_index):
    page = MaterialPageFactory(parent=material_index, title="Second chance")
    result = needs_a_deleted_page.enqueue(page.pk)
    row = DBTaskResult.objects.get(pk=result.id)
    # The first attempt failed with a passing error; its retry is due now.
    row.status, row.worker_ids = TaskResultStatus.READY, ["earlier-worker"]
    row.exception_class_path = "builtins.ConnectionError"
    row.save()
    run_worker()
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.return_value == "Second chance"
    assert len(row.worker_ids) == 2


def test_an_error_no_retry_cures_fails_at_once(database_tasks, material_index):
    page = MaterialPageFactory(parent=material_index)
    result = needs_a_deleted_page.enqueue(page.pk)
    page.delete()
    run_worker()

    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.FAILED
    assert len(row.worker_ids) == 1
    assert row.exception_class_path.endswith(".DoesNotExist")


def test_a_failure_in_the_immediate_backend_is_only_logged():
    result = always_fails.enqueue("no queue")
    assert result.status == TaskResultStatus.FAILED
    assert not DBTaskResult.objects.exists()
