"""Machine pre-translation of every pending page of one language, in one action.

"Pending" is what the dashboard calls in progress or outdated: drafts and live pages whose
source has new text. Pages waiting for review are left alone (their reviewers judge the
text as submitted). Only segments without a translation are filled, through
wagtail-localize's own machine-translation step, so a translator's work is never
overwritten; the pages stay drafts until reviewed.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from wagtail.models import Locale, Page
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import Translation
from wagtail_localize.views.edit_translation import apply_machine_translation

from translation.dashboard import IN_PROGRESS, OUTDATED, classified, partner_locales, source_pages


def pending_translations(locale: Locale) -> list[Translation]:
    source_locale, _pairs = partner_locales({locale.pk})
    if source_locale is None:
        return []
    lists = classified(source_locale, source_pages(source_locale), [locale.pk])[locale.pk]
    page_ids = [entry.translation_id for c in (IN_PROGRESS, OUTDATED) for entry in lists[c]]
    translation_keys = Page.objects.filter(pk__in=page_ids).values("translation_key")
    return list(
        Translation.objects.filter(
            target_locale=locale,
            enabled=True,
            source__locale=source_locale,
            source__object_id__in=translation_keys,
        ).select_related("source", "target_locale")
    )


def pretranslate_language(locale: Locale, user) -> int:
    """Fill the untranslated segments of every pending page; the number of pages done."""
    translator = get_machine_translator()
    if translator is None:
        return 0
    done = 0
    for translation in pending_translations(locale):
        try:
            apply_machine_translation(translation.pk, user, translator)
        except (PermissionDenied, Http404):  # not the user's page, or a pair it cannot do
            continue
        done += 1
    return done
