"""Stored URL keys follow duplicates.normalise: http and https addresses are one key.

Only the stored form changes here; pairs that the new keys make are flagged by the next
save of either material, or at once by `manage.py flag_duplicates`.
"""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Concat, Substr

MAX_KEY_LENGTH = 255  # the field's max_length, as duplicates.normalise cuts keys


def https_keys(apps, schema_editor):
    fingerprints = apps.get_model("duplicates", "MaterialFingerprint")
    fingerprints.objects.filter(url_key__startswith="http://").update(
        url_key=Substr(
            Concat(Value("https://"), Substr("url_key", len("http://") + 1)), 1, MAX_KEY_LENGTH
        )
    )


class Migration(migrations.Migration):
    dependencies = [("duplicates", "0001_fingerprints_and_duplicate_pairs")]

    operations = [migrations.RunPython(https_keys, migrations.RunPython.noop)]
