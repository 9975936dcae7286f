"""Requests to /oai/ in tests: every response is checked against OAI-PMH.xsd (a copy of the
official schema, no network) before a test reads it."""

import io
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlencode

import xmlschema

from django.conf import settings as django_settings

from materials.models import MaterialPage

SCHEMAS = Path(__file__).parent / "schemas"
SCHEMA = xmlschema.XMLSchema(SCHEMAS / "OAI-PMH.xsd", allow="local")
NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
BASE_URL = "http://testserver/oai/"


def validated(response) -> ET.Element:
    """The parsed document, after checking HTTP status, media type and the OAI-PMH schema."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    SCHEMA.validate(io.BytesIO(response.content), use_location_hints=False)
    return ET.fromstring(response.content)


def oai(client, query="", method="get", **params) -> ET.Element:
    """One OAI-PMH request; `query` is a raw query string for repeated or odd arguments."""
    if method == "post":
        return validated(
            client.post(
                "/oai/",
                query or urlencode(params),
                content_type="application/x-www-form-urlencoded",
            )
        )
    return validated(client.get(f"/oai/?{query or urlencode(params)}"))


def error_code(root) -> str | None:
    error = root.find("oai:error", NS)
    return None if error is None else error.get("code")


def request_attributes(root) -> dict:
    return dict(root.find("oai:request", NS).attrib)


def identifiers(root) -> list[str]:
    return [element.text for element in root.iterfind(".//oai:header/oai:identifier", NS)]


def token_element(root):
    return root.find(".//oai:resumptionToken", NS)


def expected_identifier(page) -> str:
    return (
        f"oai:{django_settings.OAI_REPOSITORY_IDENTIFIER}:"
        f"materials/{page.translation_key}/{page.locale.language_code}"
    )


def live_pages():
    return MaterialPage.objects.live().select_related("locale")
