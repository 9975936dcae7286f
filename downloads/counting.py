"""Anonymous download counters: which requests count, and race-safe increments.

A request counts when a person starts a download: a GET (HEAD fetches no file) from a
browser that is not a known robot, either without Range or with one starting at byte 0 (a
PDF viewer or download manager asks for the rest of the same file with more ranges; those
are one download, not many). Nothing about the request is stored, only the new totals.
"""

import logging
from collections.abc import Iterable
from uuid import UUID

from django.db import DatabaseError, IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from downloads.bots import is_bot
from downloads.ranges import requests_first_byte
from materials.models.downloads import (
    FileDownloadCount,
    MaterialDownloadCount,
    MonthlyDownloadCount,
)

logger = logging.getLogger(__name__)


def is_counted(request) -> bool:
    return (
        request.method == "GET"
        and requests_first_byte(request.headers.get("Range"))
        and not is_bot(request.headers.get("User-Agent"))
    )


def increment(model: type[models.Model], key) -> None:
    """Add one to the counter `key`, creating it at 1; correct under concurrent requests.

    The UPDATE with F() is atomic in the database, so two requests never both read 5 and
    write 6. When the row does not exist yet, two requests may both try to create it: the
    loser's INSERT fails on the primary key (inside a savepoint, so the request's transaction
    survives) and it falls back to the UPDATE.
    """
    counters = model.objects.filter(pk=key)
    if counters.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            model.objects.create(pk=key, count=1)
    except IntegrityError:
        counters.update(count=F("count") + 1)


def increment_month(translation_key: UUID) -> None:
    """Add one to this calendar month's counter of the material (the open statistics'
    downloads per month), race-safe as `increment`."""
    month = timezone.now().date().replace(day=1)
    counters = MonthlyDownloadCount.objects.filter(translation_key=translation_key, month=month)
    if counters.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            MonthlyDownloadCount.objects.create(
                translation_key=translation_key, month=month, count=1
            )
    except IntegrityError:
        counters.update(count=F("count") + 1)


def record_download(translation_key: UUID, document_ids: Iterable[int]) -> None:
    """One download of the material (every language version shares its translation_key) and
    one of each document in it (a ZIP holds several).

    A counter is never worth a failed download: a database error (a locked SQLite file, say)
    is logged and the file is still sent.
    """
    try:
        with transaction.atomic():
            increment(MaterialDownloadCount, translation_key)
            increment_month(translation_key)
            for document_id in sorted(set(document_ids)):
                increment(FileDownloadCount, document_id)
    except DatabaseError:
        logger.warning("Download of material %s not counted", translation_key, exc_info=True)
