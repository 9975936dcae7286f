from django.apps import AppConfig


class RepoSiteConfig(AppConfig):
    """Site-wide templates and template tags (navigation, language switcher)."""

    name = "repo_site"
    verbose_name = "Site"
