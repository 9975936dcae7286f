"""Benchmark settings: the development settings with DEBUG off and the bench URLs.

DATABASE_URL picks the database and, through it, the search backend, exactly as on the
site. Until search/backends/postgres.py exists, PostgreSQL runs with Wagtail's stock
database backend, and the report names the backend that ran.
"""

from importlib.util import find_spec

from repo_site.settings.dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["testserver"]
ROOT_URLCONF = "bench.urls"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

PROJECT_POSTGRES_BACKEND = "search.backends.postgres"
if (
    WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == PROJECT_POSTGRES_BACKEND  # noqa: F405
    and find_spec(PROJECT_POSTGRES_BACKEND) is None
):
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Pages are timed as rendered; the cached rows turn the page cache on for themselves
# (bench/pages.py), so both are measured in the same run, and so do the search rows, as
# production serves them (bench/search_worker.py: SERVED_CACHE_SECONDS).
PAGE_CACHE_SECONDS = 0
# Failed requests are reported with their tracebacks in the results, not logged twice.
LOGGING["loggers"]["django.request"] = {"level": "CRITICAL"}  # noqa: F405
