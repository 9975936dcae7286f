"""`manage.py seed_demo`: the demo content in every language; running it twice changes nothing."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.content import DemoContentError
from demo.seed import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME, DemoSeeder
from demo.translate import MissingDemoTranslations


class Command(BaseCommand):
    help = "Load the demo materials, catalogues, reviews and their translations (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing-translations",
            metavar="LANG",
            help="Print, as JSON, the strings translations/LANG.json still lacks, and stop.",
        )

    def report_untranslatable(self, texts: list[tuple[str, str]]):
        """On stderr, so the JSON on stdout stays a valid translation-memory template."""
        if not texts:
            return
        self.stderr.write(
            f"{len(texts)} text(s) cannot be translated (wagtail-localize does not extract them):"
        )
        for label, text in texts:
            self.stderr.write(f"  {label}: {text}")

    def handle(self, *args, missing_translations=None, **options):
        seeder = DemoSeeder()
        try:
            if missing_translations:
                seeder.run(translations=False)
                strings = seeder.missing_translations(missing_translations)
                self.stdout.write(
                    json.dumps(dict.fromkeys(strings, ""), ensure_ascii=False, indent=2)
                )
                self.report_untranslatable(seeder.untranslatable_texts(missing_translations))
                return
            created = seeder.run()
        except (DemoContentError, MissingDemoTranslations) as error:
            raise CommandError(str(error)) from error
        if created:
            summary = ", ".join(f"{count} {name}" for name, count in sorted(created.items()))
            self.stdout.write(self.style.SUCCESS(f"Demo content created: {summary}."))
        else:
            self.stdout.write("Demo content already present; nothing to do.")
        self.stdout.write(
            f"Demo admin: {settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/ "
            f"user {DEMO_ADMIN_USERNAME!r} password {DEMO_ADMIN_PASSWORD!r}"
        )
