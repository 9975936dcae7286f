"""Flagging on every save of a source-language material: a draft saved in the editor, an
import's new or updated draft (curation's import saves revisions), a publish.

A revision (new, or the latest one overwritten) carries the content being saved, before
the page records it as its latest; the check reads that content. Publishing an older
revision (a revert) changes the live content without a new revision, so publishing checks
again. Both run inside the saving transaction: an import that is rolled back leaves no
flags behind.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.models import Locale, Revision
from wagtail.signals import page_published

from duplicates.detection import flag_duplicates_of
from materials.models import MaterialPage


def is_source_material(content) -> bool:
    return isinstance(content, MaterialPage) and content.locale_id == Locale.get_default().pk


@receiver(post_save, sender=Revision)
def flag_on_revision(sender, instance, raw=False, **kwargs):
    # Saving a draft again may overwrite the editor's latest revision instead of adding one
    # (Wagtail's overwrite_revision, as autosave does): that is a save too.
    if raw:
        return
    model = instance.content_type.model_class()
    if model is None or not issubclass(model, MaterialPage):
        return
    content = instance.as_object()
    if is_source_material(content):
        flag_duplicates_of(content, content)


@receiver(page_published, sender=MaterialPage)
def flag_on_publish(sender, instance, revision=None, **kwargs):
    if is_source_material(instance):
        flag_duplicates_of(instance, revision.as_object() if revision else instance)
