"""Language code of a locale id, without a query per page.

Templates ask for the language of every linked page (to link it under the visitor's prefix
and mark it with `lang`); `page.locale` would cost a query each. Locales change rarely, so
their codes are read once per process and re-read whenever a locale is saved or deleted.
"""

from django.db.models.signals import post_delete, post_save

from wagtail.models import Locale

_codes: dict[int, str] = {}


def language_code(locale_id: int) -> str:
    if locale_id not in _codes:
        _codes.clear()
        _codes.update(Locale.objects.values_list("pk", "language_code"))
    return _codes.get(locale_id, "")


def language_of(page) -> str:
    """The page's language code; uses page.locale if it is loaded already."""
    cached = page._state.fields_cache.get("locale")
    return cached.language_code if cached is not None else language_code(page.locale_id)


def _forget(**_kwargs):
    _codes.clear()


post_save.connect(_forget, sender=Locale, dispatch_uid="materials_locale_codes_save")
post_delete.connect(_forget, sender=Locale, dispatch_uid="materials_locale_codes_delete")
