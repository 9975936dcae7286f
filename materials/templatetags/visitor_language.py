"""Template helpers for pages shown in another language than the visitor's.

`visitor_url` links a page under the visitor's language prefix (the language trees route it,
see materials/models/fallback.py); `content_lang` marks content in another language with its
own lang attribute. Neither costs a query per page (see materials/locale_codes.py).
"""

from django import template
from django.conf import settings
from django.utils.html import format_html

from wagtail.models import Page

from materials.locale_codes import language_of
from materials.localization import active_language, localize_all
from materials.models.fallback import url_in_language

register = template.Library()

CONTENT_LANGUAGES = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}


def _visitor_language() -> str | None:
    language = active_language()
    return language if language in CONTENT_LANGUAGES else None


@register.filter
def is_shown_in_other_language(page) -> bool:
    language = _visitor_language()
    return bool(isinstance(page, Page) and language and language_of(page) != language)


@register.simple_tag(takes_context=True)
def visitor_url(context, page) -> str:
    url = page.get_url(context.get("request"))
    language = _visitor_language()
    return url_in_language(url, language_of(page), language) if language else url


@register.simple_tag
def content_lang(page) -> str:
    """` lang="xx"` when the page's content is not in the visitor's language, else nothing."""
    if not is_shown_in_other_language(page):
        return ""
    return format_html(' lang="{}"', language_of(page))


@register.simple_tag
def visitor_ancestors(page) -> list:
    """The page's ancestors below the root, in the visitor's language where they exist."""
    ancestors = list(page.get_ancestors()[1:])
    if not is_shown_in_other_language(page):
        return ancestors
    return localize_all(ancestors)


@register.simple_tag(takes_context=True)
def page_link(context, page) -> str:
    """A link to `page` under the visitor's language, its title marked with its own language:
    safe HTML to place inside a translated sentence ("Adapted from <link> for …")."""
    return format_html(
        '<a href="{}"{}>{}</a>', visitor_url(context, page), content_lang(page), page.title
    )
