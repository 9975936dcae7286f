"""What two records of the same material share even when typed differently.

URLs: the scheme and host in lower case, without "www." and the scheme's default port,
without the fragment, tracking parameters (utm_*, fbclid, gclid…) or a trailing slash,
the remaining query parameters in a stable order. http and https are one scheme here:
sites moved to https and old records keep the http address of the same page, and a
match only flags a pair for an editor.

Titles: Unicode-folded (accents dropped, case folded), punctuation turned into spaces.
Two titles are similar when their similarity reaches SIMILAR_TITLE_THRESHOLD: the better of
difflib's ratio on the titles as written and on their words sorted, so "The water cycle"
and "Water cycle, the" match. 0.88 keeps "Light and colour" / "Light and color" (0.97) and
"Forces and motion: a teacher guide" / "Forces & motion – a teacher's guide" (0.91), and
leaves out "Energy in the home" / "Energy in the school" (0.84). A title match only counts
between materials of the same partner and year, and it only flags: an editor decides.
"""

import re
import unicodedata
from difflib import SequenceMatcher
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

SIMILAR_TITLE_THRESHOLD = 0.88
DEFAULT_PORTS = {"http": 80, "https": 443}
TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "_ga", "_hsenc"}
)
MAX_KEY_LENGTH = 255


def normalise_url(url: str) -> str:
    """The comparable form of an original URL; "" for none or one that cannot be read."""
    url = (url or "").strip()
    if not url:
        return ""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if not scheme or not host:
        return ""
    host = host.removeprefix("www.")
    if port is not None and port != DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    if scheme == "http":
        scheme = "https"
    query = urlencode(
        sorted(
            (name, value)
            for name, value in parse_qsl(parts.query, keep_blank_values=True)
            if not (name.lower().startswith("utm_") or name.lower() in TRACKING_PARAMETERS)
        )
    )
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, host, path, query, ""))[:MAX_KEY_LENGTH]


def normalise_title(title: str) -> str:
    decomposed = unicodedata.normalize("NFKD", title or "")
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.split(r"[\W_]+", letters.casefold())).strip()[:MAX_KEY_LENGTH]


def title_similarity(first: str, second: str) -> float:
    """Similarity of two normalised titles, from 0 to 1."""
    if not first or not second:
        return 0.0
    as_written = SequenceMatcher(None, first, second).ratio()
    words_sorted = SequenceMatcher(
        None, " ".join(sorted(first.split())), " ".join(sorted(second.split()))
    ).ratio()
    return max(as_written, words_sorted)


def similar_titles(first: str, second: str) -> bool:
    return title_similarity(first, second) >= SIMILAR_TITLE_THRESHOLD
