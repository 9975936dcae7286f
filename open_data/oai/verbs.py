"""The six OAI-PMH verbs: each fills the envelope or raises OAIError.

List verbs run a fixed number of queries whatever the page size: one count, one slice of
page ids (keyset, by pk), then materials.record.build_records on that slice in bulk.
Headers, like metadata, are made from the records, so a header's sets and datestamp are
exactly those of the record it announces.
"""

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest

from materials.record import MaterialRecord
from materials.record_loader import build_records
from open_data.oai import repository, sets, tokens
from open_data.oai.envelope import SCHEMA_LOCATION, add, datestamp
from open_data.oai.formats import FORMATS, MetadataFormat, metadata_format
from open_data.oai.protocol import (
    ID_DOES_NOT_EXIST,
    NO_RECORDS_MATCH,
    RESUMPTION_TOKEN,
    OAIError,
    OAIRequest,
    parse_date_range,
)

OAI_IDENTIFIER_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
OAI_IDENTIFIER_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"

ET.register_namespace("oai-identifier", OAI_IDENTIFIER_NS)


@dataclass(frozen=True)
class Context:
    request: HttpRequest
    oai_request: OAIRequest
    base_url: str


def identify(root: ET.Element, context: Context) -> None:
    body = add(root, "Identify")
    add(body, "repositoryName", settings.WAGTAIL_SITE_NAME)
    add(body, "baseURL", context.base_url)
    add(body, "protocolVersion", "2.0")
    for email in admin_emails():
        add(body, "adminEmail", email)
    add(body, "earliestDatestamp", datestamp(repository.earliest_datestamp()))
    # Unpublished and deleted pages simply leave the list; no tombstones are kept.
    add(body, "deletedRecord", "no")
    add(body, "granularity", "YYYY-MM-DDThh:mm:ssZ")
    description = add(body, "description")
    scheme = ET.SubElement(
        description,
        f"{{{OAI_IDENTIFIER_NS}}}oai-identifier",
        {SCHEMA_LOCATION: f"{OAI_IDENTIFIER_NS} {OAI_IDENTIFIER_SCHEMA}"},
    )
    add(scheme, f"{{{OAI_IDENTIFIER_NS}}}scheme", "oai")
    add(scheme, f"{{{OAI_IDENTIFIER_NS}}}repositoryIdentifier", repository.repository_identifier())
    add(scheme, f"{{{OAI_IDENTIFIER_NS}}}delimiter", ":")
    add(scheme, f"{{{OAI_IDENTIFIER_NS}}}sampleIdentifier", repository.sample_identifier())


def admin_emails() -> list[str]:
    """Who harvesters contact: OAI_ADMIN_EMAIL, else the ADMINS, else webmaster@<domain>."""
    configured = settings.OAI_ADMIN_EMAIL
    if configured:
        return [configured]
    admins = [admin[1] if isinstance(admin, tuple | list) else admin for admin in settings.ADMINS]
    return admins or [f"webmaster@{repository.repository_identifier()}"]


def list_metadata_formats(root: ET.Element, context: Context) -> None:
    identifier = context.oai_request.get("identifier")
    if identifier is not None and repository.find_item(identifier) is None:
        raise OAIError(ID_DOES_NOT_EXIST, "No record has this identifier.")
    body = add(root, "ListMetadataFormats")
    for fmt in FORMATS.values():
        entry = add(body, "metadataFormat")
        add(entry, "metadataPrefix", fmt.prefix)
        add(entry, "schema", fmt.schema)
        add(entry, "metadataNamespace", fmt.namespace)


def list_sets(root: ET.Element, context: Context) -> None:
    token = context.oai_request.get(RESUMPTION_TOKEN)
    if token is not None:
        tokens.read(token, "ListSets")  # never issued: the sets fit in one response
    body = add(root, "ListSets")
    for oai_set in sets.all_sets():
        element = add(body, "set")
        add(element, "setSpec", oai_set.spec)
        add(element, "setName", oai_set.name)


def get_record(root: ET.Element, context: Context) -> None:
    page = repository.find_item(context.oai_request.get("identifier"))
    if page is None:
        raise OAIError(ID_DOES_NOT_EXIST, "No record has this identifier.")
    fmt = metadata_format(context.oai_request.get("metadataPrefix"))
    [record] = build_records([page], context.request)
    _record(add(root, "GetRecord"), record, fmt)


def list_identifiers(root: ET.Element, context: Context) -> None:
    _list(root, context, with_metadata=False)


def list_records(root: ET.Element, context: Context) -> None:
    _list(root, context, with_metadata=True)


def _list(root: ET.Element, context: Context, with_metadata: bool) -> None:
    arguments = context.oai_request
    token = arguments.get(RESUMPTION_TOKEN)
    if token is not None:
        state = tokens.read(token, arguments.verb)
    else:
        state = tokens.ListState(
            verb=arguments.verb,
            metadata_prefix=arguments.get("metadataPrefix"),
            date_from=arguments.get("from"),
            date_until=arguments.get("until"),
            set_spec=arguments.get("set"),
        )
    fmt = metadata_format(state.metadata_prefix)
    pages = repository.harvest(parse_date_range(state.date_from, state.date_until), state.set_spec)
    if pages is None:
        raise OAIError(NO_RECORDS_MATCH, "This repository has no such set.")

    size = repository.page_size()
    complete_list_size = pages.count()
    batch = list(pages.filter(pk__gt=state.after).only("pk")[: size + 1])
    if not batch:
        raise OAIError(NO_RECORDS_MATCH, "No record matches these arguments.")
    more = len(batch) > size
    batch = batch[:size]

    body = add(root, arguments.verb)
    for record in build_records(batch, context.request):
        if with_metadata:
            _record(body, record, fmt)
        else:
            _header(body, record)

    if more:
        next_state = state.advanced(batch[-1].pk, len(batch))
        add(
            body,
            "resumptionToken",
            tokens.issue(next_state),
            expirationDate=datestamp(tokens.expiration_date()),
            completeListSize=str(complete_list_size),
            cursor=str(state.cursor),
        )
    elif token is not None:
        # The spec: the response completing a split list carries an empty token.
        add(
            body,
            "resumptionToken",
            "",
            completeListSize=str(complete_list_size),
            cursor=str(state.cursor),
        )


def _header(parent: ET.Element, record: MaterialRecord) -> None:
    header = add(parent, "header")
    add(header, "identifier", repository.oai_identifier(record))
    add(header, "datestamp", datestamp(record.date_modified or record.date_published))
    for spec in sets.record_set_specs(record):
        add(header, "setSpec", spec)


def _record(parent: ET.Element, record: MaterialRecord, fmt: MetadataFormat) -> None:
    element = add(parent, "record")
    _header(element, record)
    add(element, "metadata").append(fmt.serialise(record, repository.oai_identifier(record)))


HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
}
