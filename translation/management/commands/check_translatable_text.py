"""`manage.py check_translatable_text`: record, for every live source page, the text that
wagtail-localize cannot extract (the dashboard lists it); exits non-zero if there is any."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Page

from translation.coverage import record_untranslatable_text


class Command(BaseCommand):
    help = "Find page text that cannot be translated, and list it on the translations dashboard."

    def handle(self, *args, **options):
        pages = Page.objects.live().filter(
            locale__language_code=settings.LANGUAGE_CODE, depth__gt=1
        )
        found = 0
        for page in pages.specific().iterator():
            texts = record_untranslatable_text(page)
            for text in texts:
                self.stdout.write(f"{page.url_path}: {text}")
            found += len(texts)
        if found:
            raise CommandError(f"{found} text(s) cannot be translated; see the list above.")
        self.stdout.write(self.style.SUCCESS("Every text of every source page can be translated."))
