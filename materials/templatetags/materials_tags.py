"""Template tags of the content model's pages."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from wagtail import hooks

from materials.age_bands import ADULT_AGE
from materials.extension_points import MATERIAL_HEAD_HTML
from materials.models.cards import CARD_IMAGE_FILTER, CARD_IMAGE_FILTERS, CARD_IMAGE_SIZES

register = template.Library()


@register.simple_tag(takes_context=True)
def material_head_html(context, record):
    """What other apps add to a material page's <head> for this record (open_data adds the
    JSON-LD), each registered under materials.extension_points.MATERIAL_HEAD_HTML, given the
    request's CSP nonce for any inline <script> element."""
    if record is None:
        return ""
    # django-csp's lazy nonce is falsy until read: compare with None, never truth-test it.
    lazy_nonce = getattr(context.get("request"), "csp_nonce", None)
    nonce = "" if lazy_nonce is None else str(lazy_nonce)
    parts = (
        conditional_escape(render(record, nonce=nonce))
        for render in hooks.get_hooks(MATERIAL_HEAD_HTML)
    )
    return mark_safe("".join(parts))  # each part is escaped unless its hook marked it safe


@register.filter
def joined(items, attribute: str = ""):
    """Comma-joined values, each escaped: `{{ disciplines|joined:"label" }}` for the lists
    of terms that pages and cards show inline."""
    values = (getattr(item, attribute) if attribute else item for item in items or ())
    return mark_safe(", ".join(conditional_escape(value) for value in values))


@register.inclusion_tag("materials/includes/age_range.html")
def age_range(material):
    """A material's pupil ages, or "adult learners" from the adult band on."""
    return {"material": material, "adult": material.age_min >= ADULT_AGE}


@register.simple_tag
def card_image(image):
    """A card's cover as a responsive, lazily loaded image: the renditions the card querysets
    prefetch (CARD_IMAGE_FILTERS) in srcset, so a phone never fetches the widest, and width
    and height so the page does not shift when it arrives. Cards are below the fold or many,
    hence loading="lazy"."""
    if image is None:
        return ""
    renditions = image.get_renditions(*CARD_IMAGE_FILTERS)
    srcset = ", ".join(f"{rendition.url} {rendition.width}w" for rendition in renditions.values())
    return renditions[CARD_IMAGE_FILTER].img_tag(
        {
            "class": "card__image",
            "alt": "",
            "srcset": srcset,
            "sizes": CARD_IMAGE_SIZES,
            "loading": "lazy",
            "decoding": "async",
        }
    )
