"""Sorts by a number the database holds per material (downloads, PD uses), shared by every
engine: the search index does not hold these numbers, since they change on every download
or recorded use. Each reader returns every material's number in one query: at most one
small row per material, cheaper than sending thousands of keys as parameters. Most first;
engines break ties newest first."""

import uuid

from django.db.models import Count

from materials.models import MaterialDownloadCount, PDUse


def download_counts() -> dict[uuid.UUID, int]:
    return dict(MaterialDownloadCount.objects.values_list("translation_key", "count"))


def use_counts() -> dict[uuid.UUID, int]:
    """Every used material's number of PD uses, in one aggregate query."""
    return dict(
        PDUse.objects.values("translation_key")
        .annotate(uses=Count("pk"))
        .order_by()
        .values_list("translation_key", "uses")
    )


COUNTED_SORTS = {"downloads": download_counts, "used": use_counts}
