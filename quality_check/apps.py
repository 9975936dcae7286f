from django.apps import AppConfig


class QualityCheckConfig(AppConfig):
    """The PD provider's quality self-check: a form over the quality criteria, a profile
    with recommendations, printable and as a PDF. It stores nothing and has no models."""

    name = "quality_check"
    verbose_name = "Quality self-check"
