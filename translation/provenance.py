"""Where a translated page comes from and whether it is still current, for its visitors.

Read for one page at a time (a page view), in two queries: the wagtail-localize translation
(with whether machine-translated strings remain) and the live source page. Listings never
call this, so cards cost nothing extra.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef

from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation

from materials.locale_codes import language_of
from translation.dashboard import is_outdated

# The source page's link (Page.get_url reads its url_path) and when it was last published.
SOURCE_FIELDS = ("id", "url_path", "last_published_at", "locale")


@dataclass(frozen=True)
class Provenance:
    source_language: str
    source_url: str | None
    reviewed_at: datetime | None  # when the translation was last published (by its reviewers)
    machine_translated: bool  # some text is still the machine pre-translation
    source_updated_at: datetime | None  # set only when the source changed since

    @property
    def outdated(self) -> bool:
        return self.source_updated_at is not None


def provenance_for(page: Page, request=None) -> Provenance | None:
    """The provenance of a translated page; None for a page in its source language."""
    machine = StringTranslation.objects.filter(
        locale_id=OuterRef("target_locale_id"),
        context__object_id=OuterRef("source__object_id"),
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
    )
    # Two values, not the translation and its source: the source row holds the whole
    # serialised page (content_json), which the notice never reads. A page has at most one
    # translation into its own locale, so no ordering is needed either.
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id
        )
        .annotate(machine=Exists(machine))
        .order_by()
        .values_list("source__locale__language_code", "machine")[:1]
    )
    found = next(iter(translation), None)
    if found is not None:
        source_language, machine_translated = found
    elif language_of(page) != settings.LANGUAGE_CODE:
        source_language = settings.LANGUAGE_CODE  # translated by copying, outside wagtail-localize
        machine_translated = False
    else:
        return None
    # One live page per translation key and locale; only what the notice shows of it.
    source = next(
        iter(
            Page.objects.live()
            .filter(translation_key=page.translation_key, locale__language_code=source_language)
            .only(*SOURCE_FIELDS)
            .order_by()[:1]
        ),
        None,
    )
    source_updated = (
        source.last_published_at
        if source and is_outdated(source.last_published_at, page.last_published_at)
        else None
    )
    return Provenance(
        source_language=source_language,
        source_url=source.get_url(request) if source else None,
        reviewed_at=page.last_published_at,
        machine_translated=bool(machine_translated),
        source_updated_at=source_updated,
    )
