"""All of a material's files as one ZIP, built while it is sent.

zipstream-ng writes each entry as its bytes go out: every file is read from storage in
CHUNK_SIZE pieces when the archive reaches it, so memory stays flat whatever the sizes, and
nothing is written to disk. Entries are stored, not deflated: PDFs and Office files are
compressed already, and a stored archive's size is known in advance, so the browser gets a
Content-Length and shows real progress.
"""

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from zipstream import ZipStream

from django.http import HttpResponse, HttpResponseNotAllowed, StreamingHttpResponse

from downloads.filenames import content_disposition, safe_filename, unique_names
from downloads.headers import protective_headers
from downloads.serving import ALLOWED_METHODS, CHUNK_SIZE

logger = logging.getLogger(__name__)

README_NAME = "README.txt"


@dataclass(frozen=True)
class Entry:
    name: str  # in the archive: safe and unique
    title: str
    document: object
    size: int


def archive_entries(material_files) -> list[Entry]:
    """One entry per file, named after its (translated) title, e.g. "Teacher guide.pdf".

    Titles repeat ("Worksheet" in two languages) and may hold any character, so names are
    made safe and then unique; README.txt is reserved. A file missing from storage is left
    out (and logged) rather than failing the teacher's whole download.
    """
    present = []
    for material_file in material_files:
        document = material_file.document
        try:
            size = document.file.size
        except (FileNotFoundError, OSError, ValueError):
            logger.warning("Document %s is not in storage; left out of the ZIP", document.pk)
            continue
        extension = document.file_extension.lower()
        title = material_file.title
        name = safe_filename(f"{title}.{extension}" if extension else title)
        present.append((name, material_file, size))
    names = unique_names([README_NAME] + [name for name, _file, _size in present])[1:]
    return [
        Entry(name, material_file.title, material_file.document, size)
        for name, (_name, material_file, size) in zip(names, present, strict=True)
    ]


def stored_chunks(document) -> Iterator[bytes]:
    """The document's bytes in chunks; the file is opened only when the archive gets here."""
    with document.file.storage.open(document.file.name, "rb") as stored:
        while chunk := stored.read(CHUNK_SIZE):
            yield chunk


def build_archive(entries: list[Entry], readme: str) -> ZipStream:
    archive = ZipStream(sized=True)
    archive.add(readme.encode("utf-8"), README_NAME)
    for entry in entries:
        archive.add(stored_chunks(entry.document), entry.name, size=entry.size)
    return archive


def zip_response(
    request,
    *,
    filename: str,
    entries: list[Entry],
    readme: str,
    on_download: Callable[[], None],
):
    """The archive as a download: headers only for HEAD, the streamed archive for GET.

    Range is not offered (Accept-Ranges: none): the archive is rebuilt for every request,
    and a resumed ZIP would splice two builds if a file changed in between.
    """
    if request.method not in ALLOWED_METHODS:
        return HttpResponseNotAllowed(ALLOWED_METHODS)
    archive = build_archive(entries, readme)
    headers = {
        **protective_headers(),
        "Content-Disposition": content_disposition("attachment", safe_filename(filename)),
        "Accept-Ranges": "none",
    }
    if request.method == "HEAD":
        response = HttpResponse(content_type="application/zip", headers=headers)
    else:
        response = StreamingHttpResponse(archive, content_type="application/zip", headers=headers)
        on_download()
    response["Content-Length"] = len(archive)
    return response


def archive_filename(slug: str) -> str:
    return f"{slug or 'material'}.zip"
