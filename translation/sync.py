"""What syncing a source does to one translation: never source text on a live translation.

wagtail-localize's "sync + publish" writes every translation with the source text standing
in for each segment not yet translated, and publishes it. Here a translation is published
only when it is complete and the user may publish its language; otherwise a page gets a
draft revision (the live page keeps its text and shows as outdated on the dashboard until
its reviewers publish the finished draft), and a snippet, which has no drafts, keeps its
labels until they are translated.
"""

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef

from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from translation.access import may_publish
from translation.dashboard import SEGMENTS_NOT_REQUIRED
from translation.review import save_translation_draft

PUBLISHED = "published"
DRAFT_UNTRANSLATED = "draft_untranslated"  # saved as a draft: some text is not translated
DRAFT_FOR_REVIEW = "draft_for_review"  # saved as a draft: the language's reviewers publish
KEPT_UNTRANSLATED = "kept_untranslated"  # a snippet with new untranslated text: left as it was


def untranslated_count(translation: Translation) -> int:
    """Required source segments with no error-free translation into the target language."""
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=translation.target_locale_id,
        has_error=False,
    )
    return (
        StringSegment.objects.filter(source_id=translation.source_id)
        .exclude(context__path__in=SEGMENTS_NOT_REQUIRED)
        .exclude(Exists(translated))
        .count()
    )


def _target(translation: Translation):
    try:
        return translation.get_target_instance()
    except translation.source.specific_content_type.model_class().DoesNotExist:
        return None


def publish_synced(translation: Translation, user) -> str:
    """Apply a "sync + publish" to one translation the user works on; say what happened."""
    complete = untranslated_count(translation) == 0
    target = _target(translation)
    is_page = issubclass(translation.source.specific_content_type.model_class(), Page)
    publishable = may_publish(user, target) if target is not None else not is_page
    if complete and publishable:
        try:
            translation.save_target(user=user, publish=True)
        except ValidationError:
            return DRAFT_FOR_REVIEW if is_page else KEPT_UNTRANSLATED
        return PUBLISHED
    if not is_page:
        return KEPT_UNTRANSLATED
    if target is None:
        translation.save_target(user=user, publish=False)
    else:
        save_translation_draft(translation, user)
    return DRAFT_FOR_REVIEW if complete else DRAFT_UNTRANSLATED
