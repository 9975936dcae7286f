"""PO files are text: control characters in one are refused before anything is parsed or stored.

A NUL byte in a msgstr is stored as is by SQLite and makes PostgreSQL raise DataError; other
control characters would end up in page text invisibly. Tab, line feed and carriage return
are ordinary text layout and pass. Both PO imports (the per-page upload in the translation
editor and `translation_po import`) apply this check.
"""

import re

CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class ControlCharacterError(ValueError):
    """The text holds a control character; the message names it and its line."""


def check_no_control_characters(text: str) -> None:
    match = CONTROL_CHARACTER.search(text)
    if match is None:
        return
    line = text.count("\n", 0, match.start()) + 1
    raise ControlCharacterError(
        f"The PO file contains a control character (U+{ord(match.group()):04X}) on line"
        f" {line}. Remove it and upload the file again; nothing was imported."
    )
