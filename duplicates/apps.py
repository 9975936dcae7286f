from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DuplicatesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "duplicates"
    verbose_name = _("Duplicates")

    def ready(self):
        from duplicates import signals  # noqa: F401
