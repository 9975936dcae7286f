"""Machine-translated titles and summaries on search cards, for materials shown in their
source language because the visitor's language has no human translation yet.

Search plugs these in through the hooks named in materials.extension_points
(registered in translation/wagtail_hooks.py), so search does not import translation.

The text is read in the same query as the cards (two subqueries), so it costs no query per
card and none per page; it is shown only on fallback cards, marked as a machine
translation, with the source title kept beside it. The same text is indexed with the
material's source-language version (index_texts), so it is found in every language.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import OuterRef, QuerySet, Subquery

from search.stemming import WORD, snowball_language, stem_word
from search.text import fold
from translation.models import MachineMetadata


@dataclass(frozen=True)
class MachineText:
    title: str
    summary: str
    provider: str
    keywords: str = ""


def with_machine_text(queryset: QuerySet, language: str) -> QuerySet:
    rows = MachineMetadata.objects.filter(
        translation_key=OuterRef("translation_key"), locale__language_code=language
    )
    return queryset.annotate(
        machine_title=Subquery(rows.values("title")[:1]),
        machine_summary=Subquery(rows.values("summary")[:1]),
        machine_provider=Subquery(rows.values("provider")[:1]),
        machine_keywords=Subquery(rows.values("keywords")[:1]),
    )


def machine_text(page) -> MachineText | None:
    """The stored machine translation of a card annotated by with_machine_text, if any."""
    title = getattr(page, "machine_title", None)
    if not title:
        return None
    return MachineText(
        title,
        page.machine_summary or "",
        page.machine_provider or "",
        getattr(page, "machine_keywords", "") or "",
    )


def machine_text_for(page, language: str) -> MachineText | None:
    """The stored machine translation of one page's material into `language` (one query),
    for the page itself when it is shown to a visitor of that language as a fallback."""
    row = (
        MachineMetadata.objects.filter(
            translation_key=page.translation_key, locale__language_code=language
        )
        .values_list("title", "summary", "provider", "keywords")
        .first()
    )
    return MachineText(*row) if row else None


def index_texts(pages) -> dict[int, str]:
    """Every stored machine translation of each material, for the search index of its
    source-language version: the version a visitor is shown where no human translation
    exists. Other versions stay out, or a German page would match Dutch machine text.
    One query for any number of pages (update_index asks for hundreds at once).

    Each text is indexed as written and, beside it, as stems of its own language: the
    database backends stem a page's text with the page's language only, so without these
    a Greek "ενέργειας" on an English page would never meet a query for "ενέργεια".
    """
    sources = [page for page in pages if page.locale.language_code == settings.LANGUAGE_CODE]
    if not sources:
        return {}
    rows = MachineMetadata.objects.filter(
        translation_key__in={page.translation_key for page in sources}
    ).values_list("translation_key", "locale__language_code", "title", "summary", "keywords")
    parts: dict[object, list[str]] = defaultdict(list)
    for key, code, *texts in rows.order_by("translation_key", "locale__language_code"):
        text = " ".join(texts).strip()
        words = set(WORD.findall(fold(text)))
        stemmer = snowball_language(code)
        stems = {stem_word(word, stemmer) for word in words} - words
        parts[key].append(" ".join([text, *sorted(stems)]))
    return {page.pk: " ".join(parts[page.translation_key]) for page in sources}
