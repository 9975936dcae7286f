"""Telling robots from teachers, so counters measure teachers' interest.

A deliberately simple rule on the User-Agent only: no IP lists, no fingerprinting, nothing
stored. It misses robots that pretend to be browsers; that is accepted, because the count is
a rough signal for editors and for a "most downloaded" sort, not an audit.
"""

import re

BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|preview|facebookexternalhit|curl|wget|python-requests|headless",
    re.IGNORECASE,
)


def is_bot(user_agent: str | None) -> bool:
    """True for an empty User-Agent (browsers always send one) or a known robot's."""
    if not user_agent or not user_agent.strip():
        return True
    return BOT_USER_AGENT.search(user_agent) is not None
