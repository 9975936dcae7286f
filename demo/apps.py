from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo content and `manage.py seed_demo`: the only app that knows the demo."""

    name = "demo"
    verbose_name = _("Demo content")
