"""Everything a visitor reads on a page can be translated, and the demo translations are complete.

The sentences are taken from the demo content files, not from the code under test: a text the
extractor misses would keep its source-language sentence on the translated page.
"""

import io
import re
from html import unescape

import pytest

from django.core.management import CommandError, call_command

from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue

from demo.content import DemoContent
from materials.models import MaterialPage, Partner
from materials.text_coverage import untranslatable_texts
from tests.factories import ImageFactory
from translation.models import UntranslatableText

# These tests read the demo itself: its pages of every type with their content files'
# sentences, its translation memories in four languages and the commands run over it.
pytestmark = [pytest.mark.django_db, pytest.mark.demo]

MARK = "⟦de⟧ "
ALT_TEXT = "Pupils pour muddy water through a home-made sand filter."


def page_sentences(content: DemoContent) -> dict[str, list[str]]:
    """Every visitor-facing sentence of each demo page, keyed by slug ("home" for the home)."""
    pages = content.pages
    sentences = {
        "home": [pages["home"]["title"], pages["home"].get("intro", ""), *pages["home"]["body"]]
    }
    for key in ("materials", "catalogues", "reviews"):
        index = pages[f"{key}_index"]
        sentences[key] = [index["title"], index.get("intro", "")]
    for entry in pages.get("standard_pages", []):
        sentences[entry["slug"]] = [entry["title"], *entry["body"]]
    for material in content.materials:
        texts = [material["title"], material["summary"]]
        for block in material["commentary"]:
            texts += block.get("paragraphs", [])
            texts += [block.get(key, "") for key in ("text", "attribution", "heading")]
            texts += [block.get(key, "") for key in ("title", "goal")] + block.get("steps", [])
        texts += [file["title"] for file in material.get("files", [])]
        sentences[material["slug"]] = texts
    for catalogue in content.catalogues:
        texts = [catalogue["title"], *catalogue["intro"]]
        for section in catalogue["sections"]:
            texts += [section["heading"], *section["guidance"]]
            texts += [item["note"] for item in section["materials"]]
        sentences[catalogue["slug"]] = texts
    for review in content.reviews:
        texts = [review["title"], review["verdict"], *review["body"]]
        texts += [rating.get("comment", "") for rating in review["ratings"]]
        sentences[review["slug"]] = texts
    return {slug: [text for text in texts if text.strip()] for slug, texts in sentences.items()}


def english_page(slug: str) -> Page:
    lookup = {"depth": 2} if slug == "home" else {"slug": slug}
    return Page.objects.get(locale__language_code="en", **lookup).specific


