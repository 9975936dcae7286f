"""Translated content for the translation tests, composed from `tests.factories`.

The translation workflows act on finished translations: a dashboard counts a page as
published only when every text segment has a translation, a sync keeps the translator's
segments, a PO export lists what is still pending. `factories.translate_page` publishes a
translation with the source text as its fallback (no segment translated), which is enough
for routing and permissions; `translate_fully` gives every text segment a translation first,
as a translator's finished work (and the demo's translation memory) does. The other helpers
make what setup_partners makes, one piece at a time: the partner languages' locales and a
language's draft tree.
"""

from django.contrib.auth import get_user_model
from django.test import TestCase

from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue

from repo_site.languages import load_partner_languages
from tests import factories
from translation.dashboard import SEGMENTS_NOT_REQUIRED
from translation.trees import ensure_locale_tree


def translated_text(text: str, language: str) -> str:
    """What the tests' translators write for a source text: recognisable in every language."""
    return f"{text} [{language}]"


def text_segments(source: TranslationSource):
    """The segments a translator translates (the slug stays the source's, as in the demo)."""
    return (
        StringSegment.objects.filter(source=source)
        .exclude(context__path__in=SEGMENTS_NOT_REQUIRED)
        .select_related("string", "context")
    )


def translate_fully(instance, language: str):
    """The published translation of a page (its parents first) or snippet into `language`,
    every text segment translated by hand; the existing one if there is one."""
    target = factories.locale(language)
    model = Page if isinstance(instance, Page) else type(instance)
    existing = model.objects.filter(translation_key=instance.translation_key, locale=target)
    if existing.exists():
        found = existing.get()
        return found.specific if isinstance(found, Page) else found
    if isinstance(instance, Page):
        parent = instance.get_parent()
        if not parent.is_root():
            translate_fully(parent.specific, language)
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=target, defaults={"enabled": True}
    )
    for segment in text_segments(source):
        text = StringValue(segment.string.data).render_text()
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=target,
            context=segment.context,
            defaults={
                "data": StringValue.from_plaintext(translated_text(text, language)).data,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    # wagtail-localize publishes on commit, which a test's transaction never reaches.
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(publish=True)
    return translation.get_target_instance()


def partner_locales() -> None:
    """A locale for every partner language (no pages), as setup_partners makes them."""
    for language in load_partner_languages():
        factories.locale(language.code)


def draft_tree(language: str) -> Page:
    """`language`'s home and index pages as drafts, as setup_partners leaves a language that
    nobody has translated yet; returns the draft home."""
    factories.site_tree()
    with TestCase.captureOnCommitCallbacks(execute=True):
        return ensure_locale_tree(factories.locale(language), factories.source_locale())


def admin():
    """The superuser "admin", with an e-mail address (Wagtail mails admins of reviews); the
    existing one (pytest-django's `admin_user`, or the demo's) when there is one."""
    users = get_user_model().objects
    return users.filter(username="admin").first() or users.create_superuser(
        "admin", "admin@example.org", "unused"
    )
