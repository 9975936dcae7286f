"""/oai/ in `lom`: IEEE LOM v1.0 records, each valid against schemas/lom-served.xsd.

Every response still passes OAI-PMH.xsd (oai_client.oai). The LOM schema is XSD 1.1: its
assertions hold values whose source is LOMv1.0 to that vocabulary. What a record says is
checked on the repository's translated material, and the serialiser's edge cases on a
record made by hand, without the database.
"""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
import xmlschema

from django.db import connection
from django.test.utils import CaptureQueriesContext

from harvest.lom import lom_values, taxa, vcard_name
from materials.models import Discipline
from materials.record import FileRecord, LicenceRecord, Term
from open_data.oai import lom
from tests.open_data.hand_made import hand_made_record
from tests.open_data.oai_client import (
    NS,
    SCHEMAS,
    error_code,
    expected_identifier,
    oai,
    request_attributes,
    token_element,
)

LOM_SCHEMA = xmlschema.XMLSchema11(SCHEMAS / "lom-served.xsd")
NS = {**NS, "lom": lom.LOM_NS}

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("repository")]


def lom_records(root: ET.Element) -> list[ET.Element]:
    return root.findall(".//oai:record/oai:metadata/lom:lom", NS)


def texts(element: ET.Element, path: str) -> list[str]:
    return [found.text for found in element.findall(path, NS)]


def strings(element: ET.Element, path: str) -> list[tuple[str, str]]:
    return [(s.text, s.get("language")) for s in element.findall(f"{path}/lom:string", NS)]


def get_lom(client, page) -> ET.Element:
    root = oai(client, verb="GetRecord", metadataPrefix="lom", identifier=expected_identifier(page))
    [record] = lom_records(root)
    LOM_SCHEMA.validate(record)
    return record


def test_every_record_is_valid_lom_across_resumption_tokens(client, settings, repository):
    settings.OAI_PAGE_SIZE = 7
    records = []
    root = oai(client, verb="ListRecords", metadataPrefix="lom")
    while True:
        assert error_code(root) is None
        records += lom_records(root)
        token = token_element(root)
        if token is None or not token.text:
            break
        root = oai(client, verb="ListRecords", resumptionToken=token.text)
    assert len(records) == repository.records()
    for record in records:
        LOM_SCHEMA.validate(record)


def test_a_translation_says_what_oai_dc_cannot(client, repository):
    page = repository.translation("de")
    source = repository.source()
    record = get_lom(client, page)

    assert strings(record, "lom:general/lom:title") == [(page.title, "de")]
    assert strings(record, "lom:general/lom:description") == [(page.summary, "de")]
    # The material's own languages, and the language of its record.
    assert texts(record, "lom:general/lom:language") == ["en", "de"]
    assert texts(record, "lom:metaMetadata/lom:language") == ["de"]
    assert texts(record, "lom:metaMetadata/lom:identifier/lom:entry") == [expected_identifier(page)]
    assert strings(record, "lom:educational/lom:typicalAgeRange") == [
        (lom.age_range(source.age_min, source.age_max), "x-none")
    ]
    assert texts(record, "lom:educational/lom:typicalLearningTime/lom:duration") == ["PT2H30M"]
    assert texts(record, "lom:educational/lom:learningResourceType/lom:value")[0] == (
        source.resource_type
    )
    assert texts(record, "lom:educational/lom:intendedEndUserRole/lom:value")[0] == (
        source.audience
    )
    assert strings(record, "lom:rights/lom:description") == [
        ("https://creativecommons.org/licenses/by-sa/4.0/", "x-none")
    ]
    [disciplines] = [
        c
        for c in record.findall("lom:classification", NS)
        if c.find("lom:purpose/lom:value", NS).text == "discipline"
    ]
    taxa = list(
        zip(
            texts(disciplines, "lom:taxonPath/lom:taxon/lom:id"),
            strings(disciplines, "lom:taxonPath/lom:taxon/lom:entry"),
            strict=True,
        )
    )
    # The source's slugs, with the labels of their German terms (the demo's own German
    # labels when a whole-suite run seeded it, else the repository's "Physics [de]").
    german = dict(
        Discipline.objects.filter(locale__language_code="de").values_list("translation_key", "name")
    )
    assert sorted(taxa) == sorted(
        (term.slug, (german[term.translation_key], "de")) for term in source.disciplines.all()
    )
    assert {slug for slug, _ in taxa} == {"biology", "physics"}
    authors = [
        vcard_name(text) for text in texts(record, "lom:lifeCycle/lom:contribute/lom:entity")
    ]
    assert authors == ["Ana Novak", "Ben Smit"]
    assert set(texts(record, "lom:lifeCycle/lom:contribute/lom:date/lom:dateTime")) == {
        str(source.year)
    }
    relations = {
        r.find("lom:resource/lom:identifier/lom:entry", NS).text: r.find(
            "lom:kind/lom:value", NS
        ).text
        for r in record.findall("lom:relation", NS)
    }
    assert relations[source.full_url] == "isversionof"
    assert sorted(relations.values()) == ["hasversion"] * 3 + ["isversionof"]
    assert texts(record, "lom:educational/lom:language") == ["de"]  # its reader's language
    assert texts(record, "lom:rights/lom:copyrightAndOtherRestrictions/lom:value") == ["yes"]
    assert texts(record, "lom:technical/lom:format") == ["application/pdf"]
    assert len(texts(record, "lom:technical/lom:location")) == 1 + 2  # the page, its files


