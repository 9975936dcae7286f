"""Machine-translated titles and summaries of materials, for languages without a human
translation yet.

The configured machine translator (wagtail-localize's setting: DeepL when DEEPL_API_KEY is
set, the dummy translator in tests) translates the source page's title and summary into
every partner language that has no live page of the material. A language's row is
remade only when the source text changed (its fingerprint), and deleted as soon as a
human translation in that language is live: people's work always replaces the machine's.
"""

import hashlib

from django.conf import settings

from wagtail.models import Locale, Page
from wagtail.search.index import insert_or_update_object
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.strings import StringValue

from repo_site.languages import load_partner_languages
from translation.models import MachineMetadata

TRANSLATED_FIELDS = ("title", "summary", "keywords")


def fingerprint(*texts: str) -> str:
    return hashlib.sha256("\x00".join(texts).encode()).hexdigest()


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


def reindex_source(translation_key) -> None:
    """The material's source-language version indexes its machine text
    (translation.machine_text.index_texts): index it again when that text changes."""
    source = Page.objects.filter(
        translation_key=translation_key, locale__language_code=settings.LANGUAGE_CODE
    ).first()
    if source is not None:
        insert_or_update_object(source.specific)


def drop_replaced(translation_key) -> int:
    """Delete the machine rows of languages that now have a live human translation."""
    live = Page.objects.filter(translation_key=translation_key, live=True).values("locale_id")
    deleted, _by_model = MachineMetadata.objects.filter(
        translation_key=translation_key, locale_id__in=live
    ).delete()
    if deleted:
        reindex_source(translation_key)
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
    texts = {name: getattr(page, name, "") or "" for name in TRANSLATED_FIELDS}
    current = fingerprint(*texts.values())
    done = dict(
        MachineMetadata.objects.filter(translation_key=page.translation_key).values_list(
            "locale_id", "source_fingerprint"
        )
    )
    written = []
    for locale in _target_locales(page):
        if done.get(locale.pk) == current or not translator.can_translate(page.locale, locale):
            continue
        strings = {name: StringValue.from_plaintext(text) for name, text in texts.items() if text}
        result = translator.translate(page.locale, locale, list(strings.values()))
        if any(string not in result for string in strings.values()):
            continue  # the provider could not translate all of it: store nothing half-done
        translated = {name: result[string].render_text() for name, string in strings.items()}
        MachineMetadata.objects.update_or_create(
            translation_key=page.translation_key,
            locale=locale,
            defaults={
                "title": translated.get("title", "")[:255],
                "summary": translated.get("summary", ""),
                "keywords": translated.get("keywords", ""),
                "source_fingerprint": current,
                "provider": _provider_name(translator)[:100],
            },
        )
        written.append(locale.language_code)
    if written:
        reindex_source(page.translation_key)
    return written
