"""A database that cannot be reached answers JSON clients with 503 and Retry-After.

Harvesters and scripts that call /api/ retry on a 503 with Retry-After; an HTML 500 page
tells them nothing and some give up. HTML pages keep Django's handling: the (translated)
500 page, and a report to ADMINS and Sentry.
"""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import JsonResponse
from django.utils.translation import gettext as _

API_PATH_PREFIXES = ("/api/",)

logger = logging.getLogger(__name__)


def database_unavailable_response() -> JsonResponse:
    response = JsonResponse(
        {"error": _("The service is temporarily unavailable. Please try again shortly.")},
        status=503,
    )
    response["Retry-After"] = str(settings.DATABASE_OUTAGE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        if not request.path_info.startswith(API_PATH_PREFIXES):
            return None
        logger.error("Database unavailable on %s: %s", request.path_info, exception)
        return database_unavailable_response()
