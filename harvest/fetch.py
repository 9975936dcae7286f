"""One HTTP GET of an OAI-PMH page, with a timeout and a size limit.

The standard library's urllib is enough for OAI-PMH, which needs GET with a query string
and nothing else. Every way the request can fail (refused connection, timeout, an HTTP
error status, an oversized answer) becomes one HarvestFailed whose message names the URL,
so the editor reads what went wrong rather than a traceback.
"""

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


def page_url(base_url: str, params: dict[str, str]) -> str:
    separator = "&" if "?" in base_url else "?"
    return f"{base_url}{separator}{urllib.parse.urlencode(params)}"


def http_get(base_url: str, params: dict[str, str]) -> bytes:
    timeout = getattr(settings, "HARVEST_TIMEOUT", TIMEOUT_SECONDS)
    url = page_url(base_url, params)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
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
