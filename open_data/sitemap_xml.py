"""The XML of one sitemap file, written directly.

Django's sitemap template renders each URL and each of its alternates through the template
engine: at 10,000 materials that alone takes longer than the whole request may. The
format is small and fixed (https://www.sitemaps.org/protocol.html, with xhtml:link
alternates as search engines document them), so it is written as text, every value
escaped.
"""

from collections.abc import Iterable
from datetime import datetime, tzinfo
from xml.sax.saxutils import escape

from django.utils import timezone

HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)
FOOTER = "</urlset>\n"
QUOTE = {'"': "&quot;"}


def alternate_links(alternates: Iterable[tuple[str, str]]) -> str:
    """The xhtml:link elements of (language, URL) alternates. Every language version of a
    page has the same ones, so a sitemap writes them once per page and reuses them."""
    return "".join(
        f'<xhtml:link rel="alternate" hreflang="{escape(language, QUOTE)}" '
        f'href="{escape(href, QUOTE)}"/>'
        for language, href in alternates
    )


def url_element(location: str, lastmod: datetime | None, links: str, zone: tzinfo) -> str:
    """One <url> with its alternates already written (`alternate_links`)."""
    modified = (
        f"<lastmod>{lastmod.astimezone(zone).date().isoformat()}</lastmod>" if lastmod else ""
    )
    return f"<url><loc>{escape(location)}</loc>{modified}{links}</url>\n"


def url_entry(
    location: str,
    lastmod: datetime | None,
    alternates: Iterable[tuple[str, str]],
    zone: tzinfo | None = None,
) -> str:
    """One <url>: its location, last modification date (in `zone`, the current time zone
    by default) and (language, URL) alternates."""
    zone = zone or timezone.get_current_timezone()
    return url_element(location, lastmod, alternate_links(alternates), zone)


def urlset(entries: Iterable[str]) -> str:
    return HEADER + "".join(entries) + FOOTER
