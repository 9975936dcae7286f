"""The search app serves the material index page and the home page's ways into the search
(materials.extension_points), and the admin's page search (search.admin_pages)."""

from wagtail import hooks

from materials.extension_points import HOME_ENTRY_POINTS, SERVE_MATERIAL_INDEX
from search.admin_pages.views import PermittedPageViewSet
from search.entry_points import home_entry_points
from search.views import search_response


@hooks.register(SERVE_MATERIAL_INDEX)
def serve_material_index_as_search(page, request):
    """The material index is the search page, browsing everything until a visitor
    narrows it: one listing with facets rather than two."""
    return search_response(request, page=page)


hooks.register(HOME_ENTRY_POINTS, home_entry_points)


# After Wagtail's own default page viewset (its hook is ordered -1): the registry keeps the
# last viewset registered for the base Page model.
@hooks.register("register_admin_viewset", order=10)
def register_permitted_page_viewset():
    return PermittedPageViewSet()