def rendered_text(client, page: Page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    return unescape(response.content.decode())


def leftovers(html: str, sentences: list[str], translated: dict[str, str]) -> list[str]:
    """Source sentences still on the page once every translated occurrence is taken out.

    Sentences of one or two words ("Materials") are looked for as a whole text or attribute
    value, since they also occur inside other words of the interface ("des Materials").
    """
    for sentence in sorted(sentences, key=len, reverse=True):
        html = html.replace(translated[sentence], "")
    whole = {text.strip() for text in re.findall(r'[>"]([^<>"]*)[<"]', html)}
    return [
        sentence
        for sentence in sentences
        if (sentence in whole if len(sentence.split()) < 3 else sentence in html)
    ]


def mark_every_segment(page: Page, locale: Locale, capture) -> Page:
    """Translate every string segment of the page as MARK + source, publish, return the target."""
    source, created = TranslationSource.get_or_create_from_instance(page)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    segments = StringSegment.objects.filter(source=source).exclude(context__path="slug")
    for segment in segments.select_related("string", "context"):
        text = StringValue(segment.string.data).render_text()
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": StringValue.from_plaintext(MARK + text).data,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    with capture(execute=True):
        translation.save_target(publish=True)
    return Page.objects.get(translation_key=page.translation_key, locale=locale).specific


def test_every_segment_marked_leaves_no_source_sentence_on_any_demo_page_type(
    client, locale_de, django_capture_on_commit_callbacks
):
    content = DemoContent()
    sentences = page_sentences(content)
    slugs = content.translations("de")["pages"]  # parents first: home, indexes, then the rest
    # An image with alt text in a commentary: alt texts are read (aloud) too.
    material_slug = next(slug for slug in slugs if slug in {m["slug"] for m in content.materials})
    material = english_page(material_slug)
    material.commentary.append(("image", {"image": ImageFactory(), "alt_text": ALT_TEXT}))
    material.save_revision().publish()
    sentences[material_slug].append(ALT_TEXT)

    kinds = set()
    for slug in slugs:
        source = english_page(slug)
        kinds.add(type(source).__name__)
        german = mark_every_segment(source, locale_de, django_capture_on_commit_callbacks)
        assert german.live
        html = rendered_text(client, german)
        translated = {sentence: MARK + sentence for sentence in sentences[slug]}
        assert leftovers(html, sentences[slug], translated) == [], slug
        assert MARK + sentences[slug][0] in html  # the marked text is what is shown
    assert kinds == {
        "HomePage",
        "MaterialIndexPage",
        "CatalogueIndexPage",
        "ReviewIndexPage",
        "StandardPage",
        "MaterialPage",
        "CataloguePage",
        "ReviewPage",
    }


@pytest.mark.parametrize("language", ["de", "nl", "cs", "el"])
def test_demo_translations_are_complete(client, language):
    content = DemoContent()
    sentences = page_sentences(content)
    memory = content.translations(language)
    for slug in memory["pages"]:
        source = english_page(slug)
        page = Page.objects.live().get(
            translation_key=source.translation_key, locale__language_code=language
        )
        # Sentences a translator left as they are (names, acronyms) are not left-overs.
        changed = [s for s in sentences[slug] if memory["strings"].get(s, s) != s]
        translated = {s: memory["strings"][s] for s in changed}
        assert leftovers(rendered_text(client, page), changed, translated) == [], slug


def test_partner_descriptions_are_translatable():
    partner = Partner.objects.filter(locale__language_code="en").exclude(description="").first()
    source, _ = TranslationSource.get_or_create_from_instance(partner)
    texts = {
        StringValue(segment.string.data).render_text()
        for segment in StringSegment.objects.filter(source=source).select_related("string")
    }
    assert partner.description in texts
    german = Partner.objects.get(
        translation_key=partner.translation_key, locale__language_code="de"
    )
    assert german.description and german.description != partner.description


def plain_list_material() -> MaterialPage:
    """A German-translated demo material with its activity steps as a plain list, as older
    sites hold them (not saved)."""
    german_slugs = DemoContent().translations("de")["pages"]
    material = next(
        page
        for page in MaterialPage.objects.filter(locale__language_code="en", slug__in=german_slugs)
        if any(block.block_type == "activity" for block in page.commentary)
    )
    raw = list(material.commentary.raw_data)
    for block in raw:
        if block["type"] == "activity":
            block["value"]["steps"] = [item["value"] for item in block["value"]["steps"]]
    material.commentary = raw
    return material


def test_text_in_plain_lists_is_named_as_untranslatable():
    material = plain_list_material()
    steps = [
        step
        for block in material.commentary
        if block.block_type == "activity"
        for step in block.value["steps"]
    ]
    assert untranslatable_texts(material) == steps
    material.refresh_from_db()
    assert untranslatable_texts(material) == []


def test_missing_translations_command_names_untranslatable_text():
    material = plain_list_material()
    material.save_revision().publish()
    out, err = io.StringIO(), io.StringIO()
    call_command("seed_demo", missing_translations="de", stdout=out, stderr=err)
    activity = next(b for b in material.commentary if b.block_type == "activity")
    assert "cannot be translated" in err.getvalue()
    assert f"MaterialPage {material.title}: {activity.value['steps'][0]}" in err.getvalue()


def test_missing_translations_command_is_silent_when_everything_is_extractable():
    err = io.StringIO()
    call_command("seed_demo", missing_translations="de", stdout=io.StringIO(), stderr=err)
    assert err.getvalue() == ""


def test_the_dashboard_names_text_that_cannot_be_translated(admin_client):
    material = plain_list_material()
    material.save_revision().publish()
    activity = next(b for b in material.commentary if b.block_type == "activity")
    first_step = activity.value["steps"][0]
    html = unescape(admin_client.get("/admin/translations/").content.decode())
    assert "Text that cannot be translated" in html
    assert first_step[:100] in html and material.title in html

    # Saved through its blocks (as the editor does), the list is stored in block format again.
    material.refresh_from_db()
    list(material.commentary)
    material.save_revision().publish()
    assert not UntranslatableText.objects.filter(page=material).exists()
    html = unescape(admin_client.get("/admin/translations/").content.decode())
    assert "Text that cannot be translated" not in html


def test_check_translatable_text_command_lists_and_fails_on_untranslatable_text():
    material = plain_list_material()
    MaterialPage.objects.filter(pk=material.pk).update(
        commentary=list(material.commentary.raw_data)
    )
    out = io.StringIO()
    with pytest.raises(CommandError, match="text\\(s\\) cannot be translated"):
        call_command("check_translatable_text", stdout=out)
    activity = next(b for b in material.commentary if b.block_type == "activity")
    assert f"{material.url_path}: {activity.value['steps'][0]}" in out.getvalue()
    assert UntranslatableText.objects.get(page=material).texts


def test_check_translatable_text_command_passes_on_the_demo():
    out = io.StringIO()
    call_command("check_translatable_text", stdout=out)
    assert "Every text of every source page can be translated." in out.getvalue()
    assert not UntranslatableText.objects.exists()


def test_publishing_succeeds_when_the_check_cannot_read_a_page(monkeypatch, caplog):
    def unreadable(page):
        raise ValueError("unknown block")

    monkeypatch.setattr("translation.coverage.untranslatable_texts", unreadable)
    material = MaterialPage.objects.filter(locale__language_code="en").first()
    material.summary = "Published although the check fails."
    material.save_revision().publish()
    material.refresh_from_db()
    assert material.summary == "Published although the check fails." and material.live
    assert "Could not check page" in caplog.text
