"""/sitemap.xml: every live, public page of every language tree, with its hreflang alternates.

Wagtail's own sitemap walks one Site's root page, i.e. the source-language tree only,
so search engines would never hear of /de/ or /el/. This builds on Django's sitemap
framework (its views, pagination, templates and Last-Modified header) with one
section per language. Django's own i18n mode is not used: it assumes one object
with a URL in every language, while here each language version is its own page,
with its own last-modified date, and many pages exist in only some languages.

/sitemap.xml is a plain urlset while all pages fit the protocol's limit of 50,000
URLs, and becomes a sitemap index over /sitemap-<language>.xml (paged with ?p=)
once they do not. Every page is loaded in one query, whatever the number of pages,
and the alternates are built from that same list: a page links exactly the language
versions the sitemap itself lists.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property, reduce
from operator import or_

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Q
from django.urls import path

from wagtail.models import Page, Site

URL_LIMIT = 50_000  # per sitemap file, https://www.sitemaps.org/protocol.html#index


@dataclass(frozen=True)
class SitemapPage:
    language: str
    translation_key: str
    path: str  # relative to the request's host
    lastmod: datetime | None


class PageCatalogue:
    """The live, public, non-alias pages of the request's site in every language.

    Aliases are left out: they show another page's content under a second URL.
    """

    def __init__(self, request):
        self.request = request

    @cached_property
    def pages(self) -> list[SitemapPage]:
        site = Site.find_for_request(self.request)
        if site is None:
            return []
        roots = site.root_page.get_translations(inclusive=True).only("path")
        in_site = reduce(or_, (Q(path__startswith=root.path) for root in roots), Q(pk__in=[]))
        queryset = (
            Page.objects.live()
            .public()
            .filter(in_site, alias_of__isnull=True)
            .select_related("locale")
            .only(
                "url_path",
                "translation_key",
                "last_published_at",
                "latest_revision_created_at",
                "locale__language_code",
            )
            .order_by("path")
        )
        pages = []
        for page in queryset:
            url_parts = page.get_url_parts(self.request)
            if not url_parts or url_parts[2] is None:
                continue  # not routable (outside every site or headless)
            pages.append(
                SitemapPage(
                    language=page.locale.language_code,
                    translation_key=str(page.translation_key),
                    path=url_parts[2],
                    lastmod=page.last_published_at or page.latest_revision_created_at,
                )
            )
        return pages

    @cached_property
    def versions(self) -> dict[str, list[SitemapPage]]:
        """The language versions of each page, in settings.LANGUAGES order."""
        order = {code: position for position, (code, _name) in enumerate(settings.LANGUAGES)}
        versions = defaultdict(list)
        for page in self.pages:
            versions[page.translation_key].append(page)
        for group in versions.values():
            group.sort(key=lambda page: order.get(page.language, len(order)))
        return versions

    def in_language(self, language: str) -> list[SitemapPage]:
        return [page for page in self.pages if page.language == language]


class LanguageSitemap(Sitemap):
    """One language's pages; alternates link every language version plus x-default."""

    limit = URL_LIMIT

    def __init__(self, catalogue: PageCatalogue, language: str):
        self.catalogue = catalogue
        self.language = language

    def items(self):
        return self.catalogue.in_language(self.language)

    def location(self, item):
        return item.path

    def lastmod(self, item):
        return item.lastmod

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        for url in urls:
            versions = self.catalogue.versions[url["item"].translation_key]
            url["alternates"] = [
                {"lang_code": version.language, "location": origin + version.path}
                for version in versions
            ]
            source = next((v for v in versions if v.language == settings.LANGUAGE_CODE), None)
            if source is not None:
                url["alternates"].append(
                    {"lang_code": "x-default", "location": origin + source.path}
                )
        return urls


def language_sections(catalogue: PageCatalogue) -> dict[str, LanguageSitemap]:
    """A section per site language that has pages, named by its language code."""
    languages = {page.language for page in catalogue.pages}
    return {
        code: LanguageSitemap(catalogue, code)
        for code, _name in settings.LANGUAGES
        if code in languages
    }


def sitemap(request):
    """The whole urlset while it fits one file, else the index of the language sections."""
    catalogue = PageCatalogue(request)
    sections = language_sections(catalogue)
    if len(catalogue.pages) <= LanguageSitemap.limit:
        return sitemap_views.sitemap(request, sections)
    return sitemap_views.index(request, sections, sitemap_url_name="sitemap-section")


def sitemap_section(request, section):
    return sitemap_views.sitemap(request, language_sections(PageCatalogue(request)), section)


urlpatterns = [
    path("sitemap.xml", sitemap, name="sitemap"),
    path("sitemap-<str:section>.xml", sitemap_section, name="sitemap-section"),
]
