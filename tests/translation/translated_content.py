"""Translated content for the translation tests, composed from `tests.factories`.

The translation workflows act on finished translations: a dashboard counts a page as
published only when every text segment has a translation, a sync keeps the translator's
segments, a PO export lists what is still pending. `factories.translate_page` publishes a
translation with the source text as its fallback (no segment translated), which is enough
for routing and permissions; `translate_fully` gives every text segment a translation first,
as a translator's finished work (and the demo's translation memory) does. Other helpers
make what setup_partners makes, one piece at a time (the partner languages' locales, a
language's draft tree), what a German visitor meets (`german_site`), and the demo content's
English materials that the recorded machine translations answer for (`demo_materials`).
"""

from django.contrib.auth import get_user_model
from django.test import TestCase

from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue

from demo.content import DemoContent
from materials import models
from materials.models import MaterialPage
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


def translate_tree_fully(language: str) -> factories.SiteTree:
    """The home and index pages translated into `language`, every segment translated, with
    the index pages in the menu (as the demo has them)."""
    tree = factories.site_tree()
    for index in (tree.materials, tree.catalogues, tree.reviews):
        if not index.show_in_menus:
            index.show_in_menus = True
            factories.publish(index)
    pages = {
        key: translate_fully(getattr(tree, key), language)
        for key in ("home", "materials", "catalogues", "reviews")
    }
    return factories.SiteTree(**pages)


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


def german_site() -> dict[str, list[int]]:
    """What a German visitor meets: English materials, reviews and catalogues, one of each
    translated into German (every segment) and the others only in English; the German
    catalogue lists a translated and an untranslated material. Finnish has only its draft
    tree. Returns the English pages' primary keys by kind, the translated one first."""
    translate_tree_fully("de")
    tree = factories.site_tree()
    translated, *english_only = (
        factories.publish(factories.MaterialPageFactory(parent=tree.materials)) for _n in range(3)
    )
    criterion = factories.QualityCriterionFactory()
    reviews = [factories.review_of(page, {criterion: 4}) for page in (translated, *english_only)]
    catalogues = [
        factories.full_catalogue(tree.catalogues, materials=[translated, english_only[0]]),
        factories.full_catalogue(tree.catalogues, materials=english_only),
    ]
    for page in (translated, reviews[0], catalogues[0]):
        translate_fully(page, "de")
    draft_tree("fi")
    return {
        "materials": [translated.pk] + [page.pk for page in english_only],
        "reviews": [page.pk for page in reviews],
        "catalogues": [page.pk for page in catalogues],
    }


def demo_materials() -> list[int]:
    """The demo content's English materials with the texts machine translation reads (title,
    summary, keywords), built where a run has not seeded them; every other English material
    of the module's tests is made inside a test. The demo's recorded machine translations
    (demo.recorded_translator) answer for exactly these texts. The first material is
    published with terms of every kind, a file and a related material, as a visitor's page
    is (publishing stores its machine text in every partner language, whose locales are made
    first); the others are live pages. The German tree is there too, so the materials have
    German fallback pages. Returns their primary keys in tree order."""
    partner_locales()
    materials = factories.site_tree().materials
    entries = DemoContent().materials
    existing = dict(
        MaterialPage.objects.child_of(materials)
        .filter(slug__in=[entry["slug"] for entry in entries])
        .values_list("slug", "pk")
    )
    pages = []
    for entry in entries:
        if entry["slug"] in existing:
            pages.append(existing[entry["slug"]])
            continue
        fields = {key: entry.get(key, "") for key in ("title", "slug", "summary", "keywords")}
        page = factories.MaterialPageFactory(parent=materials, **fields)
        pages.append(page.pk)
    first = MaterialPage.objects.get(pk=pages[0])
    if not first.related_materials.exists():
        english = factories.resource_language("en", "English")
        first.disciplines = [factories.DisciplineFactory()]
        first.diversity_dimensions = [factories.DiversityDimensionFactory()]
        first.resource_languages = [english]
        first.files = [
            models.MaterialFile(
                title="Worksheet", document=factories.DocumentFactory(), language=english
            )
        ]
        first.related_materials = [models.RelatedMaterial(material_id=pages[1])]
        factories.publish(first)
    factories.site_tree("de")
    return pages
