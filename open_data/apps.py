from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    """Metadata for aggregators and search engines: OAI-PMH, sitemap, feeds, the API."""

    name = "open_data"
    verbose_name = _("Open metadata")

    def ready(self):
        # Wagtail's API v2 reads a page model's `api_fields`. A material's are serialisers of
        # its record, which live here with the others; the model does not import them.
        from materials.models import MaterialPage
        from open_data.api_fields import MATERIAL_API_FIELDS

        MaterialPage.api_fields = MATERIAL_API_FIELDS
