"""Background work of the translation app (django-tasks: the database backend's worker in
production, the immediate backend in development and tests)."""

from django_tasks import task

from django.contrib.auth import get_user_model

from wagtail.models import Locale, Page

from translation.machine_metadata import drop_replaced, translate_metadata
from translation.pretranslate import pretranslate_language


@task()
def machine_translate_metadata(page_id: int) -> list[str]:
    """Machine-translate a published source material's title and summary."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:  # deleted before the worker got to it
        return []
    return translate_metadata(page.specific)


@task()
def drop_replaced_metadata(translation_key: str) -> int:
    """A human translation went live: remove the machine text it replaces."""
    return drop_replaced(translation_key)


@task()
def pretranslate_language_task(locale_id: int, user_id: int) -> int:
    """Machine pre-translation of one language's pending pages, as the user who asked."""
    locale = Locale.objects.filter(pk=locale_id).first()
    user = get_user_model().objects.filter(pk=user_id).first()
    if locale is None or user is None:
        return 0
    return pretranslate_language(locale, user)
