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
or languages, so the dashboard stays fast as the repository grows.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from django.db.models import CharField, Count, Exists, F, OuterRef
from django.db.models.functions import Cast
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
    edit_url: str
    translation_id: int | None = None
    percent_done: int | None = None  # None: no wagtail-localize record to measure
    demand: int = 0  # visitors who asked for this page in the language (untranslated only)


@dataclass
class LanguageStatus:
    language: PartnerLanguage
    locale: Locale
    lists: dict[str, list[Entry]] = field(default_factory=lambda: {c: [] for c, _l in CATEGORIES})

    @property
    def counts(self) -> dict[str, int]:
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


def _progress(source_locale, source_keys, locale_ids) -> dict[tuple, int]:
    """Percent of required string segments translated, keyed by (translation_key, locale_id)."""
    sources = dict(
        TranslationSource.objects.filter(
            locale=source_locale, object_id__in=source_keys
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


def language_statuses(locale_ids: set[int] | None = None) -> list[LanguageStatus]:
    """The five lists for every partner language (or those in locale_ids), computed in bulk."""
    source_locale, pairs = partner_locales(locale_ids)
    statuses = [LanguageStatus(language, locale) for language, locale in pairs]
    if not statuses or source_locale is None:
        return statuses
    sources = list(
        Page.objects.live()
        .filter(
            locale=source_locale,
            content_type__app_label=HomePage._meta.app_label,
            content_type__model__in=translatable_page_models(),
        )
        .order_by("path")
        .values("pk", "title", "translation_key", "last_published_at")
    )
    keys = [source["translation_key"] for source in sources]
    target_ids = [locale.pk for _language, locale in pairs]
    in_review = WorkflowState.objects.filter(
        base_content_type__app_label="wagtailcore",
        base_content_type__model="page",
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    translations = {
        (page["translation_key"], page["locale_id"]): page
        for page in Page.objects.filter(translation_key__in=keys, locale_id__in=target_ids)
        .annotate(in_review=Exists(in_review))
        .values(
            "pk", "title", "translation_key", "locale_id", "live", "last_published_at", "in_review"
        )
    }
    progress = _progress(source_locale, keys, target_ids)
    demand = TranslationDemand.counts(keys, target_ids)
    for status in statuses:
        for source in sources:
            key = source["translation_key"]
            page = translations.get((key, status.locale.pk))
            if page is None:
                entry = Entry(source["pk"], source["title"], _edit_url(source["pk"]))
                entry.demand = demand.get((key, status.locale.pk), 0)
                status.lists[UNTRANSLATED].append(entry)
                continue
            percent = progress.get((key, status.locale.pk))
            entry = Entry(source["pk"], page["title"], _edit_url(page["pk"]), page["pk"], percent)
            if page["in_review"]:
                category = WAITING_FOR_REVIEW
            elif page["live"] and is_outdated(
                source["last_published_at"], page["last_published_at"]
            ):
                category = OUTDATED
            elif not page["live"] or (percent is not None and percent < 100):
                category = IN_PROGRESS
            else:
                category = PUBLISHED
            status.lists[category].append(entry)
    for status in statuses:  # most requested first; the tree order otherwise (stable sort)
        status.lists[UNTRANSLATED].sort(key=lambda entry: -entry.demand)
    return statuses
