"""Which texts of a page or snippet wagtail-localize cannot turn into translation segments.

A text the extractor misses stays in the source language on every translation, whatever the
translators do, while the translation looks complete. (Plain-list ListBlock values were such a
case.) This module reads an object's stored values on its own, independently of the
extractor, and reports every visitor-facing text that the extractor does not return, so the
demo seed and the translators' dashboard can name it.

Fields declared synchronised (authors, reviewer, institution: names, not translated by
design) are skipped; inline objects that are not TranslatableMixin have all their texts
checked, since nothing can translate them.
"""

from django.db import models

from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.strings import extract_strings


def _rich_text(html: str | None) -> list[str]:
    _template, strings = extract_strings(html or "")
    return [string.render_text() for string, _attrs in strings]


def _list_item_value(item):
    """A ListBlock item's value, whether stored in block format or as a plain value."""
    if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
        return item["value"]
    return item


def block_texts(block, raw) -> list[str]:
    """The texts in a block's stored (raw JSON) value, walked by the block's definition."""
    if raw is None or block is None:
        return []
    if isinstance(block, ImageBlock):
        alt_text = raw.get("alt_text") if isinstance(raw, dict) else None
        return [alt_text] if alt_text else []
    if isinstance(block, blocks.RichTextBlock):
        return _rich_text(raw)
    if isinstance(block, blocks.CharBlock | blocks.TextBlock | blocks.BlockQuoteBlock):
        return [raw] if isinstance(raw, str) and raw else []
    if isinstance(block, blocks.StructBlock):
        if not isinstance(raw, dict):
            return []
        return [
            text
            for name, child in block.child_blocks.items()
            for text in block_texts(child, raw.get(name))
        ]
    if isinstance(block, blocks.ListBlock):
        items = raw if isinstance(raw, list) else []
        child = block.child_block
        return [text for item in items for text in block_texts(child, _list_item_value(item))]
    if isinstance(block, blocks.StreamBlock):
        children = raw if isinstance(raw, list) else []
        return [
            text
            for child in children
            if isinstance(child, dict)
            for text in block_texts(block.child_blocks.get(child.get("type")), child.get("value"))
        ]
    return []


def _field_texts(instance, field) -> list[str]:
    value = field.value_from_object(instance)
    if isinstance(field, StreamField):
        return block_texts(field.stream_block, list(value.raw_data) if value else [])
    if isinstance(field, RichTextField):
        return _rich_text(value)
    if isinstance(field, models.CharField | models.TextField) and not field.choices:
        return [value] if value else []
    return []


def _plain_texts(instance) -> list[str]:
    """Every text field of an object that no translation can reach."""
    return [
        text
        for field in instance._meta.concrete_fields
        if field.editable and not isinstance(field, models.URLField | models.SlugField)
        for text in _field_texts(instance, field)
    ]


def visible_texts(instance) -> list[str]:
    """The texts of an object and its inline objects that are meant to be translated."""
    model = type(instance)
    declared = {field.field_name: field for field in get_translatable_fields(model)}
    texts = []
    for declaration in declared.values():
        field = declaration.get_field(model)
        if isinstance(field, models.Field) and declaration.is_translated(instance):
            texts.extend(_field_texts(instance, field))
    for relation in model._meta.related_objects:
        if not isinstance(relation.remote_field, ParentalKey):
            continue
        child_model = relation.related_model
        translatable_child = issubclass(child_model, TranslatableMixin)
        declaration = declared.get(relation.name)
        if translatable_child and declaration and not declaration.is_translated(instance):
            continue  # synchronised on purpose
        for child in getattr(instance, relation.get_accessor_name()).all():
            texts.extend(visible_texts(child) if translatable_child else _plain_texts(child))
    return texts


def extracted_texts(instance) -> set[str]:
    """The texts wagtail-localize makes into translation segments for this object."""
    return {
        segment.string.render_text()
        for segment in extract_segments(instance)
        if isinstance(segment, StringSegmentValue)
    }


def untranslatable_texts(instance) -> list[str]:
    """Visitor-facing texts of the object that no translation can replace, in order."""
    extracted = extracted_texts(instance)
    missing = []
    for text in visible_texts(instance):
        if text.strip() and text not in extracted and text not in missing:
            missing.append(text)
    return missing
