"""The link check as background work (django-tasks): the database backend's worker runs it
in production, the immediate backend runs it at once in development and tests. A run may
be retried by the worker (background.retries); running twice only checks twice."""

from django_tasks import task

from link_check.run import run_check
from link_check.scope import Scope


@task()
def check_links(partner: str | None = None, url_contains: list[str] | None = None) -> dict:
    """Check the links in scope now; the counts, as the command prints them."""
    scope = Scope.parse(partner, url_contains or ())
    report = run_check(partner_ids=scope.partner_ids, url_contains=scope.url_contains)
    return {"checked": report.checked, "broken": report.broken}
