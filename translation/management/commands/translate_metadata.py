"""`manage.py translate_metadata`: queue the machine translation of every live source
material's title, summary and keywords.

Publishing does this for one material; this command is for a whole site: after an
upgrade that adds a translated field, or when a machine translator is first configured.
Rows already made from the same source text are left alone, so running it twice costs
only the check.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wagtail_localize.machine_translators import get_machine_translator

from materials.models import MaterialPage
from translation.tasks import machine_translate_metadata


class Command(BaseCommand):
    help = "Queue machine-translated titles, summaries and keywords for every live material."

    def handle(self, *args, **options):
        if get_machine_translator() is None:
            raise CommandError(
                "No machine translator is configured (set DEEPL_API_KEY): nothing to do."
            )
        sources = MaterialPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE)
        queued = 0
        for page_id in sources.values_list("pk", flat=True).iterator():
            machine_translate_metadata.enqueue(page_id)
            queued += 1
        self.stdout.write(self.style.SUCCESS(f"{queued} materials queued for translation."))
