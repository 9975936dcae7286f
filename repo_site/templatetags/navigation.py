"""Site-wide navigation: the language switcher, hreflang alternates and the main menu."""

from django import template
from django.conf import settings
from django.utils import translation

from wagtail.models import Page, Site

from materials.versions import versions_of

register = template.Library()

LANGUAGE_NAMES = dict(settings.LANGUAGES)


@register.simple_tag(takes_context=True)
def language_versions(context):
    """Each language this page exists in (live), with its URL; error pages link to each home.

    Returns dicts with code, name, url and current, in settings.LANGUAGES order.
    """
    request = context.get("request")
    if "language_alternates" in context:  # views that are not pages say where they live
        return context["language_alternates"]
    page = context.get("page")
    if not (isinstance(page, Page) and page.pk):
        site = Site.find_for_request(request) if request else None
        if site is None:
            return []
        page = site.root_page
    versions = versions_of(page)
    by_language = {version.locale.language_code: version for version in versions}
    current = translation.get_language()
    links = {code: {"url": version.get_url(request)} for code, version in by_language.items()}
    if isinstance(page, Page) and current not in links and request is not None:
        # A page not yet in the visitor's language, shown under its prefix: the switcher keeps
        # the visitor's language (this URL) and the page's real versions; no hreflang for it.
        links[current] = {"url": request.get_full_path(), "fallback": True}
    return [
        {"code": code, "name": name, "current": code == current, "fallback": False, **links[code]}
        for code, name in settings.LANGUAGES
        if code in links
    ]


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The current language's home page and its children marked 'show in menus'."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"home": None, "items": []}
    home = (
        Page.objects.filter(
            translation_key=site.root_page.translation_key,
            locale__language_code=translation.get_language(),
        )
        .live()
        .first()
    ) or site.root_page
    return {"home": home, "items": list(home.get_children().live().in_menu())}


@register.filter
def language_name(code):
    return LANGUAGE_NAMES.get(code, code)
