"""One HTTP check of one address: what a visitor following the link would get.

HEAD first, since it costs the server no body; servers that refuse HEAD (405 Method Not
Allowed, 501 Not Implemented) are asked again with GET, whose body is never read.
Redirects are followed up to a limit. A chain of permanent redirects (301, 308) that ends
in a success is fine, but its end is recorded: editors may want to update the link. A
temporary redirect (302, 303, 307) often leads to a login or a cookie wall, so its end is
not worth recording.
"""

from dataclasses import dataclass

import requests

from link_check.models import LinkError

HEAD_REFUSED = frozenset({405, 501})
PERMANENT_REDIRECTS = frozenset({301, 308})
USER_AGENT = "stem-materials-link-check/1.0 (+checks the links its editors published)"


@dataclass(frozen=True)
class Outcome:
    status_code: int | None = None
    error: str = ""
    final_url: str = ""

    @property
    def broken(self) -> bool:
        return bool(self.error) or (self.status_code is not None and self.status_code >= 400)

    @property
    def transient(self) -> bool:
        """Worth asking again after a pause: the server may be busy or briefly down. A 404
        or a redirect loop will answer the same a second later."""
        if self.error in (LinkError.TIMEOUT, LinkError.CONNECTION):
            return True
        return self.status_code is not None and (self.status_code >= 500 or self.status_code == 429)


def new_session(max_redirects: int) -> requests.Session:
    session = requests.Session()
    session.max_redirects = max_redirects
    session.headers["User-Agent"] = USER_AGENT
    return session


def probe(session: requests.Session, url: str, timeout: float) -> Outcome:
    """Ask for `url` once (HEAD, then GET if HEAD is refused); never raises for network
    trouble, which is an answer too."""
    try:
        response = session.head(url, allow_redirects=True, timeout=timeout)
        response.close()
        if response.status_code in HEAD_REFUSED:
            response = session.get(url, allow_redirects=True, timeout=timeout, stream=True)
            response.close()
    except requests.exceptions.TooManyRedirects:
        return Outcome(error=LinkError.TOO_MANY_REDIRECTS)
    except requests.exceptions.Timeout:
        return Outcome(error=LinkError.TIMEOUT)
    except requests.exceptions.SSLError:
        return Outcome(error=LinkError.TLS)
    except (
        requests.exceptions.InvalidURL,
        requests.exceptions.MissingSchema,
        requests.exceptions.InvalidSchema,
        ValueError,
    ):
        return Outcome(error=LinkError.INVALID)
    except requests.exceptions.RequestException:
        return Outcome(error=LinkError.CONNECTION)
    return Outcome(status_code=response.status_code, final_url=moved_to(response))


def moved_to(response: requests.Response) -> str:
    """The final address when every hop was a permanent redirect and the end succeeded."""
    if not response.history or response.status_code >= 400:
        return ""
    if all(hop.status_code in PERMANENT_REDIRECTS for hop in response.history):
        return response.url
    return ""
