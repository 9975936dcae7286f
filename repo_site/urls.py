"""URL wiring: the admin and documents unprefixed, every public page under /<language>/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from open_statistics.urls import api_urlpatterns as statistics_api_urls
from open_statistics.urls import page_urlpatterns as statistics_page_urls
from page_cache import route_roots
from repo_site.accessibility import accessibility_statement
from repo_site.operations.health import healthz
from search.urls import api_urlpatterns as search_api_urls
from search.urls import page_urlpatterns as search_page_urls


def pages_routed_from_kept_roots(patterns: list) -> list:
    """Wagtail's page URLs, with its page view started from the route root each process
    keeps (page_cache.route_roots) instead of six queries per request."""
    return [
        URLPattern(url.pattern, route_roots.serve, url.default_args, url.name)
        if getattr(url, "name", None) == "wagtail_serve"
        else url
        for url in patterns
    ]


urlpatterns = [
    # For load balancers: no language prefix, no redirect, no cache.
    path("healthz", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include(search_api_urls)),
    path("", include(statistics_api_urls)),
    path("", include("open_data.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    # Material downloads (<material url>files/...) go through Wagtail's page routing too.
    path("", include("downloads.urls")),
    path("", include(search_page_urls)),
    path("", include(statistics_page_urls)),
    path("", include("translation.visitor_urls")),
    path("", include("quality_check.urls")),
    # Before the page tree: a page with the slug "accessibility" under a home page is hidden.
    path("accessibility/", accessibility_statement, name="accessibility-statement"),
    path("", include(pages_routed_from_kept_roots(wagtail_urls.urlpatterns))),
    prefix_default_language=True,
)
