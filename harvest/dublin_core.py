"""The values of an oai_dc record, element by element, in the order the record gives them.

Repositories write the same Dublin Core differently: DSpace repeats `dc:subject` and
`dc:rights`, EPrints puts the abstract in `dc:description` and the landing page and files
in `dc:identifier` and `dc:relation`, OER repositories give licence URLs in `dc:rights`.
This module only reads; what a value means is decided by `harvest.mapping`.
"""

import re
import xml.etree.ElementTree as ET

OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
PREFIX = "oai_dc"
YEAR = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\b")


def dc_values(metadata: ET.Element | None) -> dict[str, list[str]]:
    """{"title": [...], "subject": [...], ...}: stripped, non-empty, in document order."""
    values: dict[str, list[str]] = {}
    if metadata is None or metadata.tag != f"{{{OAI_DC_NS}}}dc":
        return values
    for element in metadata:
        if not element.tag.startswith(f"{{{DC_NS}}}"):
            continue
        text = " ".join("".join(element.itertext()).split())
        if text:
            values.setdefault(element.tag.removeprefix(f"{{{DC_NS}}}"), []).append(text)
    return values


def is_oai_dc(metadata: ET.Element | None) -> bool:
    return metadata is not None and metadata.tag == f"{{{OAI_DC_NS}}}dc"


def first_url(values: list[str]) -> str:
    """The first http(s) identifier: the landing page, in every repository we know."""
    return next((value for value in values if value.startswith(("http://", "https://"))), "")


def year(values: list[str]) -> str:
    """The year of the first date that has one ("2021-03-04", "2021", "März 2021")."""
    for value in values:
        match = YEAR.search(value)
        if match:
            return match.group(1)
    return ""
