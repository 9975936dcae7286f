"""The OAI-PMH data provider at /oai/, checked against the official schema and a real client.

Every response a test receives is validated against OAI-PMH.xsd (a copy of the official
schema, no network). Harvesting goes through sickle, an independent OAI-PMH client, whose
HTTP calls are routed to Django's test client.
"""

import math
import time
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest
from sickle import Sickle, oaiexceptions

from django.conf import settings as django_settings
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import PageViewRestriction

from materials.licences import LICENCES_BY_KEY
from materials.models import Discipline, MaterialPage
from materials.record import (
    LicenceRecord,
)
from open_data.oai import dublin_core, tokens
from repo_site.languages import load_partner_languages
from tests.open_data.hand_made import hand_made_record
from tests.open_data.oai_client import (
    BASE_URL,
    NS,
    error_code,
    expected_identifier,
    identifiers,
    live_pages,
    oai,
    request_attributes,
    token_element,
    validated,
)
from tests.open_data.repository import LANGUAGES

DC_ELEMENTS = {
    "title", "creator", "subject", "description", "publisher", "contributor", "date", "type",
    "format", "identifier", "source", "language", "relation", "coverage", "rights",
}  # fmt: skip
DC_PREFIX = f"{{{NS['dc']}}}"

# The records are tests/open_data/repository.py's (`repository.records()` counts them).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("repository")]


def harvest_identifiers(client, **params) -> list[str]:
    """Every identifier of a list request, following resumption tokens by hand."""
    found = []
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **params)
    while True:
        if error_code(root) == "noRecordsMatch":
            return found
        assert error_code(root) is None, root.find("oai:error", NS).text
        found += identifiers(root)
        token = token_element(root)
        if token is None or not token.text:
            return found
        root = oai(client, verb="ListIdentifiers", resumptionToken=token.text)


class DjangoClientResponse:
    """What sickle reads from a requests.Response, taken from a Django test response."""

    def __init__(self, response):
        self.status_code = response.status_code
        self.headers = response.headers
        self.content = response.content
        self.encoding = "utf-8"

    @property
    def text(self) -> str:
        return self.content.decode(self.encoding)

    def raise_for_status(self) -> None:
        assert self.status_code < 400, self.status_code


class DjangoClientSickle(Sickle):
    """Sickle whose HTTP goes through Django's test client; every response is schema-checked."""

    def __init__(self, client, **kwargs):
        super().__init__(BASE_URL, **kwargs)
        self.client = client
        self.calls = []

    def _request(self, kwargs):
        self.calls.append(dict(kwargs))
        if self.http_method == "GET":
            response = self.client.get("/oai/", kwargs)
        else:
            response = self.client.post("/oai/", kwargs)
        validated(response)
        return DjangoClientResponse(response)


@pytest.fixture
def sickle(client):
    return DjangoClientSickle(client)


@pytest.fixture
def small_pages(settings):
    settings.OAI_PAGE_SIZE = 7
    return 7


# --- harvesting with an independent client --------------------------------------------------


def test_sickle_harvests_every_live_record_exactly_once_across_pages(
    sickle, small_pages, repository
):
    expected = {expected_identifier(page) for page in live_pages()}
    assert len(expected) == repository.records()

    records = list(sickle.ListRecords(metadataPrefix="oai_dc"))

    harvested = [record.header.identifier for record in records]
    assert len(harvested) == len(set(harvested))
    assert set(harvested) == expected
    assert len(sickle.calls) == math.ceil(len(expected) / small_pages)
    assert all("resumptionToken" in call for call in sickle.calls[1:])
    assert all(record.metadata["title"] and record.metadata["identifier"] for record in records)


def test_sickle_harvests_identifiers_by_post_as_by_get(client, small_pages):
    by_get = DjangoClientSickle(client)
    by_post = DjangoClientSickle(client, http_method="POST")
    got = [header.identifier for header in by_get.ListIdentifiers(metadataPrefix="oai_dc")]
    posted = [header.identifier for header in by_post.ListIdentifiers(metadataPrefix="oai_dc")]
    assert posted == got
    assert len(by_post.calls) > 2


