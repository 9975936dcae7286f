"""A link check run: find the links, check each address once, store what it answered.

Addresses are checked one after another, ordered so that consecutive requests go to
different hosts: the per-host pause then rarely holds the run up. Each answer is saved as
soon as it comes, so a run that is stopped half-way keeps what it learnt. Running again is
harmless (the background worker may retry a task).
"""

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import zip_longest

import requests

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from link_check.addresses import host_of
from link_check.collect import FoundLink, collect
from link_check.models import CheckedLink, LinkUse
from link_check.politeness import HostRateLimiter, RetryPolicy, with_retries
from link_check.probe import Outcome, new_session, probe
from page_cache import generation


@dataclass
class Checker:
    """How addresses are asked: the HTTP session, timeout, retries and per-host pause."""

    session: requests.Session
    timeout: float
    policy: RetryPolicy
    limiter: HostRateLimiter
    sleep: Callable[[float], None] = time.sleep

    @classmethod
    def from_settings(cls) -> "Checker":
        return cls(
            session=new_session(settings.LINK_CHECK_MAX_REDIRECTS),
            timeout=settings.LINK_CHECK_TIMEOUT,
            policy=RetryPolicy(settings.LINK_CHECK_ATTEMPTS, settings.LINK_CHECK_BACKOFF),
            limiter=HostRateLimiter(settings.LINK_CHECK_HOST_INTERVAL),
        )

    def check(self, url: str, host: str) -> Outcome:
        def ask() -> Outcome:
            self.limiter.wait(host)
            return probe(self.session, url, self.timeout)

        return with_retries(ask, self.policy, self.sleep)


@dataclass
class RunReport:
    checked: int = 0
    broken: int = 0
    broken_urls: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"{self.checked} checked, {self.broken} broken"


def interleave_by_host(urls: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(normalised URL, URL) pairs ordered round-robin over their hosts."""
    by_host: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for pair in sorted(urls):
        by_host[host_of(pair[0])].append(pair)
    rounds = zip_longest(*(by_host[host] for host in sorted(by_host)))
    return [pair for round_ in rounds for pair in round_ if pair is not None]


def matches(url: str, fragments: Sequence[str]) -> bool:
    return not fragments or any(fragment.lower() in url.lower() for fragment in fragments)


def run_check(
    *,
    partner_ids: Iterable[int] | None = None,
    url_contains: Sequence[str] = (),
    now=None,
    checker: Checker | None = None,
) -> RunReport:
    """Check the links of the live pages (only `partner_ids`' materials, only addresses
    containing one of `url_contains`, when given), recording them as checked at `now`."""
    now = now or timezone.now()
    checker = checker or Checker.from_settings()
    found, page_ids = collect(partner_ids)
    found = [link for link in found if matches(link.url, url_contains)]
    whole_pages = not url_contains
    links = record_uses(
        found, page_ids if whole_pages else None, everything=whole_pages and partner_ids is None
    )
    report = RunReport()
    original_urls = {
        link.normalised_url for link in found if link.field == LinkUse.Field.ORIGINAL_URL
    }
    notice_changed = False
    for normalised, url in interleave_by_host((key, link.url) for key, link in links.items()):
        outcome = checker.check(url, host_of(normalised))
        link = links[normalised]
        was_long_broken = link.long_broken
        link.url = url
        link.record(
            status_code=outcome.status_code,
            error=outcome.error,
            final_url=outcome.final_url,
            now=now,
        )
        link.save()
        report.checked += 1
        if link.is_broken:
            report.broken += 1
            report.broken_urls.append(url)
        if link.long_broken != was_long_broken and normalised in original_urls:
            notice_changed = True
    if notice_changed:  # a material page's notice appears or goes: cached copies are stale
        generation.bump()
    return report


CHUNK = 500


def chunks(values: Iterable, size: int = CHUNK) -> Iterator[list]:
    """Lists of at most `size` values: SQLite limits the parameters of one query."""
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def links_for(keys: Iterable[str]) -> dict[str, CheckedLink]:
    return {
        link.normalised_url: link
        for part in chunks(keys)
        for link in CheckedLink.objects.filter(normalised_url__in=part)
    }


@transaction.atomic
def record_uses(
    found: list[FoundLink], page_ids: set[int] | None, *, everything: bool
) -> dict[str, CheckedLink]:
    """Store which page uses which link, and return the CheckedLink of each address found.

    With `page_ids`, the uses of those pages that were not found again are removed (the
    editor changed the link). With `everything`, so are the uses of pages no longer live,
    and the addresses no page uses any more."""
    first_spelling: dict[str, str] = {}
    for link in found:
        first_spelling.setdefault(link.normalised_url, link.url)
    links = links_for(first_spelling)
    CheckedLink.objects.bulk_create(
        [
            CheckedLink(url=url, normalised_url=key, host=host_of(key))
            for key, url in first_spelling.items()
            if key not in links
        ]
    )
    links.update(links_for(key for key in first_spelling if key not in links))

    wanted = {
        (links[link.normalised_url].pk, link.page_id, link.field): link.partner_id for link in found
    }
    read_pages = {link.page_id for link in found} | (page_ids or set())
    existing = {
        (use.link_id, use.page_id, use.field): use
        for part in chunks(read_pages)
        for use in LinkUse.objects.filter(page_id__in=part)
    }
    if page_ids is not None:
        stale = [use.pk for key, use in existing.items() if key not in wanted]
        for part in chunks(stale):
            LinkUse.objects.filter(pk__in=part).delete()
    changed = []
    for key, partner_id in wanted.items():
        use = existing.get(key)
        if use is not None and use.partner_id != partner_id:
            use.partner_id = partner_id
            changed.append(use)
    LinkUse.objects.bulk_update(changed, ["partner"], batch_size=CHUNK)
    LinkUse.objects.bulk_create(
        [
            LinkUse(link_id=link_id, page_id=page_id, field=field_name, partner_id=partner_id)
            for (link_id, page_id, field_name), partner_id in wanted.items()
            if (link_id, page_id, field_name) not in existing
        ],
        batch_size=CHUNK,
    )
    if everything:
        LinkUse.objects.filter(page__live=False).delete()
        CheckedLink.objects.filter(uses__isnull=True).delete()
    return links
