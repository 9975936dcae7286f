"""The JSON shape of /api/search/ (documented in the README).

A result is a MaterialCard serialised by open_data.record_json, the functions behind
/api/v2/ too: the same concept has the same keys and shape in both APIs.
"""

from materials.models.cards import CARD_IMAGE_FILTER
from materials.record import MaterialCard, card_for_page, split_keywords
from open_data.record_json import card_json
from search.query import PAGE_SIZE


def search_payload(request, results) -> dict:
    search = results.request
    return {
        "query": search.query,
        "language": search.language,
        "all_languages": search.all_languages,
        "sort": search.sort,
        "page": search.page,
        "page_size": PAGE_SIZE,
        "pages": results.num_pages,
        "total": results.total,
        "applied": {
            **{name: list(values) for name, values in search.selections.items()},
            **({"pupil_age": search.pupil_age} if search.pupil_age is not None else {}),
        },
        "ignored": [{"facet": name, "value": value} for name, value in results.form.ignored],
        "results": [
            {
                **card_json(material_card(request, material)),
                "machine_translation": machine_translation_json(material),
            }
            for material in results.materials
        ],
        "facets": [
            {
                "name": view.name,
                "label": str(view.facet.label),
                "values": [
                    {
                        "key": option.value,
                        "label": option.label,
                        "count": option.count,
                        "selected": option.selected,
                    }
                    for option in view.options
                ],
            }
            for view in results.facets
        ],
    }


def machine_translation_json(material) -> dict | None:
    """The title, summary and keywords in the requested language, machine-translated, on
    fallbacks."""
    text = getattr(material, "machine_text", None)
    if text is None:
        return None
    return {
        "title": text.title,
        "summary": text.summary,
        "keywords": list(split_keywords(text.keywords)),
        "provider": text.provider,
    }


def material_card(request, material) -> MaterialCard:
    """The card of a search hit, from the page and the labels the search already loaded."""
    cover = material.cover_image
    thumbnail = cover.get_rendition(CARD_IMAGE_FILTER).url if cover else None
    return card_for_page(
        material,
        url=request.build_absolute_uri(material.get_url(request)),
        disciplines=material.card_disciplines,
        resource_languages=material.card_resource_languages,
        is_fallback=material.is_fallback,
        available_languages=material.languages,
        thumbnail=request.build_absolute_uri(thumbnail) if thumbnail else None,
    )
