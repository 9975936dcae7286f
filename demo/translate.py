"""Translating demo pages and snippets through wagtail-localize, as a translator would.

Each object gets a TranslationSource and a Translation into the target locale; the
demo translation memory fills in every string segment, and wagtail-localize then
creates and publishes the translated object. The result is indistinguishable from
work done in wagtail-localize's editor: it can be synced, edited and re-published.
"""

from django.db import transaction

from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue


class MissingDemoTranslations(Exception):
    def __init__(self, language_code: str, strings: list[str]):
        self.language_code = language_code
        self.strings = strings
        preview = "\n  ".join(strings[:20])
        super().__init__(
            f"translations/{language_code}.json lacks {len(strings)} string(s):\n  {preview}"
        )


# Demo pages keep their source slugs in every language, so URLs stay predictable.
KEPT_FIELDS = {"slug"}


def text_segments(source: TranslationSource):
    return (
        StringSegment.objects.filter(source=source)
        .exclude(context__path__in=KEPT_FIELDS)
        .select_related("string", "context")
    )


def missing_strings(instance, memory: dict[str, str]) -> list[str]:
    """Source strings of an object that the translation memory does not cover."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    segments = text_segments(source)
    texts = (StringValue(segment.string.data).render_text() for segment in segments)
    return [text for text in texts if text.strip() and not memory.get(text, "").strip()]


@transaction.atomic
def translate_object(instance, locale: Locale, memory: dict[str, str], user=None):
    """Create and publish the translation of `instance` into `locale` from `memory`."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    for segment in text_segments(source):
        text = StringValue(segment.string.data).render_text()
        if not memory.get(text, "").strip():
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": StringValue.from_plaintext(memory[text]).data,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    translation.save_target(user=user, publish=True)
    return translation.get_target_instance()


def has_translation(instance, locale: Locale) -> bool:
    model = Page if isinstance(instance, Page) else type(instance)
    return model.objects.filter(translation_key=instance.translation_key, locale=locale).exists()
