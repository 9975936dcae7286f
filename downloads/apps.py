from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DownloadsConfig(AppConfig):
    """Serving, counting and zipping a material's files, at routes of the material page."""

    name = "downloads"
    verbose_name = _("Downloads")
    default_auto_field = "django.db.models.BigAutoField"
