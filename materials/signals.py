"""Keeps every translation of a material pointing at the same canonical terms.

wagtail-localize does not synchronise many-to-many fields, so when a source page is
published its taxonomy links are copied onto each of its translations. A page model names
those fields in its `synchronised_taxonomy_fields`. Plain fields holding shared facts
(`synchronised_fact_fields`, e.g. a material's accessibility keys) are copied the same way,
so facets and filters agree in every language without waiting for a translation sync.
"""

from django.dispatch import receiver

from wagtail.signals import page_published


@receiver(page_published)
def copy_taxonomy_to_translations(sender, instance, **kwargs):
    fields = getattr(sender, "synchronised_taxonomy_fields", ())
    facts = getattr(sender, "synchronised_fact_fields", ())
    if not (fields or facts) or not instance.locale.is_default:
        return
    for translation in sender.objects.filter(translation_key=instance.translation_key).exclude(
        pk=instance.pk
    ):
        for field in fields:
            getattr(translation, field).set(getattr(instance, field).all())
        for field in facts:
            setattr(translation, field, getattr(instance, field))
        translation.save(update_fields=[*fields, *facts], clean=False)
