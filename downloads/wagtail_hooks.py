"""Plugs downloads into the material page's routes (materials.extension_points), and keeps
the files of private materials off Wagtail's /documents/ URLs."""

from django.http import Http404

from wagtail import hooks

from downloads.access import is_private_material_file
from downloads.views import file_download, zip_download
from materials.extension_points import SERVE_MATERIAL_ARCHIVE, SERVE_MATERIAL_FILE

hooks.register(SERVE_MATERIAL_FILE, file_download)
hooks.register(SERVE_MATERIAL_ARCHIVE, zip_download)


@hooks.register("before_serve_document")
def hide_files_of_private_materials(document, request):
    """/documents/<id>/<name> serves any document by id; a material's files must not be
    reachable there while no version of the material is published and public. Editors
    (admin access) still open them, e.g. from the document chooser while preparing a page."""
    if request.user.has_perm("wagtailadmin.access_admin"):
        return None
    if is_private_material_file(document):
        raise Http404("No such document.")
    return None
