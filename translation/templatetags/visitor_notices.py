"""What a visitor is told about a page's language: shown in its source language (with a
"request a translation" button), or translated from which language, reviewed when, and
whether the original changed since. Rendered by base.html for every page."""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info

from wagtail.models import Page

from materials.locale_codes import language_of
from translation.demand import already_requested
from translation.machine_text import machine_text_for
from translation.provenance import provenance_for

register = template.Library()

CONTENT_LANGUAGES = dict(settings.WAGTAIL_CONTENT_LANGUAGES)


def language_name(code: str) -> str:
    """The language's name in the active language ("Englisch" on a German page)."""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return CONTENT_LANGUAGES.get(code, code)


def shown_in_other_language(page) -> bool:
    visitor = get_language()
    return isinstance(page, Page) and visitor in CONTENT_LANGUAGES and language_of(page) != visitor


@register.inclusion_tag("translation/includes/language_notice.html", takes_context=True)
def language_notice(context, page=None):
    page = page or context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or request is None or getattr(request, "is_preview", False):
        return {}
    visitor = get_language()
    if shown_in_other_language(page):
        return {
            "fallback": True,
            "page": page,
            "request": request,
            "csrf_token": context.get("csrf_token"),
            "page_language": language_of(page),
            "page_language_name": language_name(language_of(page)),
            "visitor_language_name": language_name(visitor),
            "requested": already_requested(request, page.translation_key, visitor),
            "machine_text": machine_text_for(page, visitor),
            "visitor_language": visitor,
        }
    if language_of(page) == settings.LANGUAGE_CODE:
        return {}  # the source language: nothing to say
    provenance = provenance_for(page, request)
    if provenance is None:
        return {}
    return {
        "provenance": provenance,
        "source_language_name": language_name(provenance.source_language),
    }


@register.simple_tag(takes_context=True)
def fallback_canonical(context, page=None) -> str:
    """A page shown under another language's prefix names its source version as canonical."""
    page = page or context.get("page")
    if not shown_in_other_language(page):
        return ""
    request = context.get("request")
    url = page.get_url(request)
    if request is not None:
        url = request.build_absolute_uri(url)  # same host as the hreflang alternates
    return format_html('<link rel="canonical" href="{}">', url)
