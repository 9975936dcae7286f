"""The OAI-PMH route, included by open_data.urls (one base URL for every verb)."""

from django.urls import path

from open_data.oai.views import oai_pmh

urlpatterns = [path("oai/", oai_pmh, name="oai-pmh")]