def test_every_harvested_identifier_resolves_with_get_record(sickle, repository):
    headers = list(sickle.ListIdentifiers(metadataPrefix="oai_dc"))
    assert len(headers) == repository.records()
    for header in headers:
        record = sickle.GetRecord(identifier=header.identifier, metadataPrefix="oai_dc")
        assert record.header.identifier == header.identifier
        assert record.header.datestamp == header.datestamp
        assert record.header.setSpecs == header.setSpecs


def test_sickle_lists_sets_named_in_english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "de"  # the harvester's language must not matter
    sickle = DjangoClientSickle(client)
    sets = {oai_set.setSpec: oai_set.setName for oai_set in sickle.ListSets()}
    disciplines = Discipline.objects.filter(locale__language_code="en")
    assert disciplines.exists()
    for discipline in disciplines:
        assert sets[f"discipline:{discipline.slug}"] == discipline.name
    assert {spec: name for spec, name in sets.items() if spec.startswith("language:")} == {
        f"language:{language.code}": language.english_name for language in load_partner_languages()
    }
    assert sets["language:de"] == "German" and sets["language:nb"] == "Norwegian Bokmål"
    assert sets["discipline"] and sets["language"]  # the parents of the hierarchy


def test_sickle_gets_a_translated_record_in_its_own_language(sickle, repository):
    page = repository.translation("de")
    record = sickle.GetRecord(identifier=expected_identifier(page), metadataPrefix="oai_dc")
    dc = record.metadata

    with translation.override("de"):
        discipline_labels = [discipline.localized.name for discipline in page.disciplines.all()]
        resource_type = str(page.get_resource_type_display())
        country = str(page.country.name)
        publisher = page.partner.localized.institution
    versions = live_pages().filter(translation_key=page.translation_key).exclude(pk=page.pk)
    licence = LICENCES_BY_KEY[page.licence]

    assert dc["title"] == [page.title]
    assert dc["description"] == [page.summary]
    assert dc["creator"] == [name.strip() for name in page.authors.split(",")]
    assert set(discipline_labels) <= set(dc["subject"])
    assert set(discipline_labels) != {d.name for d in page.disciplines.all()}  # translated
    assert dc["publisher"] == [publisher]
    assert dc["date"] == [str(page.year)]
    assert dc["type"] == [resource_type]
    assert dc["format"] == ["application/pdf"]
    assert dc["identifier"] == [f"http://testserver{page.url}"]
    assert dc["language"] == ["de"]
    assert set(dc["relation"]) == {f"http://testserver{version.url}" for version in versions}
    assert len(dc["relation"]) == 4
    assert dc["rights"] == [licence.name, licence.url]
    assert dc["coverage"] == [country]
    assert set(record.header.setSpecs) == {
        *(f"discipline:{d.slug}" for d in page.disciplines.all()),
        "language:de",
    }


def test_identify_through_sickle(sickle, settings):
    settings.OAI_REPOSITORY_IDENTIFIER = "materials.example.eu"
    identify = sickle.Identify()
    earliest = min(page.last_published_at for page in live_pages())
    assert identify.baseURL == BASE_URL
    assert identify.protocolVersion == "2.0"
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.earliestDatestamp == earliest.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert identify.deletedRecord == "no"
    assert identify.repositoryIdentifier == "materials.example.eu"
    assert identify.adminEmail == "webmaster@materials.example.eu"  # no ADMINS configured
    [header, *_rest] = sickle.ListIdentifiers(metadataPrefix="oai_dc")
    assert header.identifier.startswith("oai:materials.example.eu:materials/")


def test_admin_email_comes_from_the_admins_setting(client, settings):
    settings.ADMINS = [("Operations", "ops@materials.example.org")]
    root = oai(client, verb="Identify")
    assert [e.text for e in root.iterfind(".//oai:adminEmail", NS)] == ["ops@materials.example.org"]


# --- lists, tokens and selective harvesting -------------------------------------------------


