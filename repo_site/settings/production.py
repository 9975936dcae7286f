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

DEBUG = False
SECRET_KEY = env_required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "The ALLOWED_HOSTS environment variable must name at least one host in production."
    )

# WhiteNoise serves the collected static files straight after SecurityMiddleware.
MIDDLEWARE = [*MIDDLEWARE[:1], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405

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

# Server errors: mailed to ADMINS (settings.security), and to Sentry when SENTRY_DSN is set.
SENTRY_ENABLED = init_sentry(
    env_str("SENTRY_DSN"),
    environment=env_str("SENTRY_ENVIRONMENT", "production") or "production",
    traces_sample_rate=env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0),
)
