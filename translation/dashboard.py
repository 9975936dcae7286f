"""Where each partner language stands: what it lacks, drafts, reviews, has or must update.

Every translatable source page (live, in the source locale) falls into exactly one category
per language, checked in this order:

1. untranslated: no page in the language shares its translation_key;
2. waiting for review: the translation has a Wagtail workflow in progress;
3. outdated: the translation is live but the source page was published after it (see
   ``is_outdated``), whether or not the new source text is translated yet: visitors see the
   older translation until a reviewer publishes the synced draft;
4. in progress: the translation is not live, or wagtail-localize still lacks a string
   translation for some of its source's string segments;
5. published: live and up to date.

Everything is computed in bulk, in a fixed number of queries whatever the number of pages
or languages, so the dashboard stays fast as the repository grows. Only the pages that have a
translation are classified row by row; "untranslated" is what remains, counted and listed by
the database (a network has thousands of sources and most languages lack most of them).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from django.db.models import CharField, Count, Exists, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from materials.models import HomePage
from repo_site.languages import PartnerLanguage, load_partner_languages
from translation.models import TranslationDemand


@cache
def translatable_page_models() -> tuple[str, ...]:
    """Every page model of the content model (all of them are translated)."""
    return tuple(
        model._meta.model_name
        for model in HomePage._meta.app_config.get_models()
        if issubclass(model, Page)
    )


# Pages keep their source slug unless a translator changes it (wagtail-localize falls back to
# the source value), so an untranslated slug segment does not make a translation unfinished.
SEGMENTS_NOT_REQUIRED = ("slug",)

UNTRANSLATED = "untranslated"
IN_PROGRESS = "in_progress"
WAITING_FOR_REVIEW = "waiting_for_review"
PUBLISHED = "published"
OUTDATED = "outdated"

CATEGORIES = (
    (UNTRANSLATED, _("Untranslated")),
    (IN_PROGRESS, _("In progress")),
    (WAITING_FOR_REVIEW, _("Waiting for review")),
    (PUBLISHED, _("Published")),
    (OUTDATED, _("Outdated")),
)


@dataclass
class Entry:
    """One source page as seen from one language."""

    source_id: int
    title: str
    translation_id: int | None = None
    percent_done: int | None = None  # None: no wagtail-localize record to measure
    demand: int = 0  # visitors who asked for this page in the language (untranslated only)

    @property
    def edit_url(self) -> str:
        """The translation's editor, or the source's when there is no translation yet
        (reversed on use: a language has thousands of entries, a page shows 50)."""
        return _edit_url(self.translation_id or self.source_id)


@dataclass
class LanguageStatus:
    language: PartnerLanguage
    locale: Locale
    lists: dict[str, list[Entry]] = field(default_factory=lambda: {c: [] for c, _l in CATEGORIES})
    known_counts: dict[str, int] | None = None  # counted without listing (language_counts)

    @property
    def counts(self) -> dict[str, int]:
        if self.known_counts is not None:
            return {category: self.known_counts[category] for category, _l in CATEGORIES}
        return {category: len(entries) for category, entries in self.lists.items()}


def is_outdated(source_published_at, translation_published_at) -> bool:
    """The rule for "outdated": the source page was published after its translation was.

    Compares the source page's last_published_at with the translated page's
    last_published_at. Syncing alone does not make a translation current: visitors keep
    seeing the old translated text until a reviewer publishes the synced version, so the
    translation stays outdated until then. (Re-publishing the source without changes
    also marks it outdated; a reviewer clears it by publishing the translation.)
    """
    if source_published_at is None or translation_published_at is None:
        return False
    return source_published_at > translation_published_at


def partner_locales(
    locale_ids: set[int] | None = None,
) -> tuple[Locale | None, list[tuple[PartnerLanguage, Locale]]]:
    """The source locale, and the non-source partner languages that have a locale, in order."""
    source, *languages = load_partner_languages()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    pairs = [(lang, locales[lang.code]) for lang in languages if lang.code in locales]
    if locale_ids is not None:
        pairs = [(lang, locale) for lang, locale in pairs if locale.pk in locale_ids]
    return locales.get(source.code), pairs


def _edit_url(page_id: int) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page_id])


def _progress(source_locale, translation_keys: QuerySet, locale_ids) -> dict[tuple, int]:
    """Percent of required string segments translated, keyed by (translation_key, locale_id).

    `translation_keys` is a subquery (the keys of the translated pages), not a list, so the
    SQL stays the same size whatever the number of translations.
    """
    sources = dict(
        TranslationSource.objects.filter(
            locale=source_locale, object_id__in=translation_keys
        ).values_list("pk", "object_id")
    )
    wanted = set(
        Translation.objects.filter(
            source_id__in=list(sources), target_locale_id__in=locale_ids
        ).values_list("source_id", "target_locale_id")
    )
    segments = StringSegment.objects.filter(source_id__in=list(sources)).exclude(
        context__path__in=SEGMENTS_NOT_REQUIRED
    )
    totals = dict(
        segments.values("source_id").annotate(n=Count("pk")).values_list("source_id", "n")
    )
    done = defaultdict(int)
    for source_id, locale_id, n in _translated_segments(segments, locale_ids):
        done[source_id, locale_id] = n
    progress = {}
    for source_id, locale_id in wanted:
        total = totals.get(source_id, 0)
        percent = 100 if not total else (100 * done[source_id, locale_id]) // total
        progress[sources[source_id], locale_id] = percent
    return progress


def _translated_segments(segments, locale_ids):
    """(source_id, locale_id, count) of segments with an error-free translation in that context."""
    return (
        segments.filter(
            string__translations__locale_id__in=locale_ids,
            string__translations__context_id=F("context_id"),
            string__translations__has_error=False,
        )
        .values("source_id", "string__translations__locale_id")
        .annotate(n=Count("pk"))
        .values_list("source_id", "string__translations__locale_id", "n")
    )


def source_pages(source_locale: Locale, partner_id: int | None = None) -> QuerySet:
    """The live translatable pages of the source locale (a partner's materials only, if given)."""
    pages = Page.objects.live().filter(
        locale=source_locale,
        content_type__app_label=HomePage._meta.app_label,
        content_type__model__in=translatable_page_models(),
    )
    if partner_id is not None:
        pages = pages.filter(materialpage__partner_id=partner_id)
    return pages


def untranslated_pages(sources: QuerySet, locale: Locale) -> QuerySet:
    """The sources that have no page in `locale`, most requested first, then in tree order.

    Each page carries `demand`: how often visitors asked for it in `locale`.
    """
    translated = Page.objects.filter(locale=locale, translation_key=OuterRef("translation_key"))
    return (
        sources.exclude(Exists(translated))
        .annotate(demand=demand_count(locale))
        .order_by(*demand_ordering(locale), "path")
    )


def demand_count(locale: Locale):
    """The number of visitors' requests for a page in `locale` (0 when none), as an expression."""
    requests = TranslationDemand.objects.filter(
        translation_key=OuterRef("translation_key"), locale=locale
    ).values("count")[:1]
    return Coalesce(Subquery(requests), 0)


def demand_ordering(locale: Locale) -> tuple:
    """Untranslated work is ordered by demand: the request count for that language (the
    `demand` annotation of untranslated_pages), most requested first; ties keep tree order."""
    return ("-demand",)


def _translation_rows(sources: QuerySet, target_ids: list[int]) -> list[dict]:
    """The pages in the target locales that translate one of `sources`, with their source's
    id and publication date, whether a review is in progress, in the sources' tree order."""
    source = sources.filter(translation_key=OuterRef("translation_key"))
    in_review = WorkflowState.objects.filter(
        base_content_type__app_label="wagtailcore",
        base_content_type__model="page",
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    return list(
        Page.objects.filter(locale_id__in=target_ids)
        .annotate(
            source_id=Subquery(source.values("pk")[:1]),
            source_published_at=Subquery(source.values("last_published_at")[:1]),
            source_path=Subquery(source.values("path")[:1]),
            in_review=Exists(in_review),
        )
        .filter(source_id__isnull=False)
        .order_by("source_path", "locale_id")
        .values(
            "pk",
            "title",
            "translation_key",
            "locale_id",
            "live",
            "last_published_at",
            "in_review",
            "source_id",
            "source_published_at",
        )
    )


def _category(page: dict, percent: int | None) -> str:
    if page["in_review"]:
        return WAITING_FOR_REVIEW
    if page["live"] and is_outdated(page["source_published_at"], page["last_published_at"]):
        return OUTDATED
    if not page["live"] or (percent is not None and percent < 100):
        return IN_PROGRESS
    return PUBLISHED


def classified(
    source_locale: Locale, sources: QuerySet, target_ids: list[int]
) -> dict[int, dict[str, list[Entry]]]:
    """locale_id -> category -> entries, for every translated page (not the untranslated)."""
    rows = _translation_rows(sources, target_ids)
    keys = Page.objects.filter(locale_id__in=target_ids).values("translation_key")
    progress = _progress(source_locale, keys, target_ids) if rows else {}
    lists: dict[int, dict[str, list[Entry]]] = {
        locale_id: {c: [] for c, _l in CATEGORIES if c != UNTRANSLATED} for locale_id in target_ids
    }
    for page in rows:
        percent = progress.get((page["translation_key"], page["locale_id"]))
        entry = Entry(page["source_id"], page["title"], page["pk"], percent)
        lists[page["locale_id"]][_category(page, percent)].append(entry)
    return lists


def language_counts(locale_ids: set[int] | None = None) -> list[LanguageStatus]:
    """Every partner language's (or those in locale_ids) count per category, lists empty."""
    source_locale, pairs = partner_locales(locale_ids)
    statuses = [LanguageStatus(language, locale) for language, locale in pairs]
    if not statuses or source_locale is None:
        return statuses
    sources = source_pages(source_locale)
    total = sources.count()
    by_locale = classified(source_locale, sources, [locale.pk for _language, locale in pairs])
    for status in statuses:
        lists = by_locale[status.locale.pk]
        status.known_counts = {c: len(entries) for c, entries in lists.items()}
        status.known_counts[UNTRANSLATED] = total - sum(status.known_counts.values())
    return statuses


@dataclass
class LanguageListing:
    """One language's counts under the filters, and one category's entries (a queryset of
    untranslated source pages, or a list of entries) for the paginator."""

    language: PartnerLanguage
    locale: Locale
    counts: dict[str, int]
    entries: object


def language_listing(
    source_locale: Locale,
    language: PartnerLanguage,
    locale: Locale,
    category: str,
    partner_id: int | None = None,
    requested_only: bool = False,
) -> LanguageListing:
    """Counts per category under the partner filter, and `category`'s entries.

    `requested_only` keeps the untranslated pages that visitors asked for in the language
    (the demand filter); the other categories have no demand and are not affected.
    """
    sources = source_pages(source_locale, partner_id)
    lists = classified(source_locale, sources, [locale.pk])[locale.pk]
    counts = {c: len(entries) for c, entries in lists.items()}
    untranslated = untranslated_pages(sources, locale)
    if requested_only:
        untranslated = untranslated.filter(demand__gt=0)
        counts[UNTRANSLATED] = untranslated.count()
    else:
        counts[UNTRANSLATED] = sources.count() - sum(counts.values())
    counts = {c: counts[c] for c, _label in CATEGORIES}
    if category == UNTRANSLATED:
        entries = UntranslatedEntries(untranslated, counts[UNTRANSLATED])
    else:
        entries = lists[category]
    return LanguageListing(language, locale, counts, entries)


class UntranslatedEntries:
    """Untranslated sources as entries, a slice at a time, for Django's Paginator: the
    database sorts and cuts the list, and the count is the one already known."""

    def __init__(self, pages: QuerySet, count: int):
        self.pages = pages.values("pk", "title", "demand")
        self._count = count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        return [
            Entry(page["pk"], page["title"], demand=page["demand"]) for page in self.pages[index]
        ]


def language_statuses(locale_ids: set[int] | None = None) -> list[LanguageStatus]:
    """The five full lists for every partner language (or those in locale_ids): the CSV
    exports' data. The dashboard pages use language_counts and language_listing instead."""
    source_locale, pairs = partner_locales(locale_ids)
    statuses = [LanguageStatus(language, locale) for language, locale in pairs]
    if not statuses or source_locale is None:
        return statuses
    sources = source_pages(source_locale)
    by_locale = classified(source_locale, sources, [locale.pk for _language, locale in pairs])
    all_sources = list(sources.order_by("path").values("pk", "title", "translation_key"))
    target_ids = [locale.pk for _language, locale in pairs]
    demand = TranslationDemand.counts(sources.values("translation_key"), target_ids)
    for status in statuses:
        lists = by_locale[status.locale.pk]
        translated = {e.source_id for entries in lists.values() for e in entries}
        untranslated = [
            Entry(
                page["pk"],
                page["title"],
                demand=demand.get((page["translation_key"], status.locale.pk), 0),
            )
            for page in all_sources
            if page["pk"] not in translated
        ]
        # most requested first; the tree order otherwise (stable sort)
        status.lists[UNTRANSLATED] = sorted(untranslated, key=lambda entry: -entry.demand)
        status.lists.update(lists)
    return statuses