def test_resumption_tokens_carry_cursor_and_complete_list_size(client, small_pages, repository):
    total = repository.records()
    first = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    token = token_element(first)
    assert len(first.findall(".//oai:record", NS)) == small_pages
    assert token.get("completeListSize") == str(total)
    assert token.get("cursor") == "0"
    expires = datetime.strptime(token.get("expirationDate"), "%Y-%m-%dT%H:%M:%SZ")
    assert expires.replace(tzinfo=UTC) > datetime.now(UTC)

    second = oai(client, verb="ListRecords", resumptionToken=token.text)
    assert request_attributes(second) == {"verb": "ListRecords", "resumptionToken": token.text}
    assert token_element(second).get("cursor") == str(small_pages)
    assert not set(identifiers(first)) & set(identifiers(second))

    root, pages = second, 2
    while token_element(root).text:
        root = oai(client, verb="ListRecords", resumptionToken=token_element(root).text)
        pages += 1
    last = token_element(root)
    assert pages == math.ceil(total / small_pages)
    assert last.text is None  # the empty token completes the list
    assert last.get("completeListSize") == str(total)
    assert last.get("cursor") == str((pages - 1) * small_pages)


def test_a_short_list_has_no_resumption_token(client, repository):
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="language:de")
    assert len(identifiers(root)) == repository.records("de")
    assert token_element(root) is None


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_language_sets_hold_the_pages_of_their_language(client, small_pages, language, repository):
    harvested = harvest_identifiers(client, set=f"language:{language}")
    expected = {expected_identifier(p) for p in live_pages().filter(locale__language_code=language)}
    assert len(harvested) == repository.records(language)
    assert set(harvested) == expected
    assert all(identifier.endswith(f"/{language}") for identifier in harvested)


def test_the_language_parent_set_holds_every_record(client, small_pages, repository):
    assert len(harvest_identifiers(client, set="language")) == repository.records()


def test_discipline_sets_hold_every_language_version_of_their_materials(client, small_pages):
    pages = list(live_pages().prefetch_related("disciplines"))
    checked = 0
    for discipline in Discipline.objects.filter(locale__language_code="en"):
        expected = {
            expected_identifier(page)
            for page in pages
            if discipline.slug in {term.slug for term in page.disciplines.all()}
        }
        harvested = harvest_identifiers(client, set=f"discipline:{discipline.slug}")
        assert len(harvested) == len(set(harvested))
        assert set(harvested) == expected, discipline.slug
        checked += len(expected)
    languages = {
        identifier.rsplit("/", 1)[1]
        for identifier in harvest_identifiers(client, set="discipline:physics")
    }
    assert languages > {"en"}  # translations are in the discipline's set too
    assert checked >= len(pages)  # every material has a discipline
    with_any = {expected_identifier(page) for page in pages if page.disciplines.all()}
    assert set(harvest_identifiers(client, set="discipline")) == with_any


def test_headers_list_the_sets_they_were_selected_by(client):
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="discipline:biology")
    headers = root.findall(".//oai:header", NS)
    assert headers
    for header in headers:
        specs = [spec.text for spec in header.findall("oai:setSpec", NS)]
        assert "discipline:biology" in specs
        assert any(spec.startswith("language:") for spec in specs)


def test_from_and_until_select_by_datestamp(client, repository):
    chosen = list(live_pages().order_by("pk")[:3])
    moment = datetime(2020, 1, 15, 10, 0, 0, 500_000, tzinfo=UTC)
    MaterialPage.objects.filter(pk__in=[page.pk for page in chosen]).update(
        last_published_at=moment
    )
    chosen_ids = {expected_identifier(page) for page in chosen}

    def harvested(**window):
        return set(harvest_identifiers(client, **window))

    assert harvested(until="2020-01-15") == chosen_ids
    assert harvested(**{"from": "2020-01-15", "until": "2020-01-15"}) == chosen_ids
    assert harvested(**{"from": "2020-01-01T00:00:00Z", "until": "2020-01-15T10:00:00Z"}) == (
        chosen_ids
    )  # until covers its whole second, as the datestamp shows it
    assert harvested(until="2020-01-15T09:59:59Z") == set()
    assert harvested(until="2020-01-14") == set()
    after = harvested(**{"from": "2020-01-15T10:00:01Z"})
    assert not after & chosen_ids
    assert len(after) == repository.records() - 3

    root = oai(
        client, verb="GetRecord", metadataPrefix="oai_dc", identifier=expected_identifier(chosen[0])
    )
    assert root.find(".//oai:datestamp", NS).text == "2020-01-15T10:00:00Z"
    identify = oai(client, verb="Identify")
    assert identify.find(".//oai:earliestDatestamp", NS).text == "2020-01-15T10:00:00Z"


