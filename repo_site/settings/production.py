"""Production: refuses to start without SECRET_KEY and ALLOWED_HOSTS; `check --deploy` clean."""

from django.core.exceptions import ImproperlyConfigured

from repo_site.operations.error_reporting import init_sentry
from repo_site.settings.base import *  # noqa: F403
from repo_site.settings.environment import (
    env_bool,
    env_float,
    env_int,
    env_list,
    env_required,
    env_str,
)
from repo_site.settings.tasks import task_settings

DEBUG = False
SECRET_KEY = env_required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "The ALLOWED_HOSTS environment variable must name at least one host in production."
    )

# WhiteNoise serves the collected static files straight after SecurityMiddleware.
_after_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1  # noqa: F405
MIDDLEWARE = [
    *MIDDLEWARE[:_after_security],  # noqa: F405
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[_after_security:],  # noqa: F405
]

# Hashed, compressed static files (STORAGES is defined in base; only this backend differs).
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}  # noqa: F405

# HTTPS everywhere; behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER_NAME.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Load balancers probe the backend over plain HTTP: /healthz answers, never redirects.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Review e-mails come from the site's own domain unless an address is configured.
_SITE_HOST = next((h.lstrip(".") for h in ALLOWED_HOSTS if "*" not in h), "localhost")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL") or f"noreply@{_SITE_HOST}"
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = env_str("NOTIFICATION_FROM_EMAIL") or DEFAULT_FROM_EMAIL
SERVER_EMAIL = env_str("SERVER_EMAIL") or DEFAULT_FROM_EMAIL


# One JSON line per request on stdout (repo_site/request_log.py), for the log collector.
REQUEST_LOG = env_bool("REQUEST_LOG", True)

# Queued tasks survive restarts; `manage.py db_worker` (started by `make serve`) runs them.
TASKS = task_settings(env_str("TASKS_BACKEND", "database"))

# Server errors: mailed to ADMINS (settings.security), and to Sentry when SENTRY_DSN is set.
SENTRY_ENABLED = init_sentry(
    env_str("SENTRY_DSN"),
    environment=env_str("SENTRY_ENVIRONMENT", "production") or "production",
    traces_sample_rate=env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0),
)
