"""Index writes that the search engine refused are retried by the task worker, so no
scheduler is needed for `retry_index_writes`.

The writes themselves stay in PendingIndexWrite (search.pending): one row per object with
its latest state, however many times it failed, and with any task backend. On the
database backend, a failure, or a backlog left after a successful write has applied its
few rows, schedules this task SEARCH_RETRY_DELAY seconds later (one waiting task at a
time). While the engine is still down the task fails, and
the worker retries it with growing delays (background.retries); once every retry has
failed it is listed under Reports > Failed tasks, and the next failed write schedules a
new one. On the immediate backend nothing is scheduled: the next successful write, or the
command, applies the rows.
"""

from datetime import timedelta

from django_tasks import TaskResultStatus, task, task_backends
from django_tasks_db.models import DBTaskResult

from django.conf import settings
from django.utils import timezone

from search import pending


class IndexWritesPending(Exception):
    """The engine is still unreachable: the task fails, so the worker tries again later."""


@task()
def retry_index_writes() -> int:
    """Apply every pending index write; the number applied."""
    backend = pending.queued_backend()
    if backend is None:
        return 0
    report = pending.retry(backend)
    if report.remaining:
        raise IndexWritesPending(
            f"{report.remaining} search index write(s) still pending: the engine is unreachable"
        )
    return report.applied


def schedule_retry() -> None:
    """Queue one deferred retry, unless the backend cannot defer or one already waits."""
    if not task_backends[retry_index_writes.backend].supports_defer:
        return
    waiting = DBTaskResult.objects.filter(
        task_path=retry_index_writes.module_path, status=TaskResultStatus.READY
    )
    if waiting.exists():
        return
    run_after = timezone.now() + timedelta(seconds=settings.SEARCH_RETRY_DELAY)
    retry_index_writes.using(run_after=run_after).enqueue()
