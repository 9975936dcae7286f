"""Syncing after a source edit brings in the changed text and keeps the translator's work."""

import pytest

from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue

from materials.models import MaterialPage
from tests import factories
from tests.conftest import shared_data
from tests.translation.translated_content import translate_fully
from translation.review import save_translation_draft

pytestmark = pytest.mark.django_db


def build_german_material() -> int:
    """An English material whose German translation has every text segment translated."""
    material = factories.publish(
        factories.MaterialPageFactory(parent=factories.site_tree().materials)
    )
    return translate_fully(material, "de").pk


@pytest.fixture(scope="module")
def german_pk(django_db_setup, django_db_blocker):
    """Built once for the module (see `shared_data`)."""
    with shared_data(django_db_blocker, build_german_material) as pk:
        yield pk


def text_segments(source, locale):
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    return {
        segment.context.path: (
            segment,
            StringTranslation.objects.filter(
                translation_of=segment.string, locale=locale, context=segment.context
            ).first(),
        )
        for segment in segments.exclude(context__path="slug")
    }


def test_resync_keeps_edits_on_unchanged_segments_and_flags_changed_ones(
    admin_client, django_capture_on_commit_callbacks, german_pk
):
    german = MaterialPage.objects.live().get(pk=german_pk)
    english = MaterialPage.objects.get(
        translation_key=german.translation_key, locale__language_code="en"
    )
    source = TranslationSource.objects.get(object_id=english.translation_key)
    translation = Translation.objects.get(source=source, target_locale=german.locale)

    # The translator improves the German title (an unchanged segment).
    segments = text_segments(source, german.locale)
    _title_segment, title_translation = segments["title"]
    title_translation.data = StringValue.from_plaintext("Überarbeiteter deutscher Titel").data
    title_translation.save()

    # The English editor rewrites the summary and publishes.
    english.summary = "A rewritten summary that the German team has not seen yet."
    english.save_revision().publish()

    # Someone syncs the translations, without publishing them.
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/localize/update/{source.pk}/", {})
    assert response.status_code == 302

    after = text_segments(source, german.locale)
    # The translator's edit survives the sync.
    assert StringValue(after["title"][1].data).render_text() == "Überarbeiteter deutscher Titel"
    # The changed summary is a new source string, waiting for translation.
    summary_segment, summary_translation = after["summary"]
    assert summary_segment.string.data == StringValue.from_plaintext(english.summary).data
    assert summary_translation is None
    # Every other segment keeps its translation.
    untouched = [path for path in after if path not in ("summary",)]
    assert untouched and all(after[path][1] is not None for path in untouched)

    # A draft saved now has the translator's title, and the new English summary until its
    # translation exists (the old German one no longer matches the source).
    save_translation_draft(translation)
    draft = MaterialPage.objects.get(pk=german.pk).get_latest_revision_as_object()
    assert draft.title == "Überarbeiteter deutscher Titel"
    assert draft.summary == "A rewritten summary that the German team has not seen yet."

    # Once translated, the new summary replaces it.
    StringTranslation.objects.create(
        translation_of=summary_segment.string,
        locale=german.locale,
        context=summary_segment.context,
        data=StringValue.from_plaintext("Eine neu geschriebene Zusammenfassung.").data,
    )
    save_translation_draft(translation)
    draft = MaterialPage.objects.get(pk=german.pk).get_latest_revision_as_object()
    assert draft.summary == "Eine neu geschriebene Zusammenfassung."
    assert draft.title == "Überarbeiteter deutscher Titel"
    # The live German page is unchanged until a reviewer publishes.
    assert MaterialPage.objects.get(pk=german.pk).summary == german.summary
