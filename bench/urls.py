"""The site's URLs plus a trivial view: the floor every page is measured against."""

from django.http import HttpResponse
from django.urls import path

from repo_site.urls import urlpatterns as site_urlpatterns


def floor_view(request):
    return HttpResponse("ok")


urlpatterns = [path("bench-floor/", floor_view), *site_urlpatterns]
