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
    language = content_language(page)
    return format_html(' lang="{}"', language) if language else ""


def content_language(page) -> str:
    """The page's language when it is not the visitor's, else the empty string."""
    return language_of(page) if is_shown_in_other_language(page) else ""


@register.simple_tag
def visitor_ancestors(page) -> list:
    """The page's ancestors below the root, in the visitor's language where they exist."""
    if not is_shown_in_other_language(page):
        routed = routed_ancestors(page)
        return routed if routed is not None else list(page.get_ancestors()[1:])
    return localize_all(list(page.get_ancestors()[1:]))


def routed_ancestors(page) -> list | None:
    """The ancestors below the root that routing this request already loaded, or None.

    Wagtail's routing hands each child it walks through its parent (`_cached_parent_obj`,
    which `.specific` copies), so a served page knows its home and index pages: the
    breadcrumb then costs no query. A page not reached by routing (a preview, a fallback
    page found through the source tree) lacks the chain and is read from the database.
    """
    chain = []
    current = page
    while current.depth > 2:
        parent = getattr(current, "_cached_parent_obj", None)
        if parent is None or parent.path != current.path[: -Page.steplen]:
            return None
        chain.append(parent)
        current = parent
    return chain[::-1]


@register.simple_tag(takes_context=True)
def page_link(context, page) -> str:
    """A link to `page` under the visitor's language, its title marked with its own language:
    safe HTML to place inside a translated sentence ("Adapted from <link> for …")."""
    return format_html(
        '<a href="{}"{}>{}</a>', visitor_url(context, page), content_lang(page), page.title
    )
