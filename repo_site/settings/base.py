"""Settings shared by every environment. Everything that varies comes from the environment."""

from pathlib import Path

import dj_database_url

from django.utils.translation import gettext_lazy as _

from repo_site.languages import PARTNER_LANGUAGES, SOURCE_LANGUAGE
from repo_site.settings.cache import cache_settings, environment_frontend_cache, session_engine
from repo_site.settings.environment import env_bool, env_float, env_int, env_list, env_str
from repo_site.settings.search import search_backend_settings
from repo_site.settings.tasks import task_settings

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "repo_site",
    "materials",
    "downloads",
    "demo",
    "open_data",
    "translation",
    "search",
    "page_cache",
    "background",
    "django_tasks_db",
    "curation",
    "link_check",
    "duplicates",
    "harvest",
    "quality_check",
    "pd_uses",
    "open_statistics",
    "metadata_quality",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail.api.v2",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django_countries",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
]

MIDDLEWARE = [
    # First, so its duration and query count cover every other middleware.
    "repo_site.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "repo_site.middleware.PublicLocaleMiddleware",
    # After the language is known, before sessions, CSRF and authentication do any work.
    "page_cache.middleware.PageCacheMiddleware",
    # Inside the page cache: a cached page is stored with the policy whose nonce its body
    # carries, so a hit replays both together.
    "repo_site.security.content_policy.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # After the header middleware, so that the 405 carries the same security headers.
    "repo_site.security.http_methods.RefuseTraceMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "translation.localize_guard.LocalizeTeamGuardMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "repo_site.operations.database_outage.DatabaseOutageMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes checks every login before the model backend does (see repo_site/security/).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "repo_site.urls"
WSGI_APPLICATION = "repo_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Connections are kept for a minute: opening one costs more than serving a cached page
# (measured in `make bench`'s load rows), on SQLite as on PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A small team on the embedded database: each write transaction takes the write lock when
    # it begins (IMMEDIATE), so two publishes queue for up to SQLITE_BUSY_TIMEOUT seconds
    # instead of one failing with "database is locked" when both try to upgrade a read lock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20)}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caching (docs/deployment.md): Redis when REDIS_URL is set, else each process's memory.
CACHES = cache_settings(env_str("REDIS_URL"))
SESSION_ENGINE = session_engine(env_bool("SESSIONS_IN_CACHE", False))
# Anonymous pages and sitemaps are cached whole for this long (0: not at all); every content
# change drops them at once. Download counts on cached pages lag by at most this much.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# s-maxage for CDNs and Varnish; they learn of changes only by purging (WAGTAILFRONTENDCACHE).
CDN_CACHE_SECONDS = env_int("CDN_CACHE_SECONDS", PAGE_CACHE_SECONDS)
WAGTAILFRONTENDCACHE = environment_frontend_cache()
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: one URL prefix per partner language (/en/, /de/, ...).
LANGUAGE_CODE = SOURCE_LANGUAGE
LANGUAGES = PARTNER_LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = PARTNER_LANGUAGES
WAGTAIL_I18N_ENABLED = True
# A new translation starts as a draft, whoever asks for it: its language's reviewers (or an
# admin) publish it. wagtail-localize's default copies the source's live status instead,
# which puts untranslated source text live in the new language.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: documents and images are limited in type, size and pixels.
WAGTAILIMAGES_IMAGE_MODEL = "materials.CustomImage"
WAGTAILDOCS_DOCUMENT_MODEL = "materials.CustomDocument"
WAGTAILDOCS_EXTENSIONS = [
    "pdf", "docx", "pptx", "xlsx", "odt", "odp", "ods", "zip", "txt", "csv", "epub",
]  # fmt: skip
WAGTAILDOCS_DOCUMENT_FORM_BASE = "materials.forms.DocumentForm"
# Counts every frame of an animated image against WAGTAILIMAGES_MAX_IMAGE_PIXELS.
WAGTAILIMAGES_IMAGE_FORM_BASE = "materials.image_frames.ImageForm"
# Documents are always served through Django, never by a direct storage URL, so privacy hooks
# (materials/wagtail_hooks.py) run even if storage moves to S3. Never expose MEDIA_ROOT/documents.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_UPLOAD_MB", 50) * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_MB", 10) * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

WAGTAIL_SITE_NAME = _("STEM PD Materials")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Review workflow e-mails (Wagtail's notifications): the reviewers of a language when a page is
# submitted, the translator when it is approved or rejected; admins too unless turned off.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL") or "webmaster@localhost"
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = env_str("NOTIFICATION_FROM_EMAIL") or DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = env_bool("NOTIFY_ADMINS_OF_REVIEWS", True)
WAGTAILSEARCH_BACKENDS = {
    "default": search_backend_settings(
        search_url=env_str("SEARCH_URL"),
        engine=env_str("SEARCH_ENGINE", "elasticsearch8"),
        index_name=env_str("SEARCH_INDEX", "stem_materials"),
        timeout=env_int("SEARCH_TIMEOUT", 10),
        database_engine=DATABASES["default"]["ENGINE"],
    )
}
# Seconds before the task worker retries index writes the engine refused (search.tasks).
SEARCH_RETRY_DELAY = env_int("SEARCH_RETRY_DELAY", 60)
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# The quality self-check's PDF needs a Unicode TrueType font (regular and bold) for Greek and
# Czech; Debian's fonts-dejavu-core installs DejaVu Sans here.
QUALITY_CHECK_PDF_FONT = env_str(
    "QUALITY_CHECK_PDF_FONT", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
)
QUALITY_CHECK_PDF_BOLD_FONT = env_str(
    "QUALITY_CHECK_PDF_BOLD_FONT", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
)

# OAI-PMH identifiers are oai:<this>:materials/...; harvesters key on them, so never change it.
OAI_REPOSITORY_IDENTIFIER = env_str("OAI_REPOSITORY_IDENTIFIER") or "stem-materials.example.org"
OAI_ADMIN_EMAIL = env_str("OAI_ADMIN_EMAIL", "")  # empty: the ADMINS, else webmaster@<identifier>
# The footer's "Contact" link, and where the accessibility statement asks visitors to report
# barriers (ACCESSIBILITY_CONTACT_EMAIL, when a different team answers those).
CONTACT_EMAIL = env_str("CONTACT_EMAIL") or f"contact@{OAI_REPOSITORY_IDENTIFIER}"
ACCESSIBILITY_CONTACT_EMAIL = env_str("ACCESSIBILITY_CONTACT_EMAIL") or CONTACT_EMAIL
OAI_PAGE_SIZE = env_int("OAI_PAGE_SIZE", 50)
OAI_RESUMPTION_TOKEN_MAX_AGE = env_int("OAI_RESUMPTION_TOKEN_MAX_AGE", 24 * 60 * 60)

# Machine pre-translation in wagtail-localize's editor: DeepL when a key is configured.
DEEPL_API_KEY = env_str("DEEPL_API_KEY", "")
if DEEPL_API_KEY:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": DEEPL_API_KEY},
    }

# Background work: run in the request (immediate) or queued for `manage.py db_worker`
# (database); see repo_site/settings/tasks.py. Production defaults to the database.
TASKS = task_settings(env_str("TASKS_BACKEND", "immediate"))
# A failed task on the database backend is run again, up to this many attempts in all,
# after TASK_RETRY_DELAY seconds, doubled on each further attempt (background.retries).
TASK_MAX_ATTEMPTS = env_int("TASK_MAX_ATTEMPTS", 3)
TASK_RETRY_DELAY = env_int("TASK_RETRY_DELAY", 30)

# Link checking (link_check): seconds to wait for a server's answer; attempts in all for a
# timeout, connection error or 5xx, with pauses of LINK_CHECK_BACKOFF seconds doubled each
# time; seconds between two requests to the same host; redirects followed at most.
LINK_CHECK_TIMEOUT = env_float("LINK_CHECK_TIMEOUT", 10.0)
LINK_CHECK_ATTEMPTS = env_int("LINK_CHECK_ATTEMPTS", 3)
LINK_CHECK_BACKOFF = env_float("LINK_CHECK_BACKOFF", 2.0)
LINK_CHECK_HOST_INTERVAL = env_float("LINK_CHECK_HOST_INTERVAL", 1.0)
LINK_CHECK_MAX_REDIRECTS = env_int("LINK_CHECK_MAX_REDIRECTS", 10)

# Harvesting (harvest): allow partner repositories on loopback or private addresses; off, so
# the URLs editors give cannot reach the server's own network.
HARVEST_ALLOW_PRIVATE_HOSTS = env_bool("HARVEST_ALLOW_PRIVATE_HOSTS", False)

# One JSON line per request on stdout (repo_site/request_log.py); production turns it on.
REQUEST_LOG = env_bool("REQUEST_LOG", False)

from repo_site.settings.security import *  # noqa: E402, F403

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"message": {"format": "%(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "json_lines": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "message",
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Wagtail logs every publish and background task at INFO; keep the console readable.
        "wagtail": {"level": env_str("WAGTAIL_LOG_LEVEL", "WARNING")},
        "django_tasks": {"level": "WARNING"},
        "modelsearch": {"level": "WARNING"},
        "repo_site.requests": {"handlers": ["json_lines"], "level": "INFO", "propagate": False},
    },
}
