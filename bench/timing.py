"""Server time of a URL through Django's test client, in milliseconds."""

import math
import statistics
import time
import traceback
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from itertools import cycle, islice


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


@dataclass
class Timing:
    p50: float
    p95: float
    first: float  # the first request, before any warm-up: caches cold
    requests: int

    def as_dict(self) -> dict:
        return asdict(self)


SLOW_MS = 5000  # slower than any cold cache: warming up would only cost time


def timed_get(client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    if response.streaming:  # downloads: measure sending the whole body
        b"".join(response.streaming_content)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise AssertionError(f"GET {url} answered {response.status_code}")
    return elapsed


def measure(
    client, urls: list[str], repeat: int, budget_seconds: float = 20, minimum: int = 5
) -> Timing:
    """Up to `repeat` requests cycling through `urls`, after one warm-up pass over them.
    A slow row stops after `budget_seconds` (but not before `minimum` requests, 3 when
    one takes over SLOW_MS), so a peer that takes seconds per request cannot stretch the
    run by many minutes."""
    first = timed_get(client, urls[0])
    if first < SLOW_MS:
        for url in [*urls[1:], *urls[:1] * 3]:
            timed_get(client, url)
    else:
        minimum = min(minimum, 3)
    deadline = time.perf_counter() + budget_seconds
    timings = []
    for url in islice(cycle(urls), repeat):
        timings.append(timed_get(client, url))
        if len(timings) >= minimum and time.perf_counter() > deadline:
            break
    return Timing(statistics.median(timings), percentile(timings, 0.95), first, len(timings))


def measure_or_error(client, urls: list[str], repeat: int) -> dict:
    """The timing as a dict, {"timeout": seconds} when a request ran out of time (see
    limit_database_time), or {"error": traceback} when one failed."""
    try:
        return measure(client, urls, repeat).as_dict()
    except Exception as error:
        if is_timeout(error):
            return {"timeout": TIME_LIMIT["seconds"], "url": urls[0]}
        return {"error": traceback.format_exc(), "url": urls[0]}


TIME_LIMIT = {"seconds": math.inf, "deadline": math.inf}


def is_timeout(error: Exception) -> bool:
    return "interrupted" in str(error) or "statement timeout" in str(error)


def start_clock(**kwargs) -> None:
    TIME_LIMIT["deadline"] = time.monotonic() + TIME_LIMIT["seconds"]


def stop_clock(**kwargs) -> None:
    TIME_LIMIT["deadline"] = math.inf


@contextmanager
def time_limit():
    """Database work inside the block stops after the limit, as it does in requests."""
    start_clock()
    try:
        yield
    finally:
        stop_clock()


def limit_database_time(seconds: float) -> None:
    """Abort a request's database work after `seconds`, so a search that would take many
    minutes (the stock SQLite ranking at 100,000 materials) shows as a timeout instead:
    SQLite through a progress handler, PostgreSQL through statement_timeout."""
    from django.core.signals import request_finished, request_started
    from django.db import connection
    from django.db.backends.signals import connection_created

    TIME_LIMIT["seconds"] = seconds
    request_started.connect(start_clock)
    request_finished.connect(stop_clock)

    def expired() -> bool:
        return time.monotonic() > TIME_LIMIT["deadline"]

    def install(connection, **kwargs):
        if connection.vendor == "sqlite":
            connection.connection.set_progress_handler(expired, 100_000)
        elif connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET statement_timeout = {int(seconds * 1000)}")

    connection_created.connect(install, weak=False)
    if connection.connection is not None:
        install(connection)
