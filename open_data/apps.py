from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    """Metadata for aggregators and search engines: OAI-PMH, sitemap, feeds, the API."""

    name = "open_data"
    verbose_name = _("Open metadata")
