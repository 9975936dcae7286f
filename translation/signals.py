"""Publishing a material queues its machine-translated metadata: a source-language page
is (re)translated, a translation replaces the machine text of its language."""

from django.conf import settings

from wagtail.signals import page_published

from materials.models import MaterialPage
from translation.tasks import drop_replaced_metadata, machine_translate_metadata


def material_published(sender, instance, **kwargs):
    if instance.locale.language_code == settings.LANGUAGE_CODE:
        machine_translate_metadata.enqueue(instance.pk)
    else:
        drop_replaced_metadata.enqueue(str(instance.translation_key))


def connect() -> None:
    page_published.connect(material_published, sender=MaterialPage, dispatch_uid="machine_meta")
