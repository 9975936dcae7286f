"""Which links the live pages publish, and where: a material's original URL and the
external links in the rich text of materials (commentary), catalogues (introduction and
section guidance) and reviews (the review text).

Rich text inside StreamFields is found by walking the stored JSON alongside the block
definitions, so no chosen page, image or document is loaded on the way.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Locale

from link_check.addresses import normalise
from link_check.models import LinkUse
from materials.models import CataloguePage, MaterialPage, Partner, ReviewPage

# Per page type: the fields holding rich text (a RichTextField or a StreamField).
RICH_TEXT_FIELDS = {
    MaterialPage: (LinkUse.Field.COMMENTARY,),
    CataloguePage: (LinkUse.Field.INTRO, LinkUse.Field.SECTIONS),
    ReviewPage: (LinkUse.Field.BODY,),
}


@dataclass(frozen=True)
class FoundLink:
    url: str
    normalised_url: str
    page_id: int
    field: str
    partner_id: int | None


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_in_html(html: str) -> list[str]:
    """The href of every <a> in the HTML, in order (Wagtail stores internal links as page
    and document references without an href, so only external ones appear)."""
    parser = _Anchors()
    parser.feed(html or "")
    parser.close()
    return parser.hrefs


def rich_text_in(block: blocks.Block, raw) -> Iterator[str]:
    """The rich text sources in the raw (stored) value of `block`."""
    if isinstance(block, blocks.RichTextBlock):
        if isinstance(raw, str):
            yield raw
    elif isinstance(block, blocks.StreamBlock):
        for item in raw or ():
            if isinstance(item, dict) and item.get("type") in block.child_blocks:
                yield from rich_text_in(block.child_blocks[item["type"]], item.get("value"))
    elif isinstance(block, blocks.StructBlock):
        if isinstance(raw, dict):
            for name, child in block.child_blocks.items():
                yield from rich_text_in(child, raw.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in raw or ():
            # Since Wagtail 2.16 list items are stored as {"type": "item", "value": ...}.
            is_wrapped = isinstance(item, dict) and item.get("type") == "item" and "value" in item
            yield from rich_text_in(block.child_block, item["value"] if is_wrapped else item)


def rich_text_of(page, field_name: str) -> Iterator[str]:
    field = type(page)._meta.get_field(field_name)
    value = getattr(page, field_name)
    if isinstance(field, StreamField):
        yield from rich_text_in(field.stream_block, list(value.raw_data))
    else:
        yield value or ""


def links_of(page, partner_id: int | None) -> Iterator[FoundLink]:
    """Every checkable link of one page, once per field."""
    candidates: list[tuple[str, str]] = []
    if isinstance(page, MaterialPage) and page.original_url:
        candidates.append((page.original_url, LinkUse.Field.ORIGINAL_URL))
    for rich_field in RICH_TEXT_FIELDS[type(page)]:
        for html in rich_text_of(page, rich_field):
            candidates += [(href, rich_field) for href in links_in_html(html)]
    seen = set()
    for url, where in candidates:
        normalised = normalise(url)
        if normalised is None or (normalised, where) in seen:
            continue
        seen.add((normalised, where))
        yield FoundLink(url.strip(), normalised, page.pk, where, partner_id)


def canonical_partners() -> dict[int, int]:
    """Each partner's id (any language) -> its source-language partner's id, so a link is
    reported under one partner whatever language version of a material uses it."""
    rows = list(Partner.objects.values_list("pk", "translation_key", "locale_id"))
    default_locale = Locale.get_default().pk
    canonical = {key: pk for pk, key, locale in rows if locale == default_locale}
    return {pk: canonical.get(key, pk) for pk, key, _ in rows}


def live_pages(partner_ids: Iterable[int] | None) -> Iterator:
    """The live pages whose links are checked; with `partner_ids`, only those partners'
    materials."""
    materials = MaterialPage.objects.live()
    if partner_ids is not None:
        materials = materials.filter(partner_id__in=list(partner_ids))
    yield from materials.iterator(chunk_size=200)
    if partner_ids is None:
        yield from CataloguePage.objects.live().iterator(chunk_size=200)
        yield from ReviewPage.objects.live().iterator(chunk_size=200)


def collect(partner_ids: Iterable[int] | None = None) -> tuple[list[FoundLink], set[int]]:
    """The links found and the ids of the pages read."""
    partners = canonical_partners()
    found: list[FoundLink] = []
    page_ids: set[int] = set()
    for page in live_pages(partner_ids):
        page_ids.add(page.pk)
        partner_id = partners.get(page.partner_id) if isinstance(page, MaterialPage) else None
        found += links_of(page, partner_id)
    return found, page_ids
