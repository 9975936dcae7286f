"""Test settings: fast hashing, throwaway media, no network."""

import tempfile
from pathlib import Path

from repo_site.settings.base import *  # noqa: F403
from repo_site.settings.search import search_backend_settings
from repo_site.settings.tasks import task_settings

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="stem-materials-test-media-"))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Whole-page caching is off so pinned query counts measure rendering; tests/page_cache turns
# it on for its own tests.
PAGE_CACHE_SECONDS = 0

# Tests pre-translate with wagtail-localize's dummy translator (reverses words), never DeepL.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
    "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
}

# The site under test always searches with its database. The live search contract
# (tests/search/test_live_backend.py) reads SEARCH_URL itself and switches engines for its own
# module, so one run covers both without the rest of the suite depending on a server.
WAGTAILSEARCH_BACKENDS = {
    "default": search_backend_settings(
        search_url=None,
        engine="elasticsearch8",
        index_name="stem_materials",
        database_engine=DATABASES["default"]["ENGINE"],  # noqa: F405
    )
}

# Tasks run inside the request that queues them, whatever TASKS_BACKEND says; the tests of
# the worker (tests/background/) switch to the database backend for themselves.
TASKS = task_settings("immediate")

# No request log lines in test output; tests/repo_site/test_request_log.py turns it on.
REQUEST_LOG = False
