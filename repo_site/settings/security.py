"""Login throttling, response security headers, error reports: shared by every environment.

Imported by `base`; each value comes from the environment or is a fixed policy. Why each
choice was made is in docs/deployment.md ("Hardening").
"""

from datetime import timedelta
from email.utils import getaddresses

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from django.core.exceptions import ImproperlyConfigured

from repo_site.settings.environment import env_bool, env_int, env_str

# django-axes: ten failed logins for one username from one address lock that pair out,
# for AXES_COOLOFF_HOURS (1) or until `manage.py axes_reset_username NAME` (or axes_reset).
# Username and address together: an attacker cannot lock a colleague out from elsewhere
# by typing their name, and cannot try one password on every account from one address
# more than ten times each before being noticed in the admin's access-attempt list.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(hours=env_int("AXES_COOLOFF_HOURS", 1))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
# The client's address: REMOTE_ADDR, or behind the TLS proxy the address that proxy saw.
AXES_CLIENT_IP_CALLABLE = "repo_site.security.client_address.client_address"
# Failed passwords are never stored; the username is, to show and reset lockouts.
AXES_SENSITIVE_PARAMETERS = ["password"]
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)

# django-csp: the public site runs no inline script. Its one inline <script> element, the
# JSON-LD data block on material pages, carries the request's nonce. Styles come from the
# site's stylesheet; `style` attributes are allowed for Wagtail's responsive embed wrappers
# (padding-bottom). Embeds (video) are framed from their https origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, "https:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
# Wagtail's admin (and wagtail-localize's editor inside it) still ships inline <script>
# elements (inline panels, date pickers) and inline styles, so /admin/ gets its own policy:
# inline scripts allowed but only from this origin, nothing from other origins except
# images (avatars, embed thumbnails) and embed previews. Only signed-in staff reach it.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", "https:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF, "https:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
ADMIN_URL_PREFIXES = ("/admin/",)
# Wagtail's admin would load every user's avatar from gravatar.com: a request to a third
# party that tells it who uses this admin. Its built-in default avatar is used instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the dashboard ask releases.wagtail.org for new versions; upgrades are planned.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# django-permissions-policy: no page of this site uses these browser features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# Server errors are mailed to ADMINS ("Name <address>, other@example.org") by Django's
# default logging, and sent to Sentry when SENTRY_DSN is set (production settings).
ADMINS = [
    (name or address, address) for name, address in getaddresses([env_str("ADMINS", "") or ""])
]
if any("@" not in address for _name, address in ADMINS):
    raise ImproperlyConfigured(
        "ADMINS must be e-mail addresses separated by commas, e.g. "
        "'Jane Doe <jane@example.org>, ops@example.org'."
    )
SERVER_EMAIL = env_str("SERVER_EMAIL", "root@localhost")

# A database outage on a JSON API path: 503 with Retry-After (repo_site.operations).
DATABASE_OUTAGE_RETRY_AFTER = env_int("DATABASE_OUTAGE_RETRY_AFTER", 30)
