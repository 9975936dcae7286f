"""Index writes that Elasticsearch/OpenSearch failed, kept in the database and applied
again later, so a publish never waits for, or fails with, the search engine.

Why a table beside the task queue: a row holds only the latest state of its object, however
often its write failed, and it works with every task backend. The table is drained oldest
first after every successful write (a few rows at a time, so one request never carries a
long outage), completely by `manage.py retry_index_writes`, and, on the database task
backend, by a deferred task that the first failure schedules (search.tasks).
"""

import logging
from dataclasses import dataclass

from modelsearch.index import get_indexed_instance

from django.contrib.contenttypes.models import ContentType
from django.db.models import F

from wagtail.search.backends import get_search_backends

from search.backends.engine_errors import ENGINE_ERRORS
from search.models import PendingIndexWrite

logger = logging.getLogger(__name__)

# Rows retried after each successful write: enough to catch up quickly, few enough that
# a publish after a long outage is not slowed by it.
DRAIN_BATCH = 20
MAX_ERROR_LENGTH = 2000


def record(model, objects, action: str, error: Exception) -> None:
    """Keep `action` on `objects` (of `model`) for a retry, replacing any older pending
    write of the same object: only the latest state matters."""
    content_type = ContentType.objects.get_for_model(model)
    for obj in objects:
        write, created = PendingIndexWrite.objects.get_or_create(
            content_type=content_type,
            object_id=str(obj.pk),
            defaults={"action": action, "last_error": str(error)[:MAX_ERROR_LENGTH]},
        )
        if not created:
            PendingIndexWrite.objects.filter(pk=write.pk).update(
                action=action,
                attempts=F("attempts") + 1,
                last_error=str(error)[:MAX_ERROR_LENGTH],
            )
    logger.warning(
        "Search index %s of %s %s failed and is queued for retry: %s",
        action,
        model._meta.label,
        ", ".join(str(obj.pk) for obj in objects),
        error,
    )


def queued_backend():
    """The Elasticsearch/OpenSearch backend that queues its failed writes, if configured."""
    for backend in get_search_backends(with_auto_update=True):
        if hasattr(backend, "add_now"):
            return backend
    return None


@dataclass
class RetryReport:
    applied: int = 0
    failed: int = 0  # a retry failed: the engine is still unreachable, the rest wait
    remaining: int = 0


def retry(backend, limit: int | None = None) -> RetryReport:
    """Apply pending writes through `backend` (its unqueued add_now/delete_now), oldest
    first, stopping at the first that fails again. An object gone from the database, or
    no longer indexed, is deleted from the index."""
    report = RetryReport()
    rows = PendingIndexWrite.objects.select_related("content_type").order_by("pk")
    for row in rows[:limit] if limit else rows:
        try:
            apply(backend, row)
        except ENGINE_ERRORS as error:
            PendingIndexWrite.objects.filter(pk=row.pk).update(
                attempts=F("attempts") + 1, last_error=str(error)[:MAX_ERROR_LENGTH]
            )
            logger.warning("Queued search index write %s failed again: %s", row, error)
            report.failed += 1
            break
        # Unless a newer failure replaced the row meanwhile: that write is still owed.
        PendingIndexWrite.objects.filter(pk=row.pk, updated_at=row.updated_at).delete()
        report.applied += 1
    if report.applied or report.failed:
        report.remaining = PendingIndexWrite.objects.count()
        logger.info(
            "Queued search index writes: %d applied, %d remaining",
            report.applied,
            report.remaining,
        )
    return report


def apply(backend, row: PendingIndexWrite) -> None:
    model = row.content_type.model_class()
    if model is None:  # the model was removed from the code
        return
    instance = None
    if row.action == PendingIndexWrite.ADD:
        obj = model._default_manager.filter(pk=row.object_id).first()
        instance = get_indexed_instance(obj) if obj is not None else None
    if instance is not None:
        backend.add_now(instance)
    else:
        backend.delete_now(model(pk=row.object_id))
