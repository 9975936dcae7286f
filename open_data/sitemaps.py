"""/sitemap.xml: an index of one sitemap per language, each listing that language's live,
public pages with their hreflang alternates.

Wagtail's own sitemap walks one Site's root page, i.e. the source-language tree only,
so search engines would never hear of /de/ or /el/. This builds on Django's sitemap
framework (its views, pagination, templates and Last-Modified header) with one
section per language, /sitemap-<language>.xml (paged with ?p= past the protocol's limit of
50,000 URLs). Django's own i18n mode is not used: it assumes one object with a URL in
every language, while here each language version is its own page, with its own
last-modified date, and many pages exist in only some languages.

At 10,000 materials one urlset of every language took 1.6 s and 3.9 MB. So the index
counts the pages per language in one aggregate query, and a section reads plain rows
(no page objects) of its pages and their other language versions in one query, builds
each URL from its language's prefix and the page's path under its tree's root, as
Wagtail's routing does, and writes the XML as text (sitemap_xml.py). The alternates come
from those same rows: a page links exactly the language versions the sitemaps list. Both
views are cached whole, like the pages (page_cache).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from uuid import UUID

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Max, Q
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from wagtail.models import Page, Site

from open_data.sitemap_xml import alternate_links, url_element, urlset
from page_cache.marking import cacheable

URL_LIMIT = 50_000  # per sitemap file, https://www.sitemaps.org/protocol.html#index


@dataclass(frozen=True)
class SitemapPage:
    language: str
    translation_key: UUID
    path: str  # relative to the request's host
    lastmod: datetime | None


def language_prefix(language: str) -> str:
    """The URL of a language tree's root, e.g. /de/ (Wagtail's page route under i18n)."""
    with translation.override(language):
        return reverse("wagtail_serve", args=("",))


class PageCatalogue:
    """The live, public, non-alias pages of the request's site in every language.

    Aliases are left out: they show another page's content under a second URL.
    """

    def __init__(self, request):
        self.request = request

    @cached_property
    def roots(self) -> dict[str, str]:
        """Language code -> url_path of that language's root page of the request's site."""
        site = Site.find_for_request(self.request)
        if site is None:
            return {}
        roots = site.root_page.get_translations(inclusive=True).select_related("locale")
        return {root.locale.language_code: root.url_path for root in roots}

    @cached_property
    def in_site_and_public(self) -> Q:
        """Built once: Wagtail's public() reads every view restriction each time it is called."""
        in_site = Q(pk__in=[])
        for root_path in self.roots.values():
            in_site |= Q(url_path__startswith=root_path)
        return in_site & ~Page.objects.all().private_q()

    def queryset(self):
        return Page.objects.live().filter(self.in_site_and_public, alias_of__isnull=True)

    @cached_property
    def counts(self) -> dict[str, dict]:
        """Language code -> number of pages and latest publication, in one query."""
        rows = (
            self.queryset()
            .order_by()  # the tree's default order by path would group by page
            .values("locale__language_code")
            .annotate(pages=Count("pk"), latest=Max("last_published_at"))
        )
        return {row["locale__language_code"]: row for row in rows}

    def versions_in(self, language: str) -> list[SitemapPage]:
        """The pages of `language` and every language version of them, in one query."""
        keys = self.queryset().filter(locale__language_code=language).values("translation_key")
        rows = (
            self.queryset()
            .filter(translation_key__in=keys)
            .order_by("path")
            .values_list(
                "locale__language_code",
                "translation_key",
                "url_path",
                Coalesce("last_published_at", "latest_revision_created_at"),
            )
        )
        prefixes = {code: language_prefix(code) for code in self.roots}
        pages = []
        for code, key, url_path, lastmod in rows:
            root_path = self.roots.get(code)
            if root_path is None or not url_path.startswith(root_path):
                continue  # under another language's root: not routable in this language
            pages.append(
                SitemapPage(
                    language=code,
                    translation_key=key,
                    path=prefixes[code] + url_path[len(root_path) :],
                    lastmod=lastmod,
                )
            )
        return pages


class LanguageSitemap:
    """One language's pages, paged by `limit`; each links every language version of
    itself, plus the source language's as x-default."""

    limit = URL_LIMIT

    def __init__(self, catalogue: PageCatalogue, language: str):
        order = {code: position for position, (code, _name) in enumerate(settings.LANGUAGES)}
        self.source_language = settings.LANGUAGE_CODE
        pages = catalogue.versions_in(language)
        self.items = [page for page in pages if page.language == language]
        self.versions = defaultdict(list)
        for page in sorted(pages, key=lambda page: order.get(page.language, len(order))):
            self.versions[page.translation_key].append(page)

    def page(self, number: str | None) -> list[SitemapPage]:
        """The items of page `number` (1 if absent); Http404 for anything else."""
        try:
            return (
                Paginator(self.items, self.limit, allow_empty_first_page=False)
                .page(number or 1)
                .object_list
            )
        except (EmptyPage, PageNotAnInteger) as error:
            raise Http404(str(error)) from error

    def links(self, translation_key: UUID, origin: str) -> str:
        """The alternates of every language version of a page: the same for each."""
        versions = self.versions[translation_key]
        alternates = [(version.language, origin + version.path) for version in versions]
        source = next((v for v in versions if v.language == self.source_language), None)
        if source is not None:
            alternates.append(("x-default", origin + source.path))
        return alternate_links(alternates)

    def response(self, request, number: str | None) -> HttpResponse:
        items = self.page(number)
        origin = f"{request.scheme}://{request.get_host()}"
        zone = timezone.get_current_timezone()
        response = HttpResponse(
            urlset(
                url_element(
                    origin + page.path, page.lastmod, self.links(page.translation_key, origin), zone
                )
                for page in items
            ),
            content_type="application/xml",
        )
        lastmods = [page.lastmod for page in items]
        if lastmods and None not in lastmods:
            response["Last-Modified"] = http_date(max(lastmods).timestamp())
        response["X-Robots-Tag"] = "noindex, noodp, noarchive"
        return response


class LanguageSummary(Sitemap):
    """A language's section as the index sees it: its size and latest change, from the
    aggregate query, without loading its pages."""

    limit = URL_LIMIT

    def __init__(self, count: dict):
        self.count = count

    @property
    def paginator(self):
        return Paginator(range(self.count["pages"]), self.limit)

    def get_latest_lastmod(self):
        return self.count["latest"]


def languages_with_pages(catalogue: PageCatalogue) -> list[str]:
    """The site languages that have public pages, in settings.LANGUAGES order."""
    return [code for code, _name in settings.LANGUAGES if code in catalogue.counts]


@cacheable()
@require_safe
def sitemap_index(request):
    """One sitemap per language that has public pages (more when one exceeds the limit)."""
    catalogue = PageCatalogue(request)
    sections = {
        code: LanguageSummary(catalogue.counts[code]) for code in languages_with_pages(catalogue)
    }
    return sitemap_views.index(request, sections, sitemap_url_name="sitemap-section")


@cacheable(with_query=True)
@require_safe
def sitemap_section(request, section):
    """A language's pages; 404 for a language that is not the site's or has no public page."""
    if section not in dict(settings.LANGUAGES):
        raise Http404(f"No sitemap section {section!r}")
    sitemap = LanguageSitemap(PageCatalogue(request), section)
    return sitemap.response(request, request.GET.get("p"))


urlpatterns = [
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<str:section>.xml", sitemap_section, name="sitemap-section"),
]
