"""One stored file as an HTTP response, streamed from storage in chunks.

Files are up to 50 MB and a server holds many downloads at once, so a file is never read
into memory: FileResponse pulls CHUNK_SIZE bytes at a time from the storage's file object,
and a Range request gets a window on that same file object. HEAD and conditional requests
(ETag / Last-Modified, answered 304) never open the file at all.
"""

from collections.abc import Callable
from datetime import datetime

from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from downloads.filenames import content_disposition
from downloads.headers import disposition_for, protective_headers
from downloads.ranges import ByteRange, UnsatisfiableRange, parse_range

CHUNK_SIZE = 64 * 1024
ALLOWED_METHODS = ("GET", "HEAD")


class FileSlice:
    """A read-only window of `length` bytes from `start` of an open file.

    FileResponse reads any object with read() in block_size chunks and closes it when the
    response is closed; giving it this window is how a 206 streams only the requested bytes.
    """

    def __init__(self, file, start: int, length: int):
        self._file = file
        self._remaining = length
        file.seek(start)

    def read(self, size: int = -1) -> bytes:
        if self._remaining <= 0:
            return b""
        if size is None or size < 0 or size > self._remaining:
            size = self._remaining
        data = self._file.read(size)
        self._remaining -= len(data)
        return data

    def close(self) -> None:
        self._file.close()


def last_modified(document) -> datetime:
    """When the stored file last changed, or the document's creation if storage cannot say."""
    try:
        return document.file.storage.get_modified_time(document.file.name)
    except (NotImplementedError, OSError):
        return document.created_at


def serve_file(request, document, *, on_download: Callable[[], None]):
    """The document's file: 200, 206 for one byte range, 416, 304, or headers only for HEAD.

    `on_download()` is called once the response is certain to carry file bytes (not for
    HEAD, 304 or 416), so the caller can count the download.
    """
    if request.method not in ALLOWED_METHODS:
        return HttpResponseNotAllowed(ALLOWED_METHODS)
    try:
        size = document.file.size
    except (FileNotFoundError, OSError, ValueError) as missing:
        # Files can vanish from storage (a restored database, a failed sync): a 404, not a 500.
        raise Http404("The file is not in storage.") from missing

    content_type = document.content_type
    modified = last_modified(document)
    etag = f'"{document.file_hash}"' if document.file_hash else None
    headers = {
        **protective_headers(),
        "Content-Disposition": content_disposition(
            disposition_for(content_type), document.filename
        ),
        "Accept-Ranges": "bytes",
        "Last-Modified": http_date(modified.timestamp()),
    }
    if etag:
        headers["ETag"] = etag

    probe = HttpResponse(content_type=content_type, headers=headers)
    conditional = get_conditional_response(
        request, etag=etag, last_modified=int(modified.timestamp()), response=probe
    )
    if conditional is not probe:
        return conditional  # 304 Not Modified or 412 Precondition Failed, without a body

    if request.method == "HEAD":
        # Range applies to GET only (RFC 9110 §14.2): a HEAD describes the whole file.
        head = HttpResponse(content_type=content_type, headers=headers)
        head["Content-Length"] = size
        return head

    try:
        byte_range = requested_range(request, size, etag, headers["Last-Modified"])
    except UnsatisfiableRange:
        refused = HttpResponse(status=416, headers=protective_headers())
        refused["Content-Range"] = f"bytes */{size}"
        return refused

    start, length = (byte_range.start, byte_range.length) if byte_range else (0, size)
    stored = document.file.storage.open(document.file.name, "rb")
    response = FileResponse(
        FileSlice(stored, start, length),
        status=206 if byte_range else 200,
        content_type=content_type,  # explicit, or FileResponse guesses from a name
        headers=headers,
    )
    response.block_size = CHUNK_SIZE
    response["Content-Length"] = length
    if byte_range:
        response["Content-Range"] = byte_range.content_range(size)
    on_download()
    return response


def requested_range(request, size: int, etag: str | None, modified: str) -> ByteRange | None:
    """The single range to send, honouring If-Range: a client resuming an older version of
    the file (its validator no longer matches) gets the whole new file instead of a splice."""
    if_range = request.headers.get("If-Range")
    if if_range and if_range not in {etag, modified}:
        return None
    return parse_range(request.headers.get("Range"), size)
