"""The HTTP Range header (RFC 9110 §14), reduced to what downloads need.

Resuming an interrupted download and seeking in a PDF viewer need one byte range, so a single
range is answered with 206. Anything else that is not plainly unsatisfiable (multiple ranges,
other units, bad syntax) is ignored and the whole file is sent with 200, which the RFC allows
and every client understands; multipart/byteranges would add code for no teacher's benefit.
"""

import re
from dataclasses import dataclass

# A header longer than this is not a single range a real client would send.
MAX_HEADER_LENGTH = 100
SINGLE_RANGE = re.compile(r"bytes=[ \t]*(\d*)[ \t]*-[ \t]*(\d*)[ \t]*", re.IGNORECASE)
FIRST_RANGE_START = re.compile(r"bytes=[ \t]*(\d+)[ \t]*-", re.IGNORECASE)


class UnsatisfiableRange(Exception):
    """The range starts beyond the end of the file (or asks for its last 0 bytes): 416."""


@dataclass(frozen=True)
class ByteRange:
    start: int
    end: int  # inclusive, as in the header

    @property
    def length(self) -> int:
        return self.end - self.start + 1

    def content_range(self, size: int) -> str:
        return f"bytes {self.start}-{self.end}/{size}"


def parse_range(header: str | None, size: int) -> ByteRange | None:
    """The one range to send, or None to send the whole file.

    Raises UnsatisfiableRange when a well-formed single range selects no byte of the file.
    """
    if not header or len(header) > MAX_HEADER_LENGTH:
        return None
    match = SINGLE_RANGE.fullmatch(header)
    if not match:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:
        # "bytes=-500": the last 500 bytes.
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise UnsatisfiableRange
        return ByteRange(max(size - suffix, 0), size - 1)
    start = int(first)
    end = int(last) if last else size - 1
    if last and end < start:
        return None  # invalid syntax: ignore the header
    if start >= size:
        raise UnsatisfiableRange
    return ByteRange(start, min(end, size - 1))


def requests_first_byte(header: str | None) -> bool:
    """Whether a request without Range, or whose (first) range starts at byte 0, asks for the
    start of the file: the request that begins a download, as opposed to one resuming it or a
    viewer fetching more of a file it already has."""
    if not header:
        return True
    match = FIRST_RANGE_START.match(header[:MAX_HEADER_LENGTH])
    return match is not None and int(match.group(1)) == 0
