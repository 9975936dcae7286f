"""Keeps the record of source-page text that cannot be translated up to date.

Checked when a source-language page is published (translations share its structure), and
for every live source page by `manage.py check_translatable_text`, for sites whose pages
were published before the check existed.
"""

import logging

from django.conf import settings

from wagtail.models import Page
from wagtail.signals import page_published

from materials.locale_codes import language_of
from materials.text_coverage import untranslatable_texts
from translation.models import UntranslatableText

logger = logging.getLogger(__name__)


def store(page: Page, texts: list[str]) -> None:
    if texts:
        UntranslatableText.objects.update_or_create(page=page, defaults={"texts": texts})
    else:
        UntranslatableText.objects.filter(page=page).delete()


def record_untranslatable_text(page: Page) -> list[str]:
    texts = untranslatable_texts(page.specific)
    store(page, texts)
    return texts


def on_page_published(sender, instance, **kwargs):
    if language_of(instance) != settings.LANGUAGE_CODE:
        return
    try:
        texts = untranslatable_texts(instance.specific)
    except Exception:  # reading a block it does not know must never make publishing fail
        logger.exception("Could not check page %s for text that cannot be translated", instance.pk)
        return
    store(instance, texts)


def connect():
    page_published.connect(on_page_published, dispatch_uid="translation_untranslatable_text")
