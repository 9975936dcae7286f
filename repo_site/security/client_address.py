"""The address django-axes counts failed logins by.

Directly exposed, it is REMOTE_ADDR. Behind the TLS-terminating proxy (BEHIND_TLS_PROXY),
REMOTE_ADDR is the proxy for everyone, so one attacker would lock a username out for all;
the proxy's own X-Forwarded-For entry (the last one: the address the proxy saw) is used
instead. Earlier entries are whatever the client sent and are never trusted.
"""

from django.conf import settings


def client_address(request) -> str:
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "")
