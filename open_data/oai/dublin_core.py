"""oai_dc: simple Dublin Core from a MaterialRecord, and nothing else.

The project's rule: materials.record builds the one record; serialisers translate it.
This module therefore reads only MaterialRecord fields (it is tested on a record built by
hand, without a database), so a mapping fixed in the record is fixed for every format.
"""

import mimetypes
import xml.etree.ElementTree as ET

from materials.record import MaterialRecord
from open_data.oai.envelope import SCHEMA_LOCATION, add

PREFIX = "oai_dc"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
DC_NS = "http://purl.org/dc/elements/1.1/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

ET.register_namespace("oai_dc", OAI_DC_NS)
ET.register_namespace("dc", DC_NS)

# MIME types of the document extensions the site accepts (WAGTAILDOCS_EXTENSIONS), spelled
# out: Python's mimetypes lacks some of them unless the host happens to have a mime.types file.
MIME_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "zip": "application/zip",
    "txt": "text/plain",
    "csv": "text/csv",
    "epub": "application/epub+zip",
}


def mime_type(file_format: str) -> str:
    file_format = file_format.lower().lstrip(".")
    return (
        MIME_TYPES.get(file_format)
        or mimetypes.types_map.get(f".{file_format}")
        or "application/octet-stream"
    )


def oai_dc(record: MaterialRecord) -> ET.Element:
    """<oai_dc:dc> for one record, in the record's language."""
    root = ET.Element(f"{{{OAI_DC_NS}}}dc", {SCHEMA_LOCATION: f"{OAI_DC_NS} {OAI_DC_SCHEMA}"})
    language = record.language

    def dc(name: str, value, localised: bool = False) -> None:
        if value in (None, ""):
            return
        attributes = {XML_LANG: language} if localised else {}
        add(root, f"{{{DC_NS}}}{name}", str(value), **attributes)

    dc("title", record.title, localised=True)
    for author in record.authors:
        dc("creator", author)
    for discipline in record.disciplines:
        dc("subject", discipline.label, localised=True)
    for level in record.isced_levels:
        dc("subject", level)
    for keyword in record.keywords:
        dc("subject", keyword, localised=True)
    dc("description", record.description, localised=True)
    if record.publisher:
        dc("publisher", record.publisher.name)
    if record.year:
        dc("date", record.year)
    elif record.date_published:
        dc("date", record.date_published.date().isoformat())
    dc("type", record.resource_type.label, localised=True)
    for file_type in dict.fromkeys(mime_type(file.file_format) for file in record.files):
        dc("format", file_type)
    dc("identifier", record.url)
    dc("language", language)
    for version in record.translations:
        dc("relation", version.url)
    dc("rights", record.licence.name)
    dc("rights", record.licence.url)
    dc("coverage", record.country.label, localised=True)
    return root
