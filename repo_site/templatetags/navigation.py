"""Site-wide navigation: the language switcher, hreflang alternates and the main menu."""

from django import template
from django.conf import settings
from django.db.models import Q
from django.utils import translation

from wagtail.models import Page, Site

from materials.templatetags.visitor_language import content_language, visitor_url
from materials.versions import versions_of
from page_cache.fragments import cached_fragment

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


# The home page's children the footer links, by slug: in the visitor's language, else in the
# source language (the demo keeps source slugs in every language). A missing one is not linked.
FOOTER_PAGE_SLUGS = {"about": "about", "quality_criteria": "quality-criteria"}


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The current language's home page, its live children marked 'show in menus', and the
    footer's pages (FOOTER_PAGE_SLUGS) among those children: one query for both, so the
    footer costs no query of its own."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"home": None, "items": [], "footer": {}}
    home = (
        Page.objects.filter(
            translation_key=site.root_page.translation_key,
            locale__language_code=translation.get_language(),
        )
        .live()
        .first()
    ) or site.root_page
    source_home = site.root_page
    # The children of this language's home and of the source-language home, in one query: a
    # footer page not yet translated is linked in the source language (shown under the
    # visitor's prefix with the untranslated-content notice, like any other fallback page).
    children = list(
        Page.objects.live()
        .filter(
            Q(path__startswith=home.path, depth=home.depth + 1)
            | Q(path__startswith=source_home.path, depth=source_home.depth + 1)
        )
        .order_by("path")
    )
    own = [child for child in children if child.path.startswith(home.path)]
    source = [child for child in children if not child.path.startswith(home.path)]
    by_slug = {child.slug: child for child in source} | {child.slug: child for child in own}
    return {
        "home": home,
        "items": [child for child in own if child.show_in_menus],
        "footer": {key: by_slug.get(slug) for key, slug in FOOTER_PAGE_SLUGS.items()},
    }


@register.simple_tag(takes_context=True)
def site_menu(context):
    """main_menu as links (url, title, lang, pk), kept under the page-cache generation per
    site and language: an uncached page renders the menu and footer links without a query.

    The links are the same for every visitor of a language (live pages only, no user), so
    they may be shared; any publish, unpublish, move, delete or title change replaces the
    generation token and with it this entry."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"home": None, "items": [], "footer": {}}
    name = f"main_menu:{site.pk}:{translation.get_language()}"
    return cached_fragment(request, name, lambda: menu_links(context, main_menu(context)))


def menu_links(context, menu: dict) -> dict:
    """The menu's pages as plain links: what the templates show of them, nothing more."""

    def link(page):
        if page is None:
            return None
        return {
            "pk": page.pk,
            "title": page.title,
            "url": visitor_url(context, page),
            "lang": content_language(page),
        }

    return {
        "home": link(menu["home"]),
        "items": [link(item) for item in menu["items"]],
        "footer": {key: link(page) for key, page in menu["footer"].items()},
    }


@register.filter
def language_name(code):
    return LANGUAGE_NAMES.get(code, code)


@register.simple_tag
def contact_email() -> str:
    """The site's contact address (CONTACT_EMAIL), for the footer's Contact link."""
    return settings.CONTACT_EMAIL
