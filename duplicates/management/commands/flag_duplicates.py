"""`manage.py flag_duplicates`: fingerprint every source-language material and flag its
likely duplicates.

Saves flag as they happen (duplicates.signals); this fills the fingerprints of materials
saved before the duplicate check existed, or after a bulk change made outside Wagtail.
Decided pairs stay decided. It prints how many materials were checked and how many pairs
wait in the queue.
"""

from django.core.management.base import BaseCommand

from wagtail.models import Locale

from duplicates.detection import flag_duplicates_of
from duplicates.models import DuplicatePair
from materials.models import MaterialPage


class Command(BaseCommand):
    help = "Fingerprint every source-language material and flag its likely duplicates."

    def handle(self, *args, **options):
        checked = 0
        materials = MaterialPage.objects.filter(locale=Locale.get_default()).order_by("pk")
        for page in materials.iterator():
            flag_duplicates_of(page)
            checked += 1
        pending = DuplicatePair.objects.filter(decision="").count()
        self.stdout.write(f"{checked} checked, {pending} pending pairs")
