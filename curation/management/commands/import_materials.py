"""`manage.py import_materials FILE [--dry-run]`: the command-line door to the importer.

Exits non-zero whenever nothing was imported because of the file (unreadable, refused
rows), so scripts and CI notice; the messages are the ones the admin shows.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from curation.material_import.apply import ImportRefused, import_file
from curation.material_import.parse import MAX_BYTES, FileRefused
from curation.material_import.report import report_lines


class Command(BaseCommand):
    help = (
        "Import materials from a CSV (UTF-8) or XLSX file as drafts under the source-language "
        "material index, keyed by source_id. All rows or none."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .csv or .xlsx file with the import template's columns.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report, but write nothing."
        )

    def handle(self, *args, file, dry_run, **options):
        path = Path(file)
        try:
            # One byte over the limit is enough to refuse, without reading a huge file whole.
            with path.open("rb") as handle:
                content = handle.read(MAX_BYTES + 1)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        try:
            report = import_file(content, path.name, dry_run=dry_run)
        except (FileRefused, ImportRefused) as error:
            raise CommandError(str(error)) from error
        for line in report_lines(report):
            self.stdout.write(line)
        if report.refusals:
            raise CommandError(
                f"{report.refused} row(s) refused; nothing was imported.", returncode=1
            )
