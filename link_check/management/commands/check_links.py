"""`manage.py check_links [--partner SLUG] [--url-contains TEXT]... [--enqueue]`

Checks the links of the live pages now and prints "N checked, M broken". Broken links are
not an error of the command: it exits non-zero only when its arguments are bad. With
--enqueue, the check is queued for the task worker instead (monthly cron with a worker).
"""

from django.core.management.base import BaseCommand, CommandError

from link_check.run import run_check
from link_check.scope import Scope, ScopeError
from link_check.tasks import check_links


class Command(BaseCommand):
    help = "Check materials' original URLs and the links in rich text; print N checked, M broken."

    def add_arguments(self, parser):
        parser.add_argument("--partner", metavar="SLUG", help="Only the materials of this partner.")
        parser.add_argument(
            "--url-contains",
            metavar="TEXT",
            action="append",
            default=[],
            help="Only addresses containing this text (any case); may be repeated.",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the check for the background worker instead of running it here.",
        )

    def handle(self, *args, partner=None, url_contains=(), enqueue=False, **options):
        try:
            scope = Scope.parse(partner, url_contains)
        except ScopeError as error:
            raise CommandError(str(error)) from error
        if enqueue:
            result = check_links.enqueue(partner=partner, url_contains=list(url_contains))
            self.stdout.write(f"Link check queued ({result.id}).")
            return
        report = run_check(partner_ids=scope.partner_ids, url_contains=scope.url_contains)
        if options["verbosity"] > 1:
            for url in report.broken_urls:
                self.stdout.write(f"broken: {url}")
        self.stdout.write(report.summary())
