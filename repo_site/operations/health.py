"""/healthz: can this process serve? For load balancers and uptime checks.

Each service the site needs is tried with the cheapest real request: a `SELECT 1`, a
cache write and read, a one-result search through the configured Wagtail search backend
(the database's full-text index, or Elasticsearch/OpenSearch). The answer names each
service with ok and its latency in milliseconds, and nothing else: no error text (it can
hold host names and user names), no versions. 200 when all are usable, 503 otherwise.
"""

import logging
import time
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from wagtail.search.backends import get_search_backend

from materials.models import MaterialPage

logger = logging.getLogger(__name__)


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise DatabaseError("SELECT 1 answered something else")


def check_cache() -> None:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    value = cache.get(key)
    cache.delete(key)
    if value != "1":
        raise RuntimeError("the cache did not keep a value")


def check_search() -> None:
    list(get_search_backend().search("healthz", MaterialPage)[:1])


CHECKS = {"database": check_database, "cache": check_cache, "search": check_search}


def run_check(name, check) -> dict:
    """Whatever a service raises makes it unusable: each client library (psycopg, redis,
    opensearch-py, elasticsearch) has its own errors, and the endpoint must answer."""
    started = time.perf_counter()
    try:
        check()
        ok = True
    except Exception:
        logger.warning("Health check %s failed", name, exc_info=True)
        ok = False
    latency = round((time.perf_counter() - started) * 1000, 1)
    return {"ok": ok, "latency_ms": latency}


@never_cache
@require_safe
def healthz(request):
    services = {name: run_check(name, check) for name, check in CHECKS.items()}
    healthy = all(service["ok"] for service in services.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "services": services},
        status=200 if healthy else 503,
    )