def test_withdrawn_and_private_pages_are_not_records(client, repository):
    withdrawn = live_pages().filter(locale__language_code="de").first()
    withdrawn.unpublish()
    private = live_pages().filter(locale__language_code="nl").first()
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    harvested = set(harvest_identifiers(client))
    assert expected_identifier(withdrawn) not in harvested
    assert expected_identifier(private) not in harvested
    assert len(harvested) == repository.records() - 2
    for page in (withdrawn, private):
        root = oai(
            client, verb="GetRecord", metadataPrefix="oai_dc", identifier=expected_identifier(page)
        )
        assert error_code(root) == "idDoesNotExist"


def test_list_metadata_formats(client):
    for params in ({}, {"identifier": expected_identifier(live_pages().first())}):
        root = oai(client, verb="ListMetadataFormats", **params)
        formats = root.findall(".//oai:metadataFormat", NS)
        assert [f.find("oai:metadataPrefix", NS).text for f in formats] == ["oai_dc", "lom"]
        assert [f.find("oai:metadataNamespace", NS).text for f in formats] == [
            NS["oai_dc"],
            "http://ltsc.ieee.org/xsd/LOM",
        ]
        assert request_attributes(root) == {"verb": "ListMetadataFormats", **params}


def test_records_are_simple_dublin_core(client, repository):
    root = oai(client, verb="ListRecords", metadataPrefix="oai_dc", set="language:el")
    records = root.findall(".//oai_dc:dc", NS)
    assert len(records) == repository.records("el")
    for dc in records:
        names = {child.tag.removeprefix(DC_PREFIX) for child in dc}
        assert names <= DC_ELEMENTS
        assert {"title", "identifier", "language", "rights", "description"} <= names
        assert dc.find("dc:language", NS).text == "el"


def test_responses_do_not_depend_on_the_harvesters_language(client):
    def documents():
        return [
            ET.tostring(oai(client, verb=verb).find(f"oai:{verb}", NS))
            for verb in ("Identify", "ListSets")
        ]

    english = documents()
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "cs"
    assert documents() == english
    name = oai(client, verb="Identify").find(".//oai:repositoryName", NS).text
    assert name == "STEM PD Materials"  # not the Czech interface translation


# --- the serialiser reads the record only ---------------------------------------------------


def dc_values(element) -> dict[str, list[str]]:
    values = {}
    for child in element:
        values.setdefault(child.tag.removeprefix(DC_PREFIX), []).append(child.text)
    return values


@pytest.mark.django_db(False)
def test_oai_dc_is_built_from_a_record_alone_without_the_database():
    element = dublin_core.oai_dc(hand_made_record())
    ET.fromstring(ET.tostring(element))  # well-formed: the vertical tab was dropped
    assert dc_values(element) == {
        "title": ["Breuken met pizza's"],
        "creator": ["A. Auteur", "B. Schrijver"],
        "subject": ["Wiskunde", "ISCED 1", "ISCED 2", "breuken", "pizza"],
        "description": ["Een korte samenvatting."],
        "publisher": ["Centrum"],
        "date": ["2024-03-01"],
        "type": ["Leseenheid"],
        "format": ["application/vnd.oasis.opendocument.text", "application/pdf"],
        "identifier": ["https://materials.example.org/nl/materialen/breuken/"],
        "language": ["nl"],
        "relation": ["https://m.example.org/en/f/"],
        "rights": ["CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"],
        "coverage": ["België"],
    }
    assert element.find("dc:title", NS).get("{http://www.w3.org/XML/1998/namespace}lang") == "nl"


