"""`manage.py translation_po export|import <lang>`: one PO file per language for offline work.

The logic lives in translation/po_exchange.py; this only parses arguments and reports.
Output is for operators, not the UI, so it is not translated.
"""

from django.core.management.base import BaseCommand, CommandError

from translation import po_exchange


class Command(BaseCommand):
    help = (
        "Export a language's pending translation strings to one PO file, or import a"
        " translated PO file back as draft translations (never published)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "import"])
        parser.add_argument("language", help="language code, e.g. de")
        parser.add_argument("file", nargs="?", help="import: the translated PO file")
        parser.add_argument("--output", "-o", help="export: file to write (default: stdout)")
        parser.add_argument(
            "--all",
            action="store_true",
            dest="include_translated",
            help="export: include strings already translated, with their current msgstr",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="import: check and count, write nothing"
        )

    def handle(self, *args, **options):
        if options["action"] == "export" and options["file"]:
            raise CommandError(
                "export writes to stdout or --output FILE, it takes no file argument"
            )
        try:
            if options["action"] == "export":
                self.export(options)
            else:
                self.import_(options)
        except po_exchange.POExchangeError as error:
            raise CommandError(str(error)) from error

    def export(self, options):
        locale = po_exchange.get_locale(options["language"])
        po = po_exchange.export_po(locale, include_translated=options["include_translated"])
        text = str(po)
        if not text.endswith("\n"):
            text += "\n"
        if options["output"]:
            try:
                with open(options["output"], "w", encoding="utf-8") as output:
                    output.write(text)
            except OSError as error:
                raise CommandError(f"Cannot write {options['output']}: {error}") from error
            kind = "strings" if options["include_translated"] else "pending strings"
            self.stderr.write(
                f"{len(po)} {kind} for '{locale.language_code}' written to {options['output']}."
            )
        else:
            self.stdout.write(text, ending="")

    def import_(self, options):
        if not options["file"]:
            raise CommandError("import needs the PO file: translation_po import <lang> FILE")
        locale = po_exchange.get_locale(options["language"])
        po = po_exchange.read_po(options["file"])
        result = po_exchange.import_po(po, locale, dry_run=options["dry_run"])
        for warning in result.warnings:
            self.stderr.write(f"Warning: {warning}")
        prefix = "Dry run, nothing written. Would apply" if result.dry_run else "Applied"
        self.stdout.write(
            f"{prefix} {result.applied} translation(s) for '{locale.language_code}':"
            f" {result.created} new, {result.updated} updated;"
            f" {result.unchanged} already identical."
        )
        if result.with_errors:
            self.stdout.write(
                f"{result.with_errors} stored with markup errors (fix them in the editor)."
            )
        skipped = sum(result.skipped.values())
        self.stdout.write(f"Skipped {skipped} entr{'y' if skipped == 1 else 'ies'}.")
        for reason in po_exchange.SKIP_REASONS:
            if result.skipped[reason]:
                self.stdout.write(f"  {result.skipped[reason]}: {reason}")
        if not result.dry_run:
            self.stdout.write(
                "Nothing was published: the translations wait as drafts for the language's"
                " reviewers (open each page's translation in the admin and publish)."
            )
