"""Machine-translated titles and summaries on search cards, from whichever app provides them.

The translation app stores them; it registers the two hooks named in
materials.extension_points, so search reads them without importing translation. Without a
registered hook, cards simply carry no machine text.
"""

from django.db.models import QuerySet

from wagtail import hooks

from materials.extension_points import ANNOTATE_CARDS_MACHINE_TEXT, CARD_MACHINE_TEXT


def with_machine_text(queryset: QuerySet, language: str) -> QuerySet:
    """The cards' queryset, annotated with their machine text in `language` (no extra query)."""
    for annotate in hooks.get_hooks(ANNOTATE_CARDS_MACHINE_TEXT):
        queryset = annotate(queryset, language)
    return queryset


def machine_text(page):
    """The machine-translated title and summary of an annotated card, or None."""
    for read in hooks.get_hooks(CARD_MACHINE_TEXT):
        text = read(page)
        if text is not None:
            return text
    return None