@pytest.mark.django_db(False)
def test_oai_dc_prefers_the_year_and_leaves_out_what_the_record_lacks():
    element = dublin_core.oai_dc(
        hand_made_record(
            year=2019,
            publisher=None,
            authors=(),
            files=(),
            translations=(),
            licence=LicenceRecord("all-rights-reserved", "Alle rechten voorbehouden", ""),
        )
    )
    values = dc_values(element)
    assert values["date"] == ["2019"]
    assert values["rights"] == ["Alle rechten voorbehouden"]
    assert not {"publisher", "creator", "format", "relation"} & values.keys()


# --- errors ---------------------------------------------------------------------------------

RECORDS = "verb=ListRecords&metadataPrefix=oai_dc"
UNECHOED = [
    ("", "badVerb"),
    ("verb=", "badVerb"),
    ("verb=ListAll", "badVerb"),
    ("verb=Identify&verb=Identify", "badVerb"),
    ("metadataPrefix=oai_dc", "badVerb"),
    ("verb=Identify&set=language:de", "badArgument"),
    ("verb=Identify&something=1", "badArgument"),
    ("verb=ListRecords", "badArgument"),
    ("verb=ListIdentifiers&set=language:de", "badArgument"),
    (f"{RECORDS}&metadataPrefix=oai_dc", "badArgument"),
    (f"{RECORDS}&identifier=x", "badArgument"),
    ("verb=GetRecord&metadataPrefix=oai_dc", "badArgument"),
    ("verb=GetRecord&identifier=oai:x:y", "badArgument"),
    ("verb=GetRecord&identifier=&metadataPrefix=oai_dc", "badArgument"),
    ("verb=ListSets&set=language", "badArgument"),
    ("verb=ListRecords&metadataPrefix=oai%20dc", "badArgument"),
    (f"{RECORDS}&set=not%20a%20set", "badArgument"),
    (f"{RECORDS}&set=language:", "badArgument"),
    (f"{RECORDS}&from=yesterday", "badArgument"),
    (f"{RECORDS}&from=2024-13-01", "badArgument"),
    (f"{RECORDS}&from=2023-02-29", "badArgument"),
    (f"{RECORDS}&from=2024-01-01T10:00:00", "badArgument"),
    (f"{RECORDS}&from=2024-01-01T10:00Z", "badArgument"),
    (f"{RECORDS}&from=2024-01-01T25:00:00Z", "badArgument"),
    (f"{RECORDS}&until=2024-01-01T10:00:00%2B01:00", "badArgument"),
    (f"{RECORDS}&until=", "badArgument"),
    (f"{RECORDS}&from=2024-02-01&until=2024-01-31", "badArgument"),
    (f"{RECORDS}&from=2024-01-01T10:00:01Z&until=2024-01-01T10:00:00Z", "badArgument"),
    (f"{RECORDS}&from=2024-01-01&until=2024-01-31T00:00:00Z", "badArgument"),
    (f"{RECORDS}&resumptionToken=abc", "badArgument"),
    ("verb=ListIdentifiers&resumptionToken=abc&set=language:de", "badArgument"),
    ("verb=ListSets&resumptionToken=abc&resumptionToken=abc", "badArgument"),
    ("verb=GetRecord&identifier=a%01b&metadataPrefix=oai_dc", "badArgument"),
]


@pytest.mark.parametrize(("query", "code"), UNECHOED)
@pytest.mark.parametrize("method", ["get", "post"])
def test_bad_verbs_and_arguments_are_answered_without_echoing_them(client, query, code, method):
    root = oai(client, query, method=method)
    assert error_code(root) == code
    assert request_attributes(root) == {}
    assert root.find("oai:request", NS).text == BASE_URL
    assert root.find("oai:error", NS).text  # a message for the harvester's log


