"""Bad input to a harvest: every failure is a clear message, a non-zero exit, a recorded
failed run (once the options are valid) and nothing written, not even the pages before
the failing one."""

import io

import pytest

from django.core.management import CommandError, call_command

from wagtail.models import Revision

from curation.models import ImportedMaterial
from harvest.models import HarvestRun
from materials.models import MaterialPage
from tests.harvest.oai_server import response

pytestmark = pytest.mark.django_db

FIRST = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
NEXT = {"verb": "ListRecords", "resumptionToken": "oai_dc////100"}


def harvest(url, *extra, partner="de-stem-centre", country="DE", ages="10-14", prefix="oai_dc"):
    arguments = [url, "--metadata-prefix", prefix, "--partner", partner, "--country", country]
    call_command("harvest", *arguments, "--ages", ages, *extra, stdout=io.StringIO())


def counts():
    return (
        ImportedMaterial.objects.count(),
        MaterialPage.objects.count(),
        Revision.objects.filter(content_type__model="materialpage").count(),
    )


@pytest.fixture
def nothing_written():
    """Call it after the harvest: true when no import key, page or revision was added."""
    before = counts()
    return lambda: counts() == before


def route_first_page_then(server, body, status=200, delay=0.0):
    """A good first page (with records) whose next page fails."""
    server.route(FIRST, "dspace_page1.xml")
    server.route(NEXT, body, status=status, delay=delay)


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda s: s.route(FIRST, "malformed.xml"), "not well-formed XML"),
        (lambda s: s.route(FIRST, "not_oai.html"), "not an OAI-PMH response"),
        (lambda s: s.route(FIRST, "entities.xml"), "declares XML entities"),
        (lambda s: s.route(FIRST, "cannot_disseminate.xml"), "cannotDisseminateFormat"),
        (lambda s: s.route(FIRST, b"Internal error", status=500), "answered HTTP 500"),
        (lambda s: None, "answered HTTP 404"),  # no route at all
        (lambda s: route_first_page_then(s, "bad_resumption_token.xml"), "badResumptionToken"),
        (lambda s: route_first_page_then(s, "malformed.xml"), "not well-formed XML"),
        (lambda s: route_first_page_then(s, b"oops", status=500), "answered HTTP 500"),
        (lambda s: route_first_page_then(s, "dspace_page2.xml", delay=3), "did not answer within"),
        (lambda s: s.route(FIRST, "loop.xml"), "a second time"),
    ],
    ids=[
        "malformed", "not-oai", "entities", "error-response", "http-500", "http-404",
        "bad-token-on-page-2", "malformed-page-2", "http-500-on-page-2", "timeout-on-page-2",
        "looping-token",
    ],
)  # fmt: skip
def test_a_failing_repository_stops_the_run_and_writes_nothing(
    vocabulary, oai_server, nothing_written, setup, message
):
    setup(oai_server)
    oai_server.route({"verb": "ListRecords", "resumptionToken": "page-2"}, "loop.xml")

    with pytest.raises(CommandError) as failure:
        harvest(oai_server.url)

    assert message in str(failure.value)
    assert failure.value.returncode == 1
    assert nothing_written()
    run = HarvestRun.objects.get()
    assert run.status == HarvestRun.FAILED and message in run.error
    assert (run.created, run.updated, run.unchanged, run.refused) == (0, 0, 0, 0)


def test_a_failed_run_is_not_where_the_next_run_continues(vocabulary, oai_server):
    oai_server.route(FIRST, "cannot_disseminate.xml")
    with pytest.raises(CommandError):
        harvest(oai_server.url)
    oai_server.route(FIRST, "no_records.xml")
    harvest(oai_server.url)
    assert "from" not in oai_server.requests[-1]


