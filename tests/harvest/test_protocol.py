"""Reading OAI-PMH pages and following their tokens, without a database or a network."""

import pytest

from harvest import dublin_core
from harvest.fetch import HarvestFailed
from harvest.oai import list_records, parse_page
from harvest.records import authors, shorten
from tests.harvest.oai_server import response


def test_a_dspace_page_gives_its_records_token_and_list_size():
    page = parse_page(response("dspace_page1.xml"))
    assert [record.identifier for record in page.records] == [
        "oai:repo.example.edu:123456789/101",
        "oai:repo.example.edu:123456789/102",
    ]
    assert page.token == "oai_dc////100"
    assert page.complete_list_size == "4"
    assert page.response_date == "2026-11-02T09:15:27Z"
    values = dublin_core.dc_values(page.records[0].metadata)
    assert values["subject"] == ["Physik", "Mechanik", "Lehrerfortbildung"]
    assert values["language"] == ["ger", "eng"]
    assert values["rights"][1] == "https://creativecommons.org/licenses/by-sa/4.0/"


def test_the_last_page_has_an_empty_token_and_a_deleted_header_without_metadata():
    page = parse_page(response("dspace_page2.xml"))
    assert page.token is None
    deleted = page.records[1]
    assert deleted.deleted and deleted.metadata is None
    assert not page.records[0].deleted


def test_no_records_match_is_an_empty_list_not_an_error():
    page = parse_page(response("no_records.xml"))
    assert page.records == [] and page.token is None


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("bad_resumption_token.xml", "badResumptionToken: The value of the resumptionToken"),
        ("cannot_disseminate.xml", "cannotDisseminateFormat: oai_dc is not supported"),
        ("malformed.xml", "not well-formed XML"),
        ("not_oai.html", "not an OAI-PMH response (its root element is <html>)"),
        ("entities.xml", "declares XML entities"),
    ],
)
def test_unusable_answers_say_why(name, message):
    with pytest.raises(HarvestFailed) as failure:
        parse_page(response(name))
    assert message in str(failure.value)


def test_list_records_follows_tokens_with_the_token_alone():
    pages = {"": "dspace_page1.xml", "oai_dc////100": "dspace_page2.xml"}
    asked = []

    def fetch(url, params):
        asked.append(params)
        return response(pages[params.get("resumptionToken", "")])

    harvested = list_records(
        fetch,
        "https://repo.example.edu/oai",
        metadata_prefix="oai_dc",
        set_spec="s",
        from_date="2026-01-01",
    )
    assert len(harvested.records) == 4
    assert harvested.pages == 2
    assert harvested.response_date == "2026-11-02T09:15:27Z"  # the first page's
    assert asked == [
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "s", "from": "2026-01-01"},
        {"verb": "ListRecords", "resumptionToken": "oai_dc////100"},
    ]


def test_a_token_sent_twice_stops_the_harvest():
    calls = []

    def fetch(url, params):
        calls.append(params)
        return response("loop.xml")

    with pytest.raises(HarvestFailed) as failure:
        list_records(fetch, "https://loop.example.org/oai", metadata_prefix="oai_dc")
    assert "“page-2” a second time" in str(failure.value)
    assert len(calls) == 2


def test_summaries_are_cut_at_a_word_and_authors_at_a_name():
    text = "word " * 100
    short = shorten(text.strip(), 300)
    assert len(short) <= 300 and short.endswith("word…")
    assert shorten("short", 300) == "short"
    many = [f"Author Number {n}" for n in range(40)]
    joined = authors(many)
    assert len(joined) <= 300 and joined.endswith("; et al.")
    # Catalogue order "Family, Given" becomes the site's "Given Family": the site's author
    # lists are separated by commas and semicolons, so a name keeps neither.
    assert authors(["Evans, Rhian", "Nowak, Jan"]) == "Rhian Evans; Jan Nowak"
    assert authors(["Smith, J., Jr", "Ng; Li", "Plain Name"]) == "Smith J. Jr; Li Ng; Plain Name"


def test_years_and_urls_are_read_from_the_first_value_that_has_one():
    assert dublin_core.year(["März 2021", "2019"]) == "2021"
    assert dublin_core.year(["undated"]) == ""
    assert dublin_core.first_url(["Evans (2019)", "https://x.example/1"]) == "https://x.example/1"
