"""Which pages the repository exposes, and how OAI identifiers map onto them.

An item is a live, public MaterialPage in any locale: each language version is its own
record (its own title, summary and URL). Private pages stay out of an open harvest.
Queries here select pages only; what a record says comes from materials.record.
"""

import uuid

from django.conf import settings
from django.db.models import Min

from materials.models import MaterialPage
from materials.record import MaterialRecord, parse_record_identifier, record_identifier
from open_data.oai import sets
from open_data.oai.protocol import DateRange


def repository_identifier() -> str:
    return settings.OAI_REPOSITORY_IDENTIFIER


def page_size() -> int:
    return max(1, int(settings.OAI_PAGE_SIZE))


def oai_identifier(record: MaterialRecord) -> str:
    return f"oai:{repository_identifier()}:{record.identifier}"


def sample_identifier() -> str:
    local = record_identifier(uuid.UUID(int=0), settings.LANGUAGE_CODE)
    return f"oai:{repository_identifier()}:{local}"


def items():
    return MaterialPage.objects.live().public()


def find_item(identifier: str) -> MaterialPage | None:
    """The page an OAI identifier names, or None when it is unknown or malformed."""
    prefix = f"oai:{repository_identifier()}:"
    if not identifier.startswith(prefix):
        return None
    parsed = parse_record_identifier(identifier.removeprefix(prefix))
    if parsed is None:
        return None
    key, language = parsed
    return items().filter(translation_key=key, locale__language_code=language).only("pk").first()


def harvest(date_range: DateRange, set_spec: str | None):
    """Pages in the window and set, ordered by pk for keyset pagination; None for no set."""
    pages = items()
    if date_range.start:
        pages = pages.filter(last_published_at__gte=date_range.start)
    if date_range.end:
        pages = pages.filter(last_published_at__lt=date_range.end)
    if set_spec:
        pages = sets.filter_by_set(pages, set_spec)
        if pages is None:
            return None
    return pages.order_by("pk")


def earliest_datestamp():
    return items().aggregate(earliest=Min("last_published_at"))["earliest"]
