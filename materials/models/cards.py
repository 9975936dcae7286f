"""Material cards: what a listing shows of each material, fetched in a fixed number of queries."""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Prefetch

from materials.localization import localize_groups
from materials.models.material import MaterialPage
from materials.models.media import CustomRendition
from materials.record import slug_terms

# A card's cover at three widths for srcset (16:9); the middle one is the card's `src` and
# the thumbnail the JSON cards carry. Querysets prefetch all three (card_queryset).
CARD_IMAGE_FILTER = "fill-480x270"
CARD_IMAGE_FILTERS = ("fill-320x180", CARD_IMAGE_FILTER, "fill-960x540")
# Cards sit in a grid of columns at least 16rem wide inside a 72rem container: about a third
# of it on a desktop, the whole width (less the padding) on a phone.
CARD_IMAGE_SIZES = "(max-width: 40rem) calc(100vw - 2.5rem), (max-width: 60rem) 50vw, 24rem"


def card_media_queryset(queryset):
    """A MaterialPage queryset with what a card shows besides its terms: the locale and
    the cover joined in, the cover's renditions at the card widths in one more query."""
    return queryset.select_related("locale", "cover_image").prefetch_related(
        Prefetch(
            "cover_image__renditions",
            queryset=CustomRendition.objects.filter(filter_spec__in=CARD_IMAGE_FILTERS),
            to_attr="prefetched_renditions",  # where Wagtail's get_renditions looks first
        )
    )


def card_queryset(queryset):
    """Add what a material card needs to a MaterialPage queryset."""
    return card_media_queryset(queryset).prefetch_related("disciplines")


def card_term_keys(page_ids: Iterable[int]) -> dict[int, tuple[list[str], list[str]]]:
    """Each page's discipline slugs and resource-language codes, read from the two link
    tables without building term objects: search cards label them from the search
    vocabulary, in its order."""
    ids = set(page_ids)
    keys: dict[int, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    disciplines = MaterialPage.disciplines.through.objects.filter(materialpage_id__in=ids)
    for page_id, slug in disciplines.values_list("materialpage_id", "discipline__slug"):
        keys[page_id][0].append(slug)
    languages = MaterialPage.resource_languages.through.objects.filter(materialpage_id__in=ids)
    for page_id, code in languages.values_list("materialpage_id", "resourcelanguage__code"):
        keys[page_id][1].append(code)
    return dict(keys)


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
