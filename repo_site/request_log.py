"""One JSON line per request (method, path, status, duration, database queries) on the
`repo_site.requests` logger, for log collectors and for spotting slow or query-heavy
pages in production. REQUEST_LOG turns it on: by default in production (`make serve`),
not in development and never in tests, where the middleware removes itself at start-up
and costs nothing.

The path is logged without its query string, so search terms and tokens stay out of the
logs; nothing about the visitor is logged. For streamed responses (downloads, ZIPs) the
duration ends when streaming starts.
"""

import json
import logging
import time
from contextlib import ExitStack

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import connections
from django.utils import timezone

logger = logging.getLogger("repo_site.requests")


class QueryCounter:
    """A database execute wrapper: counts the queries of one request on one thread."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def log_line(request, status: int, duration_ms: float, queries: int) -> str:
    return json.dumps(
        {
            "time": timezone.now().isoformat(timespec="milliseconds"),
            "method": request.method,
            "path": request.path,
            "status": status,
            "duration_ms": round(duration_ms, 1),
            "queries": queries,
        },
        ensure_ascii=False,
    )


class RequestLogMiddleware:
    def __init__(self, get_response):
        if not settings.REQUEST_LOG:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        counter = QueryCounter()
        started = time.perf_counter()
        status = 500
        try:
            with ExitStack() as stack:
                for connection in connections.all(initialized_only=False):
                    stack.enter_context(connection.execute_wrapper(counter))
                response = self.get_response(request)
            status = response.status_code
            return response
        finally:
            duration_ms = (time.perf_counter() - started) * 1000
            logger.info(log_line(request, status, duration_ms, counter.count))