def test_an_unreachable_repository_says_so(vocabulary, oai_server, nothing_written):
    url = oai_server.url
    oai_server.stop()
    with pytest.raises(CommandError) as failure:
        harvest(url)
    assert "cannot be reached" in str(failure.value)
    assert nothing_written()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"partner": "nobody"}, "Unknown partner “nobody”."),
        ({"country": "XX"}, "Unknown country “XX”"),
        ({"country": "Germany"}, "Unknown country “Germany”"),
        ({"ages": "ten"}, "Ages “ten” are not a range like 10-15."),
        ({"ages": "14-10"}, "give MIN-MAX with 3 ≤ MIN ≤ MAX ≤ 99"),
        ({"ages": "1-5"}, "give MIN-MAX"),
        (
            {"prefix": "marc21"},
            "Metadata prefix “marc21” cannot be harvested; use one of: oai_dc, lom.",
        ),
    ],
)
def test_refused_options_stop_before_any_request(vocabulary, oai_server, options, message):
    with pytest.raises(CommandError) as failure:
        harvest(oai_server.url, **options)
    assert message in str(failure.value)
    assert oai_server.requests == []
    assert not HarvestRun.objects.exists()


@pytest.mark.parametrize("value", ["yesterday", "2025-13-01", "2025-01-01T10:00:00"])
def test_a_bad_from_date_is_refused(vocabulary, oai_server, value):
    with pytest.raises(CommandError) as failure:
        harvest(oai_server.url, "--from", value)
    assert f"--from “{value}” is not a date like 2025-01-31" in str(failure.value)
    assert oai_server.requests == []


def test_a_url_that_is_not_http_is_refused(vocabulary):
    with pytest.raises(CommandError) as failure:
        harvest("file:///etc/passwd")
    assert "is not an http(s) URL" in str(failure.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[subjects]\n"Optik" = "optics"\n', "[subjects] “Optik”: Unknown discipline “optics”."),
        ('[licences]\n"x" = "gpl"\n', "[licences] “x”: Unknown licence “gpl”."),
        ('[defaults]\naudience = "pupils"\n', "[defaults] “audience”: Unknown audience"),
        ('[defaults]\nages = "old"\n', "[defaults] “ages”: Ages “old”"),
        ('[defaults]\ncolour = "red"\n', "[defaults] “colour”: known defaults"),
        ("[places]\n", "unknown sections: places"),
        ('[subjects]\n"a" = 3\n', "must be a key or a list of keys"),
        ("[subjects\n", "cannot be read"),
    ],
)
def test_a_bad_mapping_file_fails_the_run_with_its_entry(
    vocabulary, oai_server, nothing_written, settings, tmp_path, content, message
):
    (tmp_path / "de-stem-centre.toml").write_text(content)
    settings.HARVEST_MAPPINGS_DIR = tmp_path
    oai_server.route(FIRST, "eprints.xml")
    with pytest.raises(CommandError) as failure:
        harvest(oai_server.url)
    assert "de-stem-centre.toml" in str(failure.value) and message in str(failure.value)
    assert oai_server.requests == []  # checked before the first request
    assert nothing_written()


def test_a_record_without_oai_dc_metadata_is_refused_alone(vocabulary, oai_server):
    body = response("eprints.xml").replace(
        b"</ListRecords>",
        b"<record><header><identifier>oai:eprints.example.ac.uk:43</identifier>"
        b"<datestamp>2025-01-01</datestamp></header><metadata>"
        b'<lom xmlns="http://ltsc.ieee.org/xsd/LOM"/></metadata></record></ListRecords>',
    )
    oai_server.route(FIRST, body)
    harvest(oai_server.url)
    run = HarvestRun.objects.get()
    assert (run.created, run.refused) == (1, 1)
    assert run.refusals[0]["reason"] == "the record has no oai_dc metadata."


def test_a_garbled_response_date_is_not_kept_as_the_next_from(vocabulary, oai_server):
    body = response("eprints.xml").replace(b"2026-11-03T12:00:00Z", b"Tuesday noon")
    oai_server.route(FIRST, body)
    harvest(oai_server.url)
    harvest(oai_server.url)
    assert HarvestRun.objects.first().response_date == ""
    assert "from" not in oai_server.requests[-1]


def test_overlong_urls_and_sets_are_refused(vocabulary, oai_server):
    with pytest.raises(CommandError) as failure:
        harvest(oai_server.url + "?" + "x" * 500)
    assert "at most 500 characters" in str(failure.value)
    with pytest.raises(CommandError):
        harvest(oai_server.url, "--set", "s" * 201)
    assert oai_server.requests == []
