from django.apps import AppConfig


class BackgroundConfig(AppConfig):
    """Background work on django-tasks: the retry policy for failed tasks and the admin
    report that lists them. The tasks themselves belong to the apps that own the work."""

    name = "background"
    verbose_name = "Background work"

    def ready(self):
        from background import retries

        retries.connect()
