"""Machine-translated titles and summaries on search cards, for materials shown in their
source language because the visitor's language has no human translation yet.

Search plugs these in through the hooks named in materials.extension_points
(registered in translation/wagtail_hooks.py), so search does not import translation.

The text is read in the same query as the cards (two subqueries), so it costs no query per
card and none per page; it is shown only on fallback cards, marked as a machine
translation, with the source title kept beside it.
"""

from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery

from translation.models import MachineMetadata


@dataclass(frozen=True)
class MachineText:
    title: str
    summary: str
    provider: str


def with_machine_text(queryset: QuerySet, language: str) -> QuerySet:
    rows = MachineMetadata.objects.filter(
        translation_key=OuterRef("translation_key"), locale__language_code=language
    )
    return queryset.annotate(
        machine_title=Subquery(rows.values("title")[:1]),
        machine_summary=Subquery(rows.values("summary")[:1]),
        machine_provider=Subquery(rows.values("provider")[:1]),
    )


def machine_text(page) -> MachineText | None:
    """The stored machine translation of a card annotated by with_machine_text, if any."""
    title = getattr(page, "machine_title", None)
    if not title:
        return None
    return MachineText(title, page.machine_summary or "", page.machine_provider or "")
