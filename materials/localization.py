"""Bulk localisation of canonical objects for the visitor's language.

`instance.localized` costs one query per object; a material page shows a dozen
terms, so these helpers localise a whole list in one query per model instead. Objects
loaded with their locale (select_related("locale")) that are already in the language need
no query at all: on a source-language page that is every term.
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import TypeVar

from django.utils import translation

from wagtail.models import Page

T = TypeVar("T")


def active_language() -> str:
    return translation.get_language() or ""


def already_in(obj, language_code: str) -> bool:
    """Whether obj's locale, if it was loaded with obj, is the language (no query)."""
    descriptor = getattr(type(obj), "locale", None)
    if descriptor is None or not descriptor.is_cached(obj):
        return False
    return obj.locale.language_code == language_code


def localize_all(
    objects: Iterable[T], language_code: str | None = None, page_fields: Iterable[str] = ()
) -> list[T]:
    """Return each object's version in the language (or the object itself), keeping order.

    Objects may mix models; pages only resolve to live translations. `page_fields`, when
    given, are the only fields read of those translated pages (QuerySet.only): a caller that
    only links them need not load whole pages.
    """
    objects = list(objects)
    language_code = language_code or active_language()
    pending: dict[type, list] = defaultdict(list)
    for obj in objects:
        if not already_in(obj, language_code):
            pending[type(obj)].append(obj.translation_key)

    found: dict[tuple[type, object], object] = {}
    for model, keys in pending.items():
        queryset = model._default_manager.filter(
            translation_key__in=keys, locale__language_code=language_code
        )
        if issubclass(model, Page):
            queryset = queryset.live()
            if page_fields:
                queryset = queryset.only(*page_fields)
        for match in queryset:
            found[(model, match.translation_key)] = match
    return [
        obj if already_in(obj, language_code) else found.get((type(obj), obj.translation_key), obj)
        for obj in objects
    ]


def localize_groups(
    groups: dict[str, list], language_code: str | None = None, page_fields: Iterable[str] = ()
) -> dict[str, list]:
    """localize_all over several named lists at once (one query per model, not per list)."""
    flat = [obj for objects in groups.values() for obj in objects]
    localized = iter(localize_all(flat, language_code, page_fields))
    return {name: [next(localized) for _obj in objects] for name, objects in groups.items()}
