from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PDUsesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pd_uses"
    verbose_name = _("PD uses")
