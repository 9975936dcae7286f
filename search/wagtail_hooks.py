from wagtail import hooks

from materials.models import MaterialIndexPage
from search.views import search_response


@hooks.register("before_serve_page")
def serve_material_index_as_search(page, request, serve_args, serve_kwargs):
    """The material index is the search page, browsing everything until a visitor
    narrows it: one listing with facets rather than two."""
    if isinstance(page, MaterialIndexPage) and request.method in ("GET", "HEAD"):
        return search_response(request, page=page)
    return None
