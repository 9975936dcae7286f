"""Sentry, when SENTRY_DSN is set. ADMINS get server errors by e-mail through Django's
default logging either way; Sentry adds grouping, stack locals and release tracking.

sentry-sdk is an optional dependency (`pip install -e .[sentry]`): a site that does not
use Sentry does not install it, and nothing is initialised without a DSN.
"""

from django.core.exceptions import ImproperlyConfigured


def init_sentry(dsn: str | None, environment: str, traces_sample_rate: float = 0.0) -> bool:
    """Start the Sentry client for Django; False when no DSN is configured."""
    if not dsn:
        return False
    try:
        import sentry_sdk
        from sentry_sdk.integrations.django import DjangoIntegration
    except ImportError as error:
        raise ImproperlyConfigured(
            "SENTRY_DSN is set but sentry-sdk is not installed: pip install -e '.[sentry]'"
        ) from error
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration()],
        traces_sample_rate=traces_sample_rate,
        # Visitors' addresses, cookies and user names stay out of the reports.
        send_default_pii=False,
    )
    return True
