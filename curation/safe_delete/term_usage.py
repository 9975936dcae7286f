"""The real usage of a taxonomy term, in every language.

Pages in every locale link to the canonical (source-locale) term, never to its
translations, so Wagtail's reference index finds nothing for a translated label and misses
what unpublished drafts use. This counts, through `term_relations`: pages per language,
pages whose unpublished draft uses the term, other snippets that link to it, and the
translated terms that would be orphaned.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import models

from wagtail.models import Locale

from curation.safe_delete.term_relations import TermLink, term_links


@dataclass
class TermUsage:
    term: models.Model
    canonical: models.Model
    # page id -> language code, for pages whose current content uses the term
    pages: dict[int, str] = field(default_factory=dict)
    # page id -> language code, for pages whose unpublished draft uses the term
    drafts: dict[int, str] = field(default_factory=dict)
    # (what, how many) for snippets that link to the term, e.g. partners' working languages
    others: list[tuple[str, int]] = field(default_factory=list)
    translations: list[models.Model] = field(default_factory=list)

    @property
    def pages_by_language(self) -> list[tuple[str, int]]:
        return sorted(Counter(self.pages.values()).items())

    @property
    def drafts_by_language(self) -> list[tuple[str, int]]:
        return sorted(Counter(self.drafts.values()).items())

    @property
    def page_count(self) -> int:
        return len(self.pages.keys() | self.drafts.keys())

    @property
    def in_use(self) -> bool:
        return bool(self.pages or self.drafts or any(count for _, count in self.others))

    def count(self) -> int:
        """Everything that refers to the term, as Wagtail's usage summary counts it."""
        return self.page_count + sum(count for _, count in self.others)


def canonical_term(term: models.Model) -> models.Model:
    """The source-locale term that pages link to (the term itself when it is that one,
    or when it has no source-locale version)."""
    model = type(term)
    default = Locale.get_default()
    if term.locale_id == default.pk:  # type: ignore[attr-defined]
        return term
    return (
        model.objects.filter(translation_key=term.translation_key, locale=default).first()  # type: ignore[attr-defined]
        or term
    )


def term_usage(term: models.Model) -> TermUsage:
    canonical = canonical_term(term)
    usage = TermUsage(term=term, canonical=canonical)
    for link in term_links(type(term)):
        if link.page_path is None:
            count = link.model.objects.filter(**{link.field: canonical}).distinct().count()  # type: ignore[attr-defined]
            usage.others.append((str(link.model._meta.verbose_name_plural), count))
            continue
        usage.pages.update(_pages_using(link, canonical))
        usage.drafts.update(_drafts_using(link, canonical.pk))
    usage.translations = list(
        type(term)
        .objects.filter(translation_key=canonical.translation_key)  # type: ignore[attr-defined]
        .exclude(pk=canonical.pk)
        .select_related("locale")
    )
    return usage


def _pages_using(link: TermLink, canonical) -> dict[int, str]:
    prefix = f"{link.page_path}__" if link.page_path else ""
    rows = link.model.objects.filter(**{link.field: canonical}).values_list(  # type: ignore[attr-defined]
        f"{prefix}pk" if prefix else "pk", f"{prefix}locale__language_code"
    )
    return dict(rows)


def _drafts_using(link: TermLink, term_pk: int) -> dict[int, str]:
    """Pages whose newest revision is an unpublished draft that uses the term."""
    page_model = link.page_model()
    if page_model is None:
        return {}
    drafts = (
        page_model.objects.filter(has_unpublished_changes=True, latest_revision__isnull=False)
        .select_related("latest_revision", "locale")
        .only("pk", "locale__language_code", "latest_revision__content")
    )
    return {
        page.pk: page.locale.language_code
        for page in drafts
        if revision_uses(link, page.latest_revision.content, term_pk)
    }


def revision_uses(link: TermLink, content: dict, term_pk: int) -> bool:
    """Whether a page revision's stored content refers to the term through `link`."""
    value = content.get(link.revision_key or "")
    if link.page_path == "":
        return term_pk in (value or []) if link.many else value == term_pk
    children = value if isinstance(value, list) else []
    for child in children:
        linked = child.get(link.field) if isinstance(child, dict) else None
        if (term_pk in linked) if (link.many and isinstance(linked, list)) else linked == term_pk:
            return True
    return False
