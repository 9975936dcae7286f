"""Material cards: what a listing shows of each material, fetched in a fixed number of queries."""

from django.db.models import Prefetch

from materials.localization import localize_groups
from materials.models.media import CustomImage
from materials.record import slug_terms

# A card's cover at three widths for srcset (16:9); the middle one is the card's `src` and
# the thumbnail the JSON cards carry. Querysets prefetch all three (card_queryset).
CARD_IMAGE_FILTER = "fill-480x270"
CARD_IMAGE_FILTERS = ("fill-320x180", CARD_IMAGE_FILTER, "fill-960x540")
# Cards sit in a grid of columns at least 16rem wide inside a 72rem container: about a third
# of it on a desktop, the whole width (less the padding) on a phone.
CARD_IMAGE_SIZES = "(max-width: 40rem) calc(100vw - 2.5rem), (max-width: 60rem) 50vw, 24rem"


def card_queryset(queryset):
    """Add the prefetches a material card needs to a MaterialPage queryset."""
    return queryset.select_related("locale").prefetch_related(
        "disciplines",
        Prefetch(
            "cover_image",
            queryset=CustomImage.objects.prefetch_renditions(*CARD_IMAGE_FILTERS),
        ),
    )


def with_localized_disciplines(materials: list, language_code: str | None = None) -> list:
    """Set `card_disciplines` on each material: its disciplines in the visitor's language, as
    the record's Terms (what search cards carry too)."""
    groups = localize_groups(
        {str(index): list(material.disciplines.all()) for index, material in enumerate(materials)},
        language_code,
    )
    for index, material in enumerate(materials):
        material.card_disciplines = slug_terms(groups[str(index)])
    return materials
