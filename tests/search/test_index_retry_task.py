"""On the database task backend, an index write the engine refused schedules one deferred
retry task; the task fails while the engine is down (so the worker retries it later) and
applies the pending writes once it answers."""

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.test import override_settings
from django.utils import timezone

from wagtail.search.backends import get_search_backend

from materials.models import MaterialPage
from repo_site.settings.tasks import task_settings
from search import pending
from search.models import PendingIndexWrite
from search.tasks import IndexWritesPending, retry_index_writes
from tests.factories import MaterialPageFactory
from tests.search.helpers import engine_settings
from tests.search.test_index_write_retry import (  # noqa: F401
    ENGINE,
    document_writes,
    down,
    recording_engine,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("material_indexes")]

TASK_PATH = "search.tasks.retry_index_writes"


def write_while_down(page):
    with down():
        page.save_revision().publish()


def test_a_refused_write_schedules_one_deferred_retry(settings, material_index):
    """What the worker does when it runs two index tasks while the engine is down."""
    first = MaterialPageFactory(parent=material_index, title="Rainbows")
    second = MaterialPageFactory(parent=material_index, title="Prisms")
    settings.TASKS = task_settings("database")
    settings.SEARCH_RETRY_DELAY = 60
    before = timezone.now()
    with down():
        get_search_backend().add(first)
        get_search_backend().add(second)

    assert PendingIndexWrite.objects.count() == 2
    row = DBTaskResult.objects.get(task_path=TASK_PATH)
    assert row.status == TaskResultStatus.READY
    assert (row.run_after - before).total_seconds() >= 60


def test_without_a_deferring_backend_nothing_is_scheduled(material_index):
    page = MaterialPageFactory(parent=material_index, title="Lenses", live=False)
    write_while_down(page)
    assert PendingIndexWrite.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_the_task_fails_while_down_and_applies_the_writes_once_back(
    material_index,
    recording_engine,  # noqa: F811 (the fixture imported above)
):
    page = MaterialPageFactory(parent=material_index, title="Mirrors", live=False)
    write_while_down(page)
    with down(), pytest.raises(IndexWritesPending):
        retry_index_writes.call()
    assert PendingIndexWrite.objects.exists()

    back = engine_settings(ENGINE, recording_engine.server_port)
    with override_settings(WAGTAILSEARCH_BACKENDS=back):
        assert retry_index_writes.call() >= 1
    assert document_writes(recording_engine, page.pk, "PUT")
    assert not PendingIndexWrite.objects.exists()


def test_a_backlog_left_after_a_successful_write_is_left_to_the_worker(
    settings,
    material_index,
    monkeypatch,
    recording_engine,  # noqa: F811 (the fixture imported above)
):
    for title in ("Echoes", "Sonar", "Drums"):
        write_while_down(MaterialPageFactory(parent=material_index, title=title, live=False))
    assert PendingIndexWrite.objects.count() == 3
    monkeypatch.setattr(pending, "DRAIN_BATCH", 1)
    settings.TASKS = task_settings("database")

    back = engine_settings(ENGINE, recording_engine.server_port)
    with override_settings(WAGTAILSEARCH_BACKENDS=back):
        get_search_backend().add(MaterialPage.objects.live().first())
    assert PendingIndexWrite.objects.count() == 2
    assert DBTaskResult.objects.filter(task_path=TASK_PATH).count() == 1
