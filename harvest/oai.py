"""ListRecords over OAI-PMH 2.0: the pages, their records, their errors and their tokens.

Responses are parsed with defusedxml, which refuses DTDs with entity declarations and
external references: a partner's repository is not ours, and the standard library's
ElementTree alone would expand entities (the "billion laughs"). Only `ListRecords` is
needed: each record carries its header (identifier, datestamp, status) and its metadata.

A page is read whole before the next is asked for; `list_records` returns every record of
every page, so a failure on any page stops the harvest before anything is written.
"""

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from django.utils.translation import gettext as _

from harvest.fetch import Fetch, HarvestFailed

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
# A repository that never stops (no loop in its tokens, just endless) is stopped here.
MAX_PAGES = 10_000


def _q(name: str) -> str:
    return f"{{{OAI_NS}}}{name}"


@dataclass(frozen=True)
class OAIRecord:
    identifier: str
    datestamp: str
    deleted: bool
    metadata: ET.Element | None


@dataclass
class Harvested:
    """What the repository listed: its records in order, and the first page's responseDate
    (the `from` of the next incremental run)."""

    records: list[OAIRecord] = field(default_factory=list)
    response_date: str = ""
    pages: int = 0


@dataclass(frozen=True)
class Page:
    records: list[OAIRecord]
    response_date: str
    token: str | None
    complete_list_size: str | None


def parse_page(body: bytes) -> Page:
    """One ListRecords response; HarvestFailed for anything that is not a usable answer."""
    try:
        root = fromstring(body, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise HarvestFailed(
            _("The repository's answer declares XML entities, which are refused: %(error)s")
            % {"error": error}
        ) from error
    except ET.ParseError as error:
        raise HarvestFailed(
            _("The repository's answer is not well-formed XML (%(error)s).") % {"error": error}
        ) from error
    if root.tag != _q("OAI-PMH"):
        raise HarvestFailed(
            _("The answer is not an OAI-PMH response (its root element is <%(tag)s>).")
            % {"tag": root.tag.rpartition("}")[2]}
        )
    response_date = (root.findtext(_q("responseDate")) or "").strip()
    errors = root.findall(_q("error"))
    if errors:
        codes = [error.get("code", "") for error in errors]
        if codes == ["noRecordsMatch"]:
            return Page([], response_date, None, "0")
        raise HarvestFailed(
            _("The repository answered with an OAI-PMH error: %(errors)s")
            % {
                "errors": "; ".join(
                    f"{error.get('code', '?')}: {(error.text or '').strip()}".rstrip(": ")
                    for error in errors
                )
            }
        )
    listing = root.find(_q("ListRecords"))
    if listing is None:
        raise HarvestFailed(_("The OAI-PMH response has no <ListRecords> element."))
    records = [_record(element) for element in listing.findall(_q("record"))]
    token_element = listing.find(_q("resumptionToken"))
    token = None
    size = None
    if token_element is not None:
        token = (token_element.text or "").strip() or None
        size = token_element.get("completeListSize")
    return Page(records, response_date, token, size)


def _record(element: ET.Element) -> OAIRecord:
    header = element.find(_q("header"))
    if header is None:
        raise HarvestFailed(_("A record of the repository's answer has no header."))
    identifier = (header.findtext(_q("identifier")) or "").strip()
    if not identifier:
        raise HarvestFailed(_("A record of the repository's answer has no identifier."))
    metadata = element.find(_q("metadata"))
    return OAIRecord(
        identifier=identifier,
        datestamp=(header.findtext(_q("datestamp")) or "").strip(),
        deleted=header.get("status") == "deleted",
        metadata=None if metadata is None or not len(metadata) else metadata[0],
    )


def list_records(
    fetch: Fetch,
    base_url: str,
    *,
    metadata_prefix: str,
    set_spec: str = "",
    from_date: str = "",
) -> Harvested:
    """Every record of ListRecords, following resumption tokens until the list ends.

    A token seen before means the repository is looping: the harvest stops with an error
    instead of asking forever.
    """
    params = {"verb": "ListRecords", "metadataPrefix": metadata_prefix}
    if set_spec:
        params["set"] = set_spec
    if from_date:
        params["from"] = from_date
    harvested = Harvested()
    seen_tokens: set[str] = set()
    while True:
        page = parse_page(fetch(base_url, params))
        harvested.pages += 1
        harvested.records.extend(page.records)
        if harvested.pages == 1:
            harvested.response_date = page.response_date
        if page.token is None:
            return harvested
        if page.token in seen_tokens:
            raise HarvestFailed(
                _(
                    "The repository sent the resumption token “%(token)s” a second time: "
                    "its list loops, so the harvest stopped after %(pages)d pages."
                )
                % {"token": page.token, "pages": harvested.pages}
            )
        if harvested.pages >= MAX_PAGES:
            raise HarvestFailed(
                _("The repository's list did not end after %(pages)d pages.")
                % {"pages": harvested.pages}
            )
        seen_tokens.add(page.token)
        # After the first request, the token is the only argument besides the verb.
        params = {"verb": "ListRecords", "resumptionToken": page.token}
