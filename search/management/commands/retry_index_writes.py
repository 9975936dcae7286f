"""Apply the index writes Elasticsearch/OpenSearch failed (search.pending), by hand after
an outage (the task worker does it by itself: search.tasks). Exits with an error while
writes remain, so a scheduler reports an engine that is still unreachable."""

from django.core.management.base import BaseCommand, CommandError

from search import pending
from search.models import PendingIndexWrite


class Command(BaseCommand):
    help = "Apply the search index writes that failed while the search engine was unreachable."

    def handle(self, *args, **options):
        queued = PendingIndexWrite.objects.count()
        if not queued:
            self.stdout.write("No pending search index writes.")
            return
        backend = pending.queued_backend()
        if backend is None:
            raise CommandError(
                f"{queued} pending search index write(s), but no Elasticsearch/OpenSearch "
                "backend is configured (SEARCH_URL): rebuild with update_index instead."
            )
        report = pending.retry(backend)
        self.stdout.write(f"Applied {report.applied} pending search index write(s).")
        if report.remaining:
            raise CommandError(
                f"{report.remaining} search index write(s) still pending: the search engine "
                "is unreachable. They are kept for the next attempt."
            )
