"""A material's fingerprint, written from the content being saved.

The content is a page object as a revision holds it (drafts included): imports and
harvests make drafts, and an edit saved as a draft changes what is compared before anyone
publishes it. Only source-language materials have fingerprints: a translation shares its
source's facts and is never a duplicate of it.
"""

from wagtail.models import Locale

from duplicates.models import FileFingerprint, MaterialFingerprint
from duplicates.normalise import normalise_title, normalise_url
from materials.models import CustomDocument, MaterialPage


def source_version(page) -> MaterialPage | None:
    """The source-language version of `page` (itself when it is one), or None."""
    default = Locale.get_default()
    if page.locale_id == default.pk:
        return page
    return (
        MaterialPage.objects.filter(translation_key=page.translation_key, locale=default)
        .order_by("pk")
        .first()
    )


def file_hashes(content) -> set[str]:
    """The SHA-256 of each file the content attaches (one query)."""
    document_ids = {file.document_id for file in content.files.all() if file.document_id}
    if not document_ids:
        return set()
    return set(
        CustomDocument.objects.filter(pk__in=document_ids)
        .exclude(sha256="")
        .values_list("sha256", flat=True)
    )


def write_fingerprint(page_id: int, content) -> tuple[MaterialFingerprint, set[str]]:
    """Store the fingerprint of page `page_id` as `content` has it; returns it and its
    file hashes."""
    fingerprint, _created = MaterialFingerprint.objects.update_or_create(
        page_id=page_id,
        defaults={
            "url_key": normalise_url(content.original_url),
            "title_key": normalise_title(content.title),
            "partner_pk": content.partner_id,
            "year": content.year,
        },
    )
    hashes = file_hashes(content)
    stored = set(FileFingerprint.objects.filter(page_id=page_id).values_list("sha256", flat=True))
    if stored - hashes:
        FileFingerprint.objects.filter(page_id=page_id, sha256__in=stored - hashes).delete()
    FileFingerprint.objects.bulk_create(
        [FileFingerprint(page_id=page_id, sha256=sha256) for sha256 in sorted(hashes - stored)],
        ignore_conflicts=True,
    )
    return fingerprint, hashes
