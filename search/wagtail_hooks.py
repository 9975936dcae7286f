"""The search app serves the material index page (materials.extension_points)."""

from wagtail import hooks

from materials.extension_points import SERVE_MATERIAL_INDEX
from search.views import search_response


@hooks.register(SERVE_MATERIAL_INDEX)
def serve_material_index_as_search(page, request):
    """The material index is the search page, browsing everything until a visitor
    narrows it: one listing with facets rather than two."""
    return search_response(request, page=page)
