from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaterialsConfig(AppConfig):
    name = "materials"
    verbose_name = _("Materials")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from materials import signals  # noqa: F401
