"""The site's URLs plus bench-only views: the floor every page is measured against, the peer a
faceted search is measured against (a plain Wagtail search of the same pages), and a static
file served by Django itself, the ceiling cached pages are compared with."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import path, re_path
from django.views.static import serve as serve_static

from wagtail.models import Locale

from materials.models import MaterialPage
from repo_site.urls import urlpatterns as site_urlpatterns


def floor_view(request):
    return HttpResponse("ok")


def peer_search_view(request):
    """Wagtail's own search of the live materials in one language, first 20 titles."""
    locale = Locale.objects.get(language_code=request.GET.get("lang", settings.LANGUAGE_CODE))
    results = (
        MaterialPage.objects.live()
        .filter(locale=locale)
        .search(request.GET.get("q", ""), operator="and")[:20]
    )
    return HttpResponse("\n".join(page.title for page in results), content_type="text/plain")


urlpatterns = [
    path("bench-floor/", floor_view),
    re_path(
        r"^bench-static/(?P<path>.+)$",
        serve_static,
        {"document_root": settings.STATICFILES_DIRS[0]},
    ),
    path("bench-peer-search/", peer_search_view),
    *site_urlpatterns,
]
