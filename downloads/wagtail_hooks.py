"""Plugs downloads into the material page's routes (materials.extension_points), and keeps
the files of private materials off Wagtail's /documents/ URLs."""

from django.http import Http404

from wagtail import hooks

from downloads.access import is_private_material_file, may_edit_a_material_carrying
from downloads.views import file_download, zip_download
from materials.extension_points import SERVE_MATERIAL_ARCHIVE, SERVE_MATERIAL_FILE

hooks.register(SERVE_MATERIAL_FILE, file_download)
hooks.register(SERVE_MATERIAL_ARCHIVE, zip_download)


@hooks.register("before_serve_document")
def hide_files_of_private_materials(document, request):
    """/documents/<id>/<name> serves any document by id; a material's files must not be
    reachable there while the material is private (unpublished, or any version restricted),
    except for users who may edit a page that carries the file, e.g. from the document
    chooser while preparing it. Other admin users (another language's translators) get the
    same 404 as visitors."""
    if is_private_material_file(document) and not may_edit_a_material_carrying(
        request.user, document
    ):
        raise Http404("No such document.")
    return None
