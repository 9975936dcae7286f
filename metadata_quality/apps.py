from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MetadataQualityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "metadata_quality"
    verbose_name = _("Metadata quality")
