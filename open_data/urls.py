"""Unprefixed, machine-facing URLs: each serves one format of the materials' metadata."""

from open_data import api, feeds, robots, sitemaps
from open_data.oai import urls as oai

urlpatterns = [
    *oai.urlpatterns,
    *sitemaps.urlpatterns,
    *feeds.urlpatterns,
    *api.urlpatterns,
    *robots.urlpatterns,
]
