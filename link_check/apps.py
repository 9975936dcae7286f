from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinkCheckConfig(AppConfig):
    """Checking the links editors publish: materials' original URLs and the links in the
    rich text of materials, catalogues and reviews. It reads the content model and writes
    only its own tables; the material page learns of a long-dead original link through a
    hook (materials.extension_points), so materials never imports this app."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "link_check"
    verbose_name = _("Link checking")