LIST_RECORDS = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
GET_RECORD = {"verb": "GetRecord", "metadataPrefix": "oai_dc"}
ECHOED = [
    ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
    ({"verb": "ListIdentifiers", "metadataPrefix": "oai_ddc"}, "cannotDisseminateFormat"),
    ({**LIST_RECORDS, "from": "2100-01-01"}, "noRecordsMatch"),
    ({**LIST_RECORDS, "until": "1999-12-31T23:59:59Z"}, "noRecordsMatch"),
    ({**LIST_RECORDS, "set": "discipline:alchemy"}, "noRecordsMatch"),
    ({**LIST_RECORDS, "set": "language:fr"}, "noRecordsMatch"),
    ({**LIST_RECORDS, "set": "audience"}, "noRecordsMatch"),
    ({**LIST_RECORDS, "set": "language:de:x"}, "noRecordsMatch"),
    ({**GET_RECORD, "identifier": "oai:elsewhere.org:materials/1"}, "idDoesNotExist"),
    ({**GET_RECORD, "identifier": "not an identifier"}, "idDoesNotExist"),
    ({"verb": "ListMetadataFormats", "identifier": "oai:elsewhere.org:x"}, "idDoesNotExist"),
    ({"verb": "ListRecords", "resumptionToken": "junk"}, "badResumptionToken"),
    ({"verb": "ListIdentifiers", "resumptionToken": ""}, "badResumptionToken"),
    ({"verb": "ListSets", "resumptionToken": "junk"}, "badResumptionToken"),
]


@pytest.mark.parametrize(("params", "code"), ECHOED)
@pytest.mark.parametrize("method", ["get", "post"])
def test_other_errors_echo_the_request(client, params, code, method):
    root = oai(client, method=method, **params)
    assert error_code(root) == code
    assert request_attributes(root) == params
    assert root.find("oai:ListRecords", NS) is None


def test_unknown_identifiers_of_this_repository_do_not_exist(client):
    page = live_pages().filter(locale__language_code="cs").first()
    known = expected_identifier(page)
    for identifier in (
        known.replace("/cs", "/fr"),
        known.replace(str(page.translation_key), "00000000-0000-0000-0000-000000000000"),
        known.replace(str(page.translation_key), "zzzzzzzz-0000-0000-0000-000000000000"),
        known + "/extra",
        known.replace(django_settings.OAI_REPOSITORY_IDENTIFIER, "elsewhere.example.org"),
    ):
        root = oai(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier)
        assert error_code(root) == "idDoesNotExist", identifier
    found = oai(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=known)
    assert identifiers(found) == [known]


def test_get_record_in_an_unknown_format(client):
    identifier = expected_identifier(live_pages().first())
    root = oai(client, verb="GetRecord", metadataPrefix="mods", identifier=identifier)
    assert error_code(root) == "cannotDisseminateFormat"
    assert request_attributes(root)["identifier"] == identifier


def test_sickle_raises_on_protocol_errors(sickle):
    with pytest.raises(oaiexceptions.IdDoesNotExist):
        sickle.GetRecord(identifier="oai:elsewhere.org:x", metadataPrefix="oai_dc")
    with pytest.raises(oaiexceptions.CannotDisseminateFormat):
        next(iter(sickle.ListRecords(metadataPrefix="marc21")))
    with pytest.raises(oaiexceptions.NoRecordsMatch):
        next(iter(sickle.ListRecords(metadataPrefix="oai_dc", set="discipline:alchemy")))


def first_token(client, verb="ListIdentifiers", **params) -> str:
    root = oai(client, verb=verb, metadataPrefix="oai_dc", **params)
    return token_element(root).text


def test_tampered_tokens_are_refused(client, small_pages):
    token = first_token(client)
    payload, timestamp, signature = token.rsplit(":", 2)
    flipped = "A" if payload[5] != "A" else "B"
    tampered = [
        f"{payload[:5]}{flipped}{payload[6:]}:{timestamp}:{signature}",
        f"{payload}:{timestamp}:{signature[:-1]}",
        token + "x",
        # a harvester cannot forge its own position or set: other key, same salt
        signing.dumps(
            {"verb": "ListIdentifiers", "metadata_prefix": "oai_dc", "after": 0, "cursor": 0},
            key="not-the-secret-key",
            salt=tokens.SALT,
            compress=True,
        ),
    ]
    for bad in tampered:
        root = oai(client, verb="ListIdentifiers", resumptionToken=bad)
        assert error_code(root) == "badResumptionToken", bad
        assert request_attributes(root) == {"verb": "ListIdentifiers", "resumptionToken": bad}
    assert error_code(oai(client, verb="ListIdentifiers", resumptionToken=token)) is None


