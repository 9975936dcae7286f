"""The site's URLs plus two bench-only views: the floor every page is measured against, and
the peer a faceted search is measured against (a plain Wagtail search of the same pages)."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import path

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
    path("bench-peer-search/", peer_search_view),
    *site_urlpatterns,
]
