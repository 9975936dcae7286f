"""Lets download URLs with file names reach Wagtail's page routing.

Wagtail's own page pattern only matches paths of [\\w-] segments ending in a slash, so
<material url>files/12/guide.pdf (a dot, no trailing slash) would never reach the page.
This pattern hands exactly those paths to the same `wagtail.views.serve`, which routes them
through the page tree: unpublished pages 404 and `before_serve_page` hooks (view
restrictions) run as for any page, then MaterialPage's routes take over. Include it in
i18n_patterns just before wagtail.urls.
"""

from django.urls import re_path

from wagtail import views as wagtail_views

urlpatterns = [
    re_path(
        r"^((?:[\w\-]+/)+files/(?:all\.zip|[^/]+/[^/]+))$",
        wagtail_views.serve,
        name="material_download",
    ),
]
