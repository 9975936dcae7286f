"""Keeps the record of source-page text that cannot be translated up to date.

Checked when a source-language page is published (translations share its structure), and
for every live source page by `manage.py check_translatable_text`, for sites whose pages
were published before the check existed.
"""

from django.conf import settings
from wagtail.models import Page
from wagtail.signals import page_published

from materials.locale_codes import language_of
from materials.text_coverage import untranslatable_texts
from translation.models import UntranslatableText


def record_untranslatable_text(page: Page) -> list[str]:
    texts = untranslatable_texts(page.specific)
    if texts:
        UntranslatableText.objects.update_or_create(page=page, defaults={"texts": texts})
    else:
        UntranslatableText.objects.filter(page=page).delete()
    return texts


def on_page_published(sender, instance, **kwargs):
    if language_of(instance) == settings.LANGUAGE_CODE:
        record_untranslatable_text(instance)


def connect():
    page_published.connect(on_page_published, dispatch_uid="translation_untranslatable_text")
