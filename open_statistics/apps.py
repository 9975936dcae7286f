from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenStatisticsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "open_statistics"
    verbose_name = _("Open statistics")
