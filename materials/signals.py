"""Keeps every translation of a material pointing at the same canonical terms.

wagtail-localize does not synchronise many-to-many fields, so when a source page is
published its taxonomy links are copied onto each of its translations.
"""

from django.dispatch import receiver
from wagtail.signals import page_published

TAXONOMY_FIELDS = {
    "MaterialPage": ("disciplines", "resource_languages", "diversity_dimensions"),
    "CataloguePage": ("diversity_dimensions",),
}


@receiver(page_published)
def copy_taxonomy_to_translations(sender, instance, **kwargs):
    fields = TAXONOMY_FIELDS.get(sender.__name__)
    if not fields or not instance.locale.is_default:
        return
    for translation in sender.objects.filter(translation_key=instance.translation_key).exclude(
        pk=instance.pk
    ):
        for field in fields:
            getattr(translation, field).set(getattr(instance, field).all())
        translation.save(update_fields=list(fields), clean=False)
