"""The lasting mark of a harvested material whose record its repository deleted.

A run lists the deleted records it saw; the mark stays on the material
(`ImportedMaterial.deleted_at_source`) until a later harvest finds the record again, so the
editors' report and the material's edit view can say so long after that run. The date is
the first harvest that saw the deletion. Nothing is unpublished or deleted: a material can
be worth keeping after its source went away.
"""

from datetime import datetime

from curation.models import ImportedMaterial

CHUNK = 500  # identifiers per query: well under SQLite's limit of bound parameters


def _chunks(values: list[str]):
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def mark(deleted: list[str], present: list[str], when: datetime) -> None:
    """Mark the materials of `deleted` source ids (keeping an earlier date) and clear the
    mark of those `present` again in the repository."""
    for chunk in _chunks(deleted):
        ImportedMaterial.objects.filter(source_id__in=chunk, deleted_at_source__isnull=True).update(
            deleted_at_source=when
        )
    for chunk in _chunks(present):
        ImportedMaterial.objects.filter(
            source_id__in=chunk, deleted_at_source__isnull=False
        ).update(deleted_at_source=None)


def deleted_since(page_id: int) -> datetime | None:
    """When the material's record was first seen deleted at its source, or None."""
    return (
        ImportedMaterial.objects.filter(page_id=page_id, deleted_at_source__isnull=False)
        .values_list("deleted_at_source", flat=True)
        .first()
    )


def marked_materials():
    return (
        ImportedMaterial.objects.filter(deleted_at_source__isnull=False)
        .select_related("page")
        .order_by("deleted_at_source", "pk")
    )
