"""Apply the index writes Elasticsearch/OpenSearch failed (search.pending), for a
scheduler after an outage or by hand. Exits with an error while writes remain, so a
scheduler reports an engine that is still unreachable."""

from django.core.management.base import BaseCommand, CommandError

from wagtail.search.backends import get_search_backends

from search import pending
from search.models import PendingIndexWrite


class Command(BaseCommand):
    help = "Apply the search index writes that failed while the search engine was unreachable."

    def handle(self, *args, **options):
        queued = PendingIndexWrite.objects.count()
        if not queued:
            self.stdout.write("No pending search index writes.")
            return
        backends = [
            backend
            for backend in get_search_backends(with_auto_update=True)
            if hasattr(backend, "add_now")
        ]
        if not backends:
            raise CommandError(
                f"{queued} pending search index write(s), but no Elasticsearch/OpenSearch "
                "backend is configured (SEARCH_URL): rebuild with update_index instead."
            )
        report = pending.retry(backends[0])
        self.stdout.write(f"Applied {report.applied} pending search index write(s).")
        if report.remaining:
            raise CommandError(
                f"{report.remaining} search index write(s) still pending: the search engine "
                "is unreachable. They are kept for the next attempt."
            )
