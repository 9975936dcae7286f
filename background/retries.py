"""Failed tasks are run again: django-tasks-db records a failure but never retries.

A task that raised is put back in the queue, on the same row, after TASK_RETRY_DELAY
seconds, doubled at each further attempt, until it has had TASK_MAX_ATTEMPTS attempts;
then it stays failed and is listed under Reports > Failed tasks. The row keeps the last
error until the next attempt ends. Every task of the site may therefore run more than
once, so each is written to be idempotent (translate again, index again, delete again).

Errors that a later attempt cannot cure (the object was deleted before the worker got to
it, the task's code is gone) are not retried. The immediate backend stores nothing to
retry: there a failure is only logged, as before.
"""

import importlib
import logging
from datetime import timedelta

from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.models import DBTaskResult

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, SuspiciousOperation
from django.utils import timezone

logger = logging.getLogger(__name__)

PERMANENT_ERRORS = (ObjectDoesNotExist, ImportError, SuspiciousOperation)


def exception_class(path: str) -> type | None:
    """The class at a dotted path such as `wagtail.models.Page.DoesNotExist` (a module,
    then attributes), or None when it no longer resolves."""
    parts = path.split(".")
    for split in range(len(parts) - 1, 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        try:
            for name in parts[split:]:
                found = getattr(found, name)
        except AttributeError:
            return None
        return found if isinstance(found, type) else None
    return None


def is_permanent(error_path: str) -> bool:
    error = exception_class(error_path)
    return error is not None and issubclass(error, PERMANENT_ERRORS)


def retry_delay(attempts: int) -> timedelta:
    """After the first failure TASK_RETRY_DELAY seconds, then twice as long each time."""
    return timedelta(seconds=settings.TASK_RETRY_DELAY * 2 ** (attempts - 1))


def retry_failed_task(sender, task_result, **kwargs) -> None:
    if task_result.status != TaskResultStatus.FAILED:
        return
    db_result = getattr(task_result, "db_result", None)
    if db_result is None:  # not the database backend: nothing stored to run again
        return
    attempts = task_result.attempts
    error_path = task_result.errors[-1].exception_class_path if task_result.errors else ""
    if attempts >= settings.TASK_MAX_ATTEMPTS or is_permanent(error_path):
        logger.error(
            "Task %s (%s) failed for good after %d attempt(s): %s",
            task_result.id,
            db_result.task_path,
            attempts,
            error_path,
        )
        return
    run_after = timezone.now() + retry_delay(attempts)
    DBTaskResult.objects.filter(pk=db_result.pk, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=run_after, finished_at=None
    )
    logger.warning(
        "Task %s (%s) failed (attempt %d of %d, %s); retried after %s",
        task_result.id,
        db_result.task_path,
        attempts,
        settings.TASK_MAX_ATTEMPTS,
        error_path,
        run_after.isoformat(),
    )


def connect() -> None:
    task_finished.connect(retry_failed_task, dispatch_uid="background-retry-failed-task")
