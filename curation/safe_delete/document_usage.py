"""Which pages use a document, counting every revision, drafts included.

A material's files are inline children saved in each revision's JSON. Wagtail's reference
index and the PROTECT on `MaterialFile.document` see only the current rows, so a document
used only by a draft could be deleted, after which that page's edit view failed
(CustomDocument.DoesNotExist while loading the draft). A document counts as used while any
revision of any page, or any current file row, names it.
"""

from dataclasses import dataclass, field

from django.db.models import TextField
from django.db.models.functions import Cast

from wagtail.models import Page, Revision

from materials.models import MaterialFile

# How a page's files sit in a revision: {"files": [{"document": 12, ...}, ...]}.
FILES_KEY = "files"


@dataclass
class DocumentUsage:
    # page id -> the page (specific), for every page a current file row or a revision uses
    pages: dict[int, Page] = field(default_factory=dict)
    revisions: int = 0

    @property
    def in_use(self) -> bool:
        return bool(self.pages)

    @property
    def is_protected(self) -> bool:
        """Read by Wagtail's delete view: a protected object is not deleted."""
        return self.in_use

    def count(self) -> int:
        return len(self.pages)


def document_usage(document) -> DocumentUsage:
    page_ids = set(MaterialFile.objects.filter(document=document).values_list("page_id", flat=True))
    revisions = 0
    for object_id, content in _revisions_naming(document.pk):
        if _files_use(content, document.pk):
            revisions += 1
            page_ids.add(int(object_id))
    pages = Page.objects.filter(pk__in=page_ids).specific().select_related("locale")
    return DocumentUsage(pages={page.pk: page for page in pages}, revisions=revisions)


def _revisions_naming(document_pk: int):
    """Page revisions whose JSON text mentions `"document": <pk>`: a cheap filter in the
    database (SQLite and PostgreSQL both write ": " between key and value), confirmed by
    reading the JSON in `_files_use`."""
    pattern = rf'"document": {int(document_pk)}[,}}]'
    return (
        Revision.objects.page_revisions()
        .annotate(text=Cast("content", TextField()))
        .filter(text__regex=pattern)
        .values_list("object_id", "content")
        .iterator()
    )


def _files_use(content: dict, document_pk: int) -> bool:
    files = content.get(FILES_KEY) if isinstance(content, dict) else None
    return any(
        isinstance(item, dict) and item.get("document") == document_pk for item in files or []
    )
