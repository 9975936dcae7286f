"""One HTTP GET of an OAI-PMH page, with a timeout and a size limit.

The standard library's urllib is enough for OAI-PMH, which needs GET with a query string
and nothing else. Every way the request can fail (refused connection, timeout, an HTTP
error status, an oversized answer) becomes one HarvestFailed whose message names the URL,
so the editor reads what went wrong rather than a traceback.

Editors give the URL in the admin, and a run's error is shown back to them, so the server
must not become a way to probe its own network: a host that resolves to a loopback,
private, link-local or otherwise non-public address is refused, before the request and
at every redirect, unless HARVEST_ALLOW_PRIVATE_HOSTS is on (a repository on the
partner's intranet).
"""

import ipaddress
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable

from django.conf import settings
from django.utils.translation import gettext as _

TIMEOUT_SECONDS = 60
# A ListRecords page is a few hundred records; this bounds one page, not the harvest.
MAX_PAGE_BYTES = 20 * 1024 * 1024
USER_AGENT = "stem-materials-harvester/1.0 (OAI-PMH 2.0)"

# (base URL, query parameters) -> the response body; tests pass their own.
Fetch = Callable[[str, dict[str, str]], bytes]


class HarvestFailed(Exception):
    """The harvest stopped: nothing of this run was written; the message says why."""


def refuse_private_host(url: str) -> None:
    """HarvestFailed when the URL's host resolves to an address that is not public. A host
    that does not resolve is left to the request, which reports it."""
    if getattr(settings, "HARVEST_ALLOW_PRIVATE_HOSTS", False):
        return
    host = urllib.parse.urlsplit(url).hostname
    if not host:
        return
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError):
        return
    for address in sorted(addresses):
        if not ipaddress.ip_address(address.split("%")[0]).is_global:
            raise HarvestFailed(
                _(
                    "%(host)s is not a public address (%(address)s); harvesting from private "
                    "networks is off (HARVEST_ALLOW_PRIVATE_HOSTS)."
                )
                % {"host": host, "address": address}
            )


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to a public host."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        refuse_private_host(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def page_url(base_url: str, params: dict[str, str]) -> str:
    separator = "&" if "?" in base_url else "?"
    return f"{base_url}{separator}{urllib.parse.urlencode(params)}"


def http_get(base_url: str, params: dict[str, str]) -> bytes:
    timeout = getattr(settings, "HARVEST_TIMEOUT", TIMEOUT_SECONDS)
    url = page_url(base_url, params)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    refuse_private_host(url)
    opener = urllib.request.build_opener(_CheckedRedirects)
    try:
        with opener.open(request, timeout=timeout) as response:
            body = response.read(MAX_PAGE_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise HarvestFailed(
            _("The repository answered HTTP %(status)d (%(reason)s) for %(url)s.")
            % {"status": error.code, "reason": error.reason, "url": url}
        ) from error
    except TimeoutError as error:
        raise HarvestFailed(
            _("The repository did not answer within %(seconds)d seconds: %(url)s.")
            % {"seconds": timeout, "url": url}
        ) from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise HarvestFailed(
                _("The repository did not answer within %(seconds)d seconds: %(url)s.")
                % {"seconds": timeout, "url": url}
            ) from error
        raise HarvestFailed(
            _("The repository cannot be reached (%(reason)s): %(url)s.")
            % {"reason": error.reason, "url": url}
        ) from error
    except (OSError, ValueError) as error:
        raise HarvestFailed(
            _("The repository cannot be reached (%(reason)s): %(url)s.")
            % {"reason": error, "url": url}
        ) from error
    if len(body) > MAX_PAGE_BYTES:
        raise HarvestFailed(
            _("One page of the repository's answer is over %(limit)d MB: %(url)s.")
            % {"limit": MAX_PAGE_BYTES // 1024 // 1024, "url": url}
        )
    return body
