"""The two download routes of a material page: one file, and all files as a ZIP.

Only called through MaterialPage's routes, so the page is live and the visitor has passed
its view restrictions. What is left to check here: the view restrictions of the material's
other language versions (privacy follows the material), that the document really belongs to
this material (ids in URLs are easy to change) and that its collection is not private.
"""

from django.http import Http404

from downloads.access import collection_refusal, restriction_refusal
from downloads.counting import is_counted, record_download
from downloads.readme import readme_text
from downloads.serving import serve_file
from downloads.zip import archive_entries, archive_filename, zip_response

# Primary keys are 64-bit at most; a larger id names no document and some databases raise
# on it instead of finding nothing.
MAX_ID = 2**63 - 1


def _counter(request, material, document_ids):
    def on_download():
        if is_counted(request):
            record_download(material.translation_key, document_ids)

    return on_download


def file_download(material, request, document_id: int, filename: str):
    """One file, at <material url>files/<document id>/<document file name>.

    The file name must match too, as in Wagtail's own document URLs: a link keeps pointing
    at the file it was made for, and a guessed id alone finds nothing.
    """
    if not 0 < document_id <= MAX_ID:
        raise Http404("No such file.")
    if refusal := restriction_refusal(material, request):
        return refusal
    material_file = (
        material.files.select_related("document__collection")
        .filter(document_id=document_id)
        .first()
    )
    if material_file is None or material_file.document.filename != filename:
        raise Http404("No such file in this material.")
    document = material_file.document
    if refusal := collection_refusal(document, request):
        return refusal
    return serve_file(request, document, on_download=_counter(request, material, [document.pk]))


def zip_download(material, request):
    """Every file of the material the visitor may fetch, with a README, as one ZIP."""
    if refusal := restriction_refusal(material, request):
        return refusal
    files = [
        material_file
        for material_file in material.files.select_related("document__collection")
        if collection_refusal(material_file.document, request) is None
    ]
    entries = archive_entries(files)
    if not entries:
        raise Http404("This material has no files to download.")
    readme = readme_text(
        material,
        material.get_full_url(request),
        [(entry.name, entry.title) for entry in entries],
    )
    return zip_response(
        request,
        filename=archive_filename(material.slug),
        entries=entries,
        readme=readme,
        on_download=_counter(request, material, [entry.document.pk for entry in entries]),
    )
