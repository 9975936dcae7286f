"""File names that are safe wherever a download lands: in a header, a ZIP, any file system.

Titles are typed by editors in five languages and document names come from uploads, so a
name may hold slashes, quotes, control characters or a Windows device name. Everything that
names a file for the teacher goes through safe_filename first.
"""

import os
import re
import unicodedata
from urllib.parse import quote

FALLBACK_STEM = "download"
MAX_LENGTH = 120
MAX_EXTENSION_LENGTH = 10
# Forbidden on Windows (and '/' everywhere); replaced so the name stays readable and is
# always a single path component: "../x" becomes "_.._x", never a way out of a folder.
FORBIDDEN = re.compile(r'[<>:"/\\|?*]')
WHITESPACE = re.compile(r"\s+")
WINDOWS_DEVICE_NAMES = {
    "CON", "PRN", "AUX", "NUL",
    *(f"COM{n}" for n in range(1, 10)),
    *(f"LPT{n}" for n in range(1, 10)),
}  # fmt: skip
NOT_ASCII_SAFE = re.compile(r"[^A-Za-z0-9._()\- ]")


def _printable(text: str) -> str:
    """Drop control and format characters (NUL, newlines, bidi overrides), which can spoof or
    split a header and reverse a displayed extension."""
    return "".join(char for char in text if unicodedata.category(char)[0] != "C")


def split_extension(name: str) -> tuple[str, str]:
    """("Teacher guide", ".pdf"); but "Unit 2. Forces" has a full stop, not an extension."""
    stem, extension = os.path.splitext(name)
    if len(extension) > MAX_EXTENSION_LENGTH or " " in extension:
        return name, ""
    return stem, extension


def safe_filename(name: str) -> str:
    """One path component, printable, without forbidden characters, never empty or hidden."""
    name = unicodedata.normalize("NFC", name or "")
    name = WHITESPACE.sub(" ", FORBIDDEN.sub("_", _printable(name))).strip(" .")
    stem, extension = split_extension(name)
    stem = stem or FALLBACK_STEM
    if stem.upper() in WINDOWS_DEVICE_NAMES:
        stem = f"_{stem}"
    stem = stem[: MAX_LENGTH - len(extension)].rstrip(" .") or FALLBACK_STEM
    return f"{stem}{extension}"


def ascii_filename(name: str) -> str:
    """The plain-ASCII fallback for old clients: accents dropped, other characters as '_'."""

    def to_ascii(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return NOT_ASCII_SAFE.sub("_", decomposed)

    stem, extension = split_extension(name)
    stem = to_ascii(stem)
    if not any(char.isalnum() for char in stem):
        stem = FALLBACK_STEM
    return f"{stem}{to_ascii(extension)}"


def content_disposition(disposition: str, filename: str) -> str:
    """An RFC 6266 header: an ASCII `filename` for old clients, `filename*` (UTF-8) for others.

    The ASCII name only holds characters that need no quoting rules, so no client can read it
    differently from how it was meant.
    """
    filename = safe_filename(filename)
    return (
        f'{disposition}; filename="{ascii_filename(filename)}"; '
        f"filename*=UTF-8''{quote(filename, safe='')}"
    )


def unique_names(names: list[str]) -> list[str]:
    """The same names, in order, with ' (2)', ' (3)' added to repeats (case-insensitively,
    as Windows and macOS compare names)."""
    taken = set()
    unique = []
    for name in names:
        stem, extension = os.path.splitext(name)
        candidate, number = name, 1
        while candidate.casefold() in taken:
            number += 1
            candidate = f"{stem} ({number}){extension}"
        taken.add(candidate.casefold())
        unique.append(candidate)
    return unique
