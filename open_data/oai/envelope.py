"""The OAI-PMH response envelope and XML helpers shared by the verbs and the serialiser.

Built with the standard library's ElementTree: no XML dependency for production. OAI-PMH
elements are written unqualified under a default xmlns declared on the root (ElementTree's
own default_namespace option refuses unqualified attributes such as verb=). Text is
stripped of characters XML 1.0 cannot carry, so one stray control character in a summary
cannot make a whole ListRecords page unparseable for a harvester.
"""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from open_data.oai.protocol import XML_ILLEGAL, OAIError, OAIRequest

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{{{XSI_NS}}}schemaLocation"

ET.register_namespace("xsi", XSI_NS)


def clean(text: str) -> str:
    return XML_ILLEGAL.sub("", str(text))


def add(parent: ET.Element, tag: str, text: str | None = None, **attributes) -> ET.Element:
    """A child element with cleaned text and attributes (None attributes are left out)."""
    element = ET.SubElement(
        parent, tag, {name: clean(value) for name, value in attributes.items() if value is not None}
    )
    if text is not None:
        element.text = clean(text)
    return element


def datestamp(moment: datetime | None) -> str:
    """UTC at the repository's granularity, seconds (YYYY-MM-DDThh:mm:ssZ)."""
    moment = moment or datetime(1970, 1, 1, tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def response(
    base_url: str, oai_request: OAIRequest | None, now: datetime | None = None
) -> ET.Element:
    """<OAI-PMH> with responseDate and <request>; the request's arguments echoed if given."""
    root = ET.Element("OAI-PMH", {"xmlns": OAI_NS, SCHEMA_LOCATION: f"{OAI_NS} {OAI_SCHEMA}"})
    add(root, "responseDate", datestamp(now or datetime.now(UTC)))
    echoed = {}
    if oai_request is not None:
        echoed = {"verb": oai_request.verb, **oai_request.arguments}
    add(root, "request", base_url, **echoed)
    return root


def error(root: ET.Element, oai_error: OAIError) -> None:
    add(root, "error", oai_error.message, code=oai_error.code)


def serialise(root: ET.Element) -> bytes:
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
