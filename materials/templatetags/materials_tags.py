"""Template tags of the content model's pages."""

from functools import cache

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from wagtail import hooks
from wagtail.images.models import Filter

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


# The material page's cover (960 x 400 at most), and the share of the viewport it fills.
COVER_IMAGE_FILTERS = ("fill-320x133", "fill-480x200", "fill-960x400")
COVER_IMAGE_SIZES = "(max-width: 62rem) calc(100vw - 2.5rem), 960px"


@cache
def prepared_filters(specs: tuple[str, ...]) -> tuple[Filter, ...]:
    """Filters built once per process. A Filter parses its spec into operations once and
    keeps them; built afresh from a string, it parsed them again for every image, to
    compute the rendition's focal-point key."""
    return tuple(Filter(spec=spec) for spec in specs)


def responsive_img(image, filters: tuple[str, ...], base_filter: str, attrs: dict) -> str:
    """An <img> whose srcset offers each rendition once per width (an original narrower than
    a filter yields the same width twice, which srcset forbids), with the base rendition's
    src, width and height, so the page does not shift when the image arrives."""
    renditions = image.get_renditions(*prepared_filters(filters))
    by_width = {rendition.width: rendition for rendition in renditions.values()}
    srcset = ", ".join(f"{r.url} {width}w" for width, r in sorted(by_width.items()))
    return renditions[base_filter].img_tag({**attrs, "srcset": srcset})


@register.simple_tag
def card_image(image):
    """A card's cover at the widths the card querysets prefetch (CARD_IMAGE_FILTERS), so a
    phone never fetches the widest. Cards are below the fold or many: loaded lazily."""
    if image is None:
        return ""
    attrs = {"class": "card__image", "alt": "", "sizes": CARD_IMAGE_SIZES, "loading": "lazy"}
    return responsive_img(image, CARD_IMAGE_FILTERS, CARD_IMAGE_FILTER, attrs)


@register.simple_tag
def cover_image(image):
    """The material page's cover: its first image and above the fold, so not lazy."""
    if image is None:
        return ""
    attrs = {"class": "material__cover", "alt": "", "sizes": COVER_IMAGE_SIZES}
    return responsive_img(image, COVER_IMAGE_FILTERS, COVER_IMAGE_FILTERS[-1], attrs)
