"""Machine-translated titles and summaries of materials, for languages without a human
translation yet.

The configured machine translator (wagtail-localize's setting: DeepL when DEEPL_API_KEY is
set, the dummy translator in tests) translates the source page's title and summary into
every partner language that has no live page of the material. A language's row is
remade only when the source text changed (its fingerprint), and deleted as soon as a
human translation in that language is live: people's work always replaces the machine's.
"""

import hashlib

from wagtail.models import Locale, Page
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.strings import StringValue

from repo_site.languages import load_partner_languages
from translation.models import MachineMetadata


def fingerprint(title: str, summary: str) -> str:
    return hashlib.sha256(f"{title}\x00{summary}".encode()).hexdigest()


def _provider_name(translator) -> str:
    return getattr(translator, "display_name", "") or type(translator).__name__


def _target_locales(page: Page) -> list[Locale]:
    """Partner languages other than the page's own, without a live page of the material."""
    codes = [language.code for language in load_partner_languages()]
    translated = Page.objects.filter(translation_key=page.translation_key, live=True).values(
        "locale_id"
    )
    return list(
        Locale.objects.filter(language_code__in=codes)
        .exclude(pk=page.locale_id)
        .exclude(pk__in=translated)
        .order_by("language_code")
    )


def drop_replaced(translation_key) -> int:
    """Delete the machine rows of languages that now have a live human translation."""
    live = Page.objects.filter(translation_key=translation_key, live=True).values("locale_id")
    deleted, _by_model = MachineMetadata.objects.filter(
        translation_key=translation_key, locale_id__in=live
    ).delete()
    return deleted


def translate_metadata(page: Page) -> list[str]:
    """Make or refresh the machine rows of a live source page; the language codes written.

    Languages the translator cannot handle are skipped (can_translate), as are rows
    already made from the same source text.
    """
    drop_replaced(page.translation_key)
    if not page.live:
        return []
    translator = get_machine_translator()
    if translator is None:
        return []
    title, summary = page.title, getattr(page, "summary", "") or ""
    current = fingerprint(title, summary)
    done = dict(
        MachineMetadata.objects.filter(translation_key=page.translation_key).values_list(
            "locale_id", "source_fingerprint"
        )
    )
    written = []
    for locale in _target_locales(page):
        if done.get(locale.pk) == current or not translator.can_translate(page.locale, locale):
            continue
        strings = [StringValue.from_plaintext(title)]
        if summary:
            strings.append(StringValue.from_plaintext(summary))
        result = translator.translate(page.locale, locale, strings)
        if any(string not in result for string in strings):
            continue  # the provider could not translate all of it: store nothing half-done
        MachineMetadata.objects.update_or_create(
            translation_key=page.translation_key,
            locale=locale,
            defaults={
                "title": result[strings[0]].render_text()[:255],
                "summary": result[strings[1]].render_text() if summary else "",
                "source_fingerprint": current,
                "provider": _provider_name(translator)[:100],
            },
        )
        written.append(locale.language_code)
    return written
