"""WSGI entry point; production deployments set DJANGO_SETTINGS_MODULE themselves."""

import os

from django.core.wsgi import get_wsgi_application

from repo_site.operations.startup_heap import settle_startup_heap

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "repo_site.settings.production")

application = get_wsgi_application()
settle_startup_heap()
