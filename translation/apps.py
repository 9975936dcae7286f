from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationConfig(AppConfig):
    """Translation per partner language: locales, teams, review workflows."""

    name = "translation"
    verbose_name = _("Translation teams")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from translation import coverage, signals

        signals.connect()
        coverage.connect()
