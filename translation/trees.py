"""Each language's page tree: the home and index pages exist as drafts until translated.

They are created through wagtail-localize (as the 'translate' action would), so they show
up as translations to do, and the language's permissions and workflow have a root to sit on.
Visitors never see a draft: until a reviewer publishes it they get the source language.
"""

from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from materials.models import HomePage


def ensure_translation_draft(page: Page, locale: Locale) -> Page:
    existing = Page.objects.filter(translation_key=page.translation_key, locale=locale).first()
    if existing:
        return existing
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    translation.save_target(publish=False)
    return translation.get_target_instance()


def ensure_locale_tree(locale: Locale, source_locale: Locale) -> Page | None:
    """The locale's home page (and its index pages), created as drafts where missing."""
    source_home = HomePage.objects.filter(locale=source_locale).first()
    if source_home is None:
        return None  # no content yet: the tree follows once a home page exists
    home = ensure_translation_draft(source_home, locale)
    for child in source_home.get_children().filter(depth=source_home.depth + 1):
        if getattr(child.specific_class, "part_of_language_tree", False):
            ensure_translation_draft(child.specific, locale)
    return home
