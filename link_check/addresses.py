"""One spelling per web address, so the same link written two ways is checked once.

Only http and https addresses are checked: mailto:, tel:, relative and internal links
(Wagtail stores those as page and document references, not as addresses) are not links
to the outside world.
"""

from urllib.parse import urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise(url: str) -> str | None:
    """The address with its scheme and host lower-cased, the default port and the fragment
    dropped and an empty path written "/"; None when it is not an http(s) address with a
    host. The path and query keep their case: servers may tell them apart."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # e.g. a port that is not a number, or an unbalanced "[" in the host
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in DEFAULT_PORTS or not host:
        return None
    if ":" in host:  # an IPv6 literal is written in brackets
        host = f"[{host}]"
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def host_of(normalised_url: str) -> str:
    """The host and port of a normalised address: the unit of the per-host rate limit."""
    return urlsplit(normalised_url).netloc
