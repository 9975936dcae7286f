"""The JSON shape of /api/search/ (documented in the README)."""

from materials.models.cards import CARD_IMAGE_FILTER
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
            material_json(request, material, search.language) for material in results.materials
        ],
        "facets": [
            {
                "name": view.name,
                "label": str(view.facet.label),
                "values": [
                    {
                        "value": option.value,
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
    """The title and summary in the requested language, machine-translated, on fallbacks."""
    text = getattr(material, "machine_text", None)
    if text is None:
        return None
    return {"title": text.title, "summary": text.summary, "provider": text.provider}


def material_json(request, material, language: str) -> dict:
    cover = material.cover_image
    thumbnail = cover.get_rendition(CARD_IMAGE_FILTER).url if cover else None
    return {
        "id": material.pk,
        "translation_key": str(material.translation_key),
        "title": material.title,
        "url": request.build_absolute_uri(material.get_url(request)),
        "summary": material.summary,
        "language": material.locale.language_code,
        "is_fallback": material.is_fallback,
        "machine_translation": machine_translation_json(material),
        "available_languages": material.languages,
        "age_min": material.age_min,
        "age_max": material.age_max,
        "age_bands": [band.key for band in material.age_bands],
        "disciplines": [{"value": d.key, "label": d.name} for d in material.card_disciplines],
        "resource_languages": [
            {"value": r.key, "label": r.name} for r in material.card_resource_languages
        ],
        "country": {"value": material.country.code, "label": str(material.country.name)},
        "type": {
            "value": material.resource_type,
            "label": str(material.get_resource_type_display()),
        },
        "audience": {"value": material.audience, "label": str(material.get_audience_display())},
        "licence": material.licence,
        "thumbnail": request.build_absolute_uri(thumbnail) if thumbnail else None,
    }
