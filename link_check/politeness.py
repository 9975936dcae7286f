"""Being a good guest on partners' servers: a pause between requests to the same host, and
a few more attempts, each after a longer pause, when a server seems only briefly down.

The clock and the sleep are passed in, so tests count attempts and pauses without waiting.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from link_check.probe import Outcome


@dataclass
class HostRateLimiter:
    """At most one request per `interval` seconds to each host; other hosts do not wait."""

    interval: float
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _next_allowed: dict[str, float] = field(default_factory=dict)

    def wait(self, host: str) -> None:
        now = self.clock()
        allowed = self._next_allowed.get(host, now)
        if allowed > now:
            self.sleep(allowed - now)
            now = allowed
        self._next_allowed[host] = now + self.interval


@dataclass(frozen=True)
class RetryPolicy:
    """`attempts` tries in all; before try n + 1, a pause of `backoff` * 2 ** (n - 1)
    seconds (1, 2, 4... times `backoff`)."""

    attempts: int = 3
    backoff: float = 2.0

    def delay(self, failed_attempts: int) -> float:
        return self.backoff * 2 ** (failed_attempts - 1)


def with_retries(
    ask: Callable[[], Outcome], policy: RetryPolicy, sleep: Callable[[float], None]
) -> Outcome:
    """`ask()` until it answers something other than a transient failure, at most
    `policy.attempts` times; the last answer."""
    outcome = ask()
    for failed in range(1, policy.attempts):
        if not outcome.transient:
            break
        sleep(policy.delay(failed))
        outcome = ask()
    return outcome
