"""Who may be served from the cache, and which responses may be stored in it.

Nothing personal may ever reach a shared cache. A request that carries a session or
messages cookie (a logged-in user, an editor, a visitor who asked for a translation) is
neither served from nor stored in the cache. A response is stored only when a public view
marked it (marking.py), it is a complete 200 HTML or XML page, it sets no cookie (a CSRF
token in the page sets one, so a form's token is never handed to another visitor), and
nothing said it is private.
"""

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage

from page_cache.marking import mark_of

STORED_TYPES = ("text/html", "application/xml")
PRIVATE_DIRECTIVES = ("private", "no-cache", "no-store")
UNCACHED_ROOTS = ("/admin/", "/documents/", "/api/", "/static/", "/media/", "/healthz")


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def request_may_use_cache(request) -> bool:
    """Whether the request is anonymous and safe to answer from or store in the cache."""
    if request.method != "GET" or request.path.startswith(UNCACHED_ROOTS):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


def response_may_be_stored(request, response) -> bool:
    mark = mark_of(request)
    if mark is None or response.status_code != 200 or response.streaming:
        return False
    if request.META.get("QUERY_STRING") and not mark.with_query:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:  # its cookie is set after this layer
        return False
    if not response.get("Content-Type", "").startswith(STORED_TYPES):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in PRIVATE_DIRECTIVES):
        return False
    return mark.page is None or not mark.page.get_view_restrictions().exists()
