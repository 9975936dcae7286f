"""TRACE is refused with 405 on every URL.

TRACE echoes the request back, headers and all; no view of this site needs it, and some
views (feeds, Wagtail's page serving) answer any method they do not reject with a 200.
One middleware keeps the answer the same everywhere.
"""

from django.http import HttpResponseNotAllowed

REFUSED_METHODS = frozenset({"TRACE", "TRACK"})
ALLOWED_METHODS = ["GET", "HEAD", "OPTIONS", "POST"]


class RefuseTraceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in REFUSED_METHODS:
            return HttpResponseNotAllowed(ALLOWED_METHODS)
        return self.get_response(request)
