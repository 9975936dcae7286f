"""`manage.py harvest URL --metadata-prefix oai_dc|lom --partner SLUG --country CODE
[--ages MIN-MAX] [--set SPEC] [--from DATE] [--dry-run]`.

Exits non-zero when the options are refused or the run failed, with the message the
admin's listing shows; the run itself is recorded either way (harvest.run).
"""

from django.core.management.base import BaseCommand, CommandError

from harvest.models import HarvestRun
from harvest.options import HarvestOptions, OptionRefused
from harvest.report import report_lines
from harvest.run import run_harvest


class Command(BaseCommand):
    help = (
        "Harvest a partner's OAI-PMH repository (ListRecords) into drafts under the "
        "source-language material index, keyed by the OAI identifier."
    )

    def add_arguments(self, parser):
        parser.add_argument("url", help="The repository's OAI-PMH base URL.")
        parser.add_argument("--metadata-prefix", required=True, help="oai_dc or lom")
        parser.add_argument("--partner", required=True, help="The partner's slug.")
        parser.add_argument("--country", required=True, help="ISO 3166 code, such as DE.")
        parser.add_argument("--ages", default="", help="Pupil ages of every record: MIN-MAX.")
        parser.add_argument("--set", default="", dest="set_spec", help="An OAI set spec.")
        parser.add_argument(
            "--from",
            default="",
            dest="from_date",
            help="YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ; by default, the last successful run's "
            "response date for this URL, set and prefix.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Harvest and report, but write nothing."
        )

    def handle(self, *args, url, metadata_prefix, partner, country, ages, set_spec, from_date,
               dry_run, **options):  # fmt: skip
        try:
            harvest_options = HarvestOptions.checked(
                url,
                metadata_prefix=metadata_prefix,
                partner=partner,
                country=country,
                ages=ages,
                set_spec=set_spec,
                from_date=from_date,
                dry_run=dry_run,
            )
        except OptionRefused as error:
            raise CommandError(str(error)) from error
        run = run_harvest(harvest_options)
        for line in report_lines(run):
            self.stdout.write(line)
        if run.status == HarvestRun.FAILED:
            raise CommandError(run.error, returncode=1)