def test_lom_and_oai_dc_name_the_same_material(client, repository):
    page = repository.source()
    record = get_lom(client, page)
    dc = oai(
        client, verb="GetRecord", metadataPrefix="oai_dc", identifier=expected_identifier(page)
    )
    assert texts(record, "lom:general/lom:identifier/lom:entry") == texts(dc, ".//dc:identifier")
    assert [s for s, _ in strings(record, "lom:general/lom:title")] == texts(dc, ".//dc:title")


@pytest.mark.parametrize("prefix", ["LOM", "lom ", "imsmd"])
def test_other_spellings_cannot_be_disseminated(client, repository, prefix):
    page = repository.source()
    root = oai(
        client, verb="GetRecord", metadataPrefix=prefix, identifier=expected_identifier(page)
    )
    assert error_code(root) in {"cannotDisseminateFormat", "badArgument"}
    if error_code(root) == "cannotDisseminateFormat":
        assert request_attributes(root)["metadataPrefix"] == prefix
        assert "oai_dc, lom" in root.find("oai:error", NS).text


def count_queries(client, prefix: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        root = oai(client, verb="ListRecords", metadataPrefix=prefix)
    assert error_code(root) is None
    return len(queries)


def test_lom_costs_the_queries_oai_dc_costs(client, settings):
    """Both serialise the same loaded records: a format adds no query."""
    settings.OAI_PAGE_SIZE = 10
    count_queries(client, "oai_dc")  # warm the site-root cache page URLs use
    assert count_queries(client, "lom") == count_queries(client, "oai_dc")


# --- the serialiser reads the record only ---------------------------------------------------


@pytest.mark.django_db(False)
def test_lom_is_built_from_a_record_alone_and_valid():
    element = lom.lom(hand_made_record(), "oai:example.org:materials/1/nl")
    LOM_SCHEMA.validate(element)
    values = lom_values(ET.fromstring(ET.tostring(element)))
    assert values["title"] == ["Breuken met pizza's"]
    assert values["description"] == ["Een korte samenvatting."]  # the vertical tab dropped
    assert values["subject"] == ["Wiskunde"]
    assert taxa(element) == [["Wiskunde", "mathematics"]]
    assert values["ages"] == ["10-12"]
    assert values["type"] == ["teaching-unit"]  # LOMv1.0 has no lesson plan
    assert values["audience"] == ["in-service", "teacher"]
    assert values["creator"] == ["A. Auteur", "B. Schrijver"]


@pytest.mark.django_db(False)
@pytest.mark.parametrize(
    ("ages", "expected"), [((10, 12), "10-12"), ((18, 99), "18-"), ((7, 7), "7")]
)
def test_age_ranges_take_lom_s_recommended_form(ages, expected):
    element = lom.lom(hand_made_record(age_min=ages[0], age_max=ages[1]), "oai:x:1")
    LOM_SCHEMA.validate(element)
    assert lom_values(element)["ages"] == [expected]


@pytest.mark.django_db(False)
@pytest.mark.parametrize(
    ("hours", "duration"),
    [(Decimal("2.5"), "PT2H30M"), (Decimal("0.25"), "PT15M"), (Decimal("3"), "PT3H")],
)
def test_learning_time_is_an_iso_duration(hours, duration):
    assert lom.learning_time(hours) == duration


@pytest.mark.django_db(False)
@pytest.mark.parametrize(
    ("vcard", "name"),
    [
        (lom.vcard("Ana Novak"), "Ana Novak"),
        (lom.vcard("C:\\new; Ltd, Org"), "C:\\new; Ltd, Org"),  # FN has separators: from N
        ("BEGIN:VCARD\nVERSION:3.0\nN:Meier;Eva;;;\nFN:Meier\\, Eva\nEND:VCARD", "Eva Meier"),
        ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane\r\n\tDoe\r\nEND:VCARD", "JaneDoe"),
        ("BEGIN:VCARD\nVERSION:3.0\nFN:Jane Doe-\n Smith\nEND:VCARD", "Jane Doe-Smith"),
        (  # indented inside pretty-printed XML
            "BEGIN:VCARD\n        VERSION:3.0\n        N:Doe;Jane;;;\n        FN:Jane Doe\n"
            "        END:VCARD",
            "Jane Doe",
        ),
        ("BEGIN:VCARD\nVERSION:3.0\nfn;CHARSET=UTF-8:Zoë Ødegård\nEND:VCARD", "Zoë Ødegård"),
        ("BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nEND:VCARD", ""),
        ("not a vcard at all", ""),
    ],
)
def test_vcards_are_read_as_repositories_write_them(vcard, name):
    assert vcard_name(vcard) == name


@pytest.mark.django_db(False)
def test_a_name_the_site_cannot_list_keeps_its_parts():
    """Escaping survives the round trip; our author lists cannot hold a comma, so a name
    with one is served in N's order."""
    element = lom.lom(hand_made_record(authors=("Jo O\\Neil",)), "oai:x:1")
    LOM_SCHEMA.validate(element)
    assert lom_values(element)["creator"] == ["Jo O\\Neil"]


@pytest.mark.django_db(False)
def test_what_a_record_lacks_is_left_out_and_the_rest_stays_valid():
    element = lom.lom(
        hand_made_record(
            authors=(),
            year=None,
            publisher=None,
            files=(),
            translations=(),
            source=None,
            keywords=(),
            duration_hours=None,
            licence=LicenceRecord("all-rights-reserved", "Alle rechten voorbehouden", ""),
            resource_type=Term("simulation", "Simulatie"),
        ),
        "oai:x:1",
    )
    LOM_SCHEMA.validate(element)
    assert element.find("lom:lifeCycle", NS) is None
    assert element.find("lom:relation", NS) is None
    assert element.find("lom:metaMetadata/lom:contribute", NS) is None
    assert strings(element, "lom:rights/lom:description") == [("Alle rechten voorbehouden", "nl")]
    assert texts(element, "lom:educational/lom:learningResourceType/lom:value") == [
        "simulation",
        "simulation",
    ]


@pytest.mark.django_db(False)
def test_a_year_without_authors_is_a_dated_contribution():
    element = lom.lom(hand_made_record(authors=(), year=2019), "oai:x:1")
    LOM_SCHEMA.validate(element)
    [contribute] = element.findall("lom:lifeCycle/lom:contribute", NS)
    assert contribute.find("lom:entity", NS) is None
    assert texts(contribute, "lom:date/lom:dateTime") == ["2019"]


@pytest.mark.django_db(False)
@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("lom:educational/lom:intendedEndUserRole[2]/lom:value", "principal"),
        ("lom:rights/lom:cost/lom:value", "free"),
        ("lom:general/lom:language", "English"),
        ("lom:educational/lom:typicalLearningTime/lom:duration", "2.5 hours"),
        ("lom:educational/lom:typicalLearningTime/lom:duration", "P"),
        ("lom:educational/lom:typicalLearningTime/lom:duration", "PT"),
        ("lom:educational/lom:typicalLearningTime/lom:duration", "P1DT"),
    ],
)
def test_the_schema_refuses_what_lom_does_not_allow(path, value):
    """The schema can fail: a LOMv1.0 value outside its vocabulary, a language that is not
    a tag, a duration that is not ISO 8601."""
    element = lom.lom(hand_made_record(), "oai:x:1")
    element.find(path, NS).text = value
    assert not LOM_SCHEMA.is_valid(element)


@pytest.mark.django_db(False)
def test_a_waived_copyright_is_no_restriction():
    cc0 = LicenceRecord("cc0", "CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/")
    element = lom.lom(hand_made_record(licence=cc0), "oai:x:1")
    LOM_SCHEMA.validate(element)
    assert texts(element, "lom:rights/lom:copyrightAndOtherRestrictions/lom:value") == ["no"]


@pytest.mark.django_db(False)
def test_long_lists_stop_at_what_every_lom_consumer_accepts():
    many_files = tuple(
        FileRecord(f"Sheet {n}", f"https://x.example/{n}.pdf", "pdf", 10, None) for n in range(12)
    )
    element = lom.lom(
        hand_made_record(
            files=many_files,
            keywords=tuple(f"word {n}" for n in range(12)),
            authors=tuple(f"Author {n}" for n in range(31)),
        ),
        "oai:x:1",
    )
    LOM_SCHEMA.validate(element)
    assert len(texts(element, "lom:technical/lom:location")) == lom.MAX_LOCATIONS
    assert len(element.findall("lom:general/lom:keyword", NS)) == lom.MAX_KEYWORDS
    assert len(element.findall("lom:lifeCycle/lom:contribute", NS)) == lom.MAX_AUTHORS