def test_tokens_work_for_their_own_verb_only(client, small_pages):
    token = first_token(client, verb="ListIdentifiers")
    for verb in ("ListRecords", "ListSets"):
        assert error_code(oai(client, verb=verb, resumptionToken=token)) == "badResumptionToken"


def test_expired_tokens_are_refused(client, small_pages, monkeypatch):
    issued_two_days_ago = signing.b62_encode(int(time.time() - 2 * 24 * 3600))
    with monkeypatch.context() as patched:
        patched.setattr(signing.TimestampSigner, "timestamp", lambda self: issued_two_days_ago)
        token = first_token(client)
    root = oai(client, verb="ListIdentifiers", resumptionToken=token)
    assert error_code(root) == "badResumptionToken"
    assert "expired" in root.find("oai:error", NS).text


def test_a_token_keeps_the_original_selection(client, small_pages, repository):
    token = first_token(client, set="language:en")
    root = oai(client, verb="ListIdentifiers", resumptionToken=token)
    assert identifiers(root)
    assert all(identifier.endswith("/en") for identifier in identifiers(root))
    assert token_element(root).get("completeListSize") == str(repository.records("en"))


def test_records_withdrawn_during_a_harvest_do_not_shift_the_rest(client, small_pages, repository):
    first = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    already = identifiers(first)
    _prefix, key, language = already[0].rsplit("/", 2)
    seen_page = live_pages().get(translation_key=key, locale__language_code=language)
    seen_page.unpublish()
    rest = []
    root = oai(client, verb="ListIdentifiers", resumptionToken=token_element(first).text)
    while True:
        rest += identifiers(root)
        if not token_element(root).text:
            break
        root = oai(client, verb="ListIdentifiers", resumptionToken=token_element(root).text)
    assert len(already) + len(rest) == repository.records()
    assert not set(already) & set(rest)


def test_only_get_head_and_post_are_allowed(client):
    assert client.put("/oai/?verb=Identify").status_code == 405
    assert client.head("/oai/?verb=Identify").status_code == 200


# --- efficiency -----------------------------------------------------------------------------

# One count, one slice of page ids, the view restrictions, then build_records' fixed
# queries: a localisation query per term model for each language present on the page.
# The whole repository (tests/open_data/repository.py: 32 records in 5 languages, measured
# first on the demo's 84) in one response; +1 for the records' PD use counts (one aggregate
# query for the page of records):
MAX_LIST_QUERIES = 31


def count_list_queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        root = oai(client, verb="ListRecords", metadataPrefix="oai_dc", **params)
    assert error_code(root) is None
    return len(queries)


@pytest.mark.parametrize("language", ["en", "de"])
def test_list_records_queries_do_not_grow_with_the_page_size(client, settings, language):
    settings.OAI_PAGE_SIZE = 2
    count_list_queries(client)  # warm the cache of site root paths that page URLs use
    small = count_list_queries(client, set=f"language:{language}")
    settings.OAI_PAGE_SIZE = 100
    large = count_list_queries(client, set=f"language:{language}")
    assert small == large


def test_the_whole_repository_in_one_response_costs_a_pinned_number_of_queries(
    client, settings, repository
):
    settings.OAI_PAGE_SIZE = max(100, repository.records())  # the demo's too, when seeded
    count_list_queries(client, set="language:en")  # warm the site root paths cache
    with CaptureQueriesContext(connection) as queries:
        root = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    assert len(root.findall(".//oai:record", NS)) == repository.records()
    assert len(queries) <= MAX_LIST_QUERIES, len(queries)
