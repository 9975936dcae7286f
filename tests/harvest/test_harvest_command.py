"""`manage.py harvest` against a local OAI-PMH server serving recorded-style responses of
DSpace, EPrints and an OER repository: drafts keyed by the OAI identifier, mapping,
idempotence, deleted records, incremental runs and the record of runs."""

import io

import pytest

from django.core.management import call_command

from wagtail.models import Locale, Revision

from curation.models import ImportedMaterial
from harvest.models import HarvestRun
from materials.models import MaterialIndexPage, MaterialPage

pytestmark = pytest.mark.django_db

DSPACE_101 = "oai:repo.example.edu:123456789/101"
DSPACE_102 = "oai:repo.example.edu:123456789/102"


def harvest(
    url, *options, partner="de-stem-centre", country="DE", ages="10-14", prefix="oai_dc"
) -> str:
    out = io.StringIO()
    arguments = [url, "--metadata-prefix", prefix, "--partner", partner, "--country", country]
    if ages:
        arguments += ["--ages", ages]
    call_command("harvest", *arguments, *options, stdout=out)
    return out.getvalue()


def draft(identifier: str) -> MaterialPage:
    page = ImportedMaterial.objects.get(source_id=f"oai:{identifier}").page
    return page.get_latest_revision_as_object()


def test_a_dspace_list_becomes_drafts_keyed_by_the_oai_identifier(vocabulary, oai_server):
    oai_server.list_records("dspace_page1.xml", "dspace_page2.xml")
    pages_before = MaterialPage.objects.count()

    output = harvest(oai_server.url)

    assert "2 new, 0 updated, 0 unchanged, 1 refused, 1 deleted at the source" in output
    assert MaterialPage.objects.count() == pages_before + 2
    assert oai_server.requests[1] == {"verb": "ListRecords", "resumptionToken": "oai_dc////100"}
    first = draft(DSPACE_101)
    index = MaterialIndexPage.objects.get(locale=Locale.get_default())
    assert first.get_parent().pk == index.pk and not first.live
    assert first.title == "Schiefe Ebene: Kräfte im Unterricht messen"
    assert len(first.summary) <= 300 and first.summary.endswith("…")
    assert first.summary.startswith("Eine Fortbildungseinheit für Lehrkräfte")
    assert [d.slug for d in first.disciplines.all()] == ["physics"]  # Physik and Mechanik
    assert sorted(lang.code for lang in first.resource_languages.all()) == ["de", "en"]
    assert first.licence == "cc-by-sa"  # the deed URL; openAccess is mapped to nothing
    assert (first.age_min, first.age_max, first.country.code) == (10, 14, "DE")
    assert (first.resource_type, first.audience) == ("teaching-unit", "in-service")
    assert first.original_url == "https://repo.example.edu/handle/123456789/101"
    assert first.authors == "Anna Müller; Jan Nowak"  # as the site lists authors
    assert first.year == 2026 and first.partner.slug == "de-stem-centre"
    second = draft(DSPACE_102)
    assert [d.slug for d in second.disciplines.all()] == ["mathematics"]
    assert (second.licence, second.resource_type, second.year) == ("cc-by", "handbook", 2022)


def test_the_run_is_recorded_with_refusals_unmapped_values_and_deleted_records(
    vocabulary, oai_server
):
    oai_server.list_records("dspace_page1.xml", "dspace_page2.xml")
    output = harvest(oai_server.url, "--set", "")

    run = HarvestRun.objects.get()
    assert run.status == HarvestRun.OK and run.error == ""
    assert (run.created, run.updated, run.unchanged, run.refused, run.deleted) == (2, 0, 0, 1, 1)
    assert run.refusals == [
        {
            "identifier": "oai:repo.example.edu:123456789/103",
            "field": "subject",
            "reason": "no subject maps to a discipline (it has: Quantenoptik).",
        }
    ]
    assert run.unmapped == {"subject": {"Stochastik": 1, "Quantenoptik": 1}}
    assert run.deleted_records == [
        {"identifier": "oai:repo.example.edu:123456789/99", "page_id": None, "title": ""}
    ]
    assert run.response_date == "2026-11-02T09:15:27Z"
    assert run.finished_at >= run.started_at
    assert "Unmapped subject “Stochastik”: 1 record(s)" in output
    assert "Refused: oai:repo.example.edu:123456789/103, subject" in output


def test_a_second_identical_harvest_changes_nothing(vocabulary, oai_server):
    oai_server.list_records("dspace_page1.xml", "dspace_page2.xml")
    harvest(oai_server.url)
    revisions = Revision.objects.count()
    pages = MaterialPage.objects.count()

    output = harvest(oai_server.url, "--from", "2026-01-01")

    assert "0 new, 0 updated, 2 unchanged, 1 refused" in output
    assert Revision.objects.count() == revisions
    assert MaterialPage.objects.count() == pages


def test_a_changed_record_updates_its_draft_without_publishing(vocabulary, oai_server):
    oai_server.list_records("eprints.xml")
    harvest(oai_server.url)
    page = ImportedMaterial.objects.get(source_id="oai:oai:eprints.example.ac.uk:42").page
    page.get_latest_revision_as_object().save_revision().publish()
    changed = oai_server.routes[next(iter(oai_server.routes))].body.replace(
        b"Modelling motion with data loggers</dc:title>", b"Modelling motion, revised</dc:title>"
    )
    oai_server.route(
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-11-03"}, changed
    )

    output = harvest(oai_server.url)

    assert "0 new, 1 updated, 0 unchanged" in output
    page.refresh_from_db()
    assert page.title == "Modelling motion with data loggers"  # live content untouched
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().title == "Modelling motion, revised"


def test_eprints_and_oer_records_map_through_file_and_vocabulary(vocabulary, oai_server):
    oai_server.list_records("eprints.xml")
    oai_server.list_records("oer.xml", set="stem")
    harvest(oai_server.url)
    output = harvest(oai_server.url, "--set", "stem")

    eprint = draft("oai:eprints.example.ac.uk:42")
    assert [d.slug for d in eprint.disciplines.all()] == ["physics"]
    assert (eprint.licence, eprint.resource_type, eprint.year) == (
        "cc-by-nc",
        "teaching-unit",
        2019,
    )
    assert eprint.original_url == "https://eprints.example.ac.uk/42/1/motion-guide.pdf"
    oer = draft("oai:oer.example.org:resource/8841")
    assert sorted(d.slug for d in oer.disciplines.all()) == ["mathematics", "physics"]
    assert [lang.code for lang in oer.resource_languages.all()] == ["en"]  # en-GB
    assert (oer.licence, oer.resource_type) == ("cc-by-nc", "simulation")
    run = HarvestRun.objects.filter(set_spec="stem").get()
    assert run.unmapped == {
        "rights": {"Creative Commons Attribution-NonCommercial 4.0": 1},
        "subject": {"Grade 9": 1},
    }
    assert "1 new" in output


def test_a_deleted_record_is_flagged_and_its_draft_kept(vocabulary, oai_server):
    oai_server.list_records("eprints.xml")
    harvest(oai_server.url)
    page = ImportedMaterial.objects.get(source_id="oai:oai:eprints.example.ac.uk:42").page
    deleted = b"""<?xml version="1.0"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
    <responseDate>2026-11-10T00:00:00Z</responseDate><ListRecords><record>
    <header status="deleted"><identifier>oai:eprints.example.ac.uk:42</identifier>
    <datestamp>2026-11-09</datestamp></header></record></ListRecords></OAI-PMH>"""
    oai_server.route(
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-11-03"}, deleted
    )

    output = harvest(oai_server.url)

    assert "0 new, 0 updated, 0 unchanged, 0 refused, 1 deleted at the source" in output
    assert f"(page {page.pk}) kept" in output
    assert MaterialPage.objects.filter(pk=page.pk).exists()
    run = HarvestRun.objects.first()
    assert run.deleted_records == [
        {"identifier": "oai:eprints.example.ac.uk:42", "page_id": page.pk, "title": page.title}
    ]


def test_a_run_without_from_continues_from_the_last_successful_run(vocabulary, oai_server):
    oai_server.list_records("eprints.xml")
    oai_server.route(
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-11-03"}, "no_records.xml"
    )
    harvest(oai_server.url, "--dry-run")  # a dry run is not a watermark
    assert "from" not in oai_server.requests[-1]
    harvest(oai_server.url)
    assert "from" not in oai_server.requests[-1]

    output = harvest(oai_server.url)

    assert oai_server.requests[-1]["from"] == "2026-11-03"  # the day of the responseDate
    assert "0 new, 0 updated, 0 unchanged, 0 refused, 0 deleted at the source" in output
    harvest(oai_server.url, "--from", "2025-06-01T00:00:00Z")
    assert oai_server.requests[-1]["from"] == "2025-06-01T00:00:00Z"


def test_a_dry_run_reports_and_records_but_writes_no_page(vocabulary, oai_server):
    oai_server.list_records("dspace_page1.xml", "dspace_page2.xml")
    pages, revisions = MaterialPage.objects.count(), Revision.objects.count()

    output = harvest(oai_server.url, "--dry-run")

    assert "2 new, 0 updated, 0 unchanged, 1 refused" in output
    assert "Dry run: nothing was written." in output
    assert (MaterialPage.objects.count(), Revision.objects.count()) == (pages, revisions)
    assert not ImportedMaterial.objects.filter(source_id__startswith="oai:").exists()
    assert HarvestRun.objects.get().dry_run


def test_without_ages_every_record_is_refused_by_the_models_own_rule(vocabulary, oai_server):
    oai_server.list_records("eprints.xml")
    output = harvest(oai_server.url, ages="")
    assert "0 new, 0 updated, 0 unchanged, 1 refused" in output
    run = HarvestRun.objects.get()
    assert {refusal["field"] for refusal in run.refusals} == {"age_min", "age_max"}
    assert not ImportedMaterial.objects.exists()


def test_a_lom_repository_s_records_become_drafts(vocabulary, oai_server):
    """LOM as other repositories write it (responses/lom.xml): the record's own age range,
    thesaurus codes with labels, LOMv1.0 values mapped by the partner's file."""
    oai_server.list_records("lom.xml", metadata_prefix="lom")

    output = harvest(oai_server.url, prefix="lom", ages="6-10")

    assert "2 new, 0 updated, 0 unchanged, 1 refused, 1 deleted at the source" in output
    light = draft("oai:lom.example.eu:res/5001")
    assert light.title == "Experimente mit Licht"  # the record's language, metaMetadata
    assert light.summary.startswith("Lehrkräfte erproben")
    assert [d.slug for d in light.disciplines.all()] == ["physics"]  # "Physik", not 2476
    assert sorted(lang.code for lang in light.resource_languages.all()) == ["de", "en"]
    assert (light.age_min, light.age_max) == (10, 14)  # its own range, not --ages
    assert (light.resource_type, light.audience) == ("teaching-unit", "in-service")
    assert light.licence == "cc-by"
    assert light.original_url == "https://lom.example.eu/res/5001"
    # The vCard's FN holds an escaped comma, so the name comes from its N.
    assert light.authors == "Eva Meier"
    assert light.year == 2023
    dice = draft("oai:lom.example.eu:res/5002")
    assert [d.slug for d in dice.disciplines.all()] == ["mathematics"]
    assert (dice.age_min, dice.age_max) == (6, 10)  # "U12" is not a range: --ages
    assert dice.licence == "cc0"
    run = HarvestRun.objects.get()
    assert run.metadata_prefix == "lom"
    assert run.refusals == [
        {
            "identifier": "oai:lom.example.eu:res/5003",
            "field": "subject",
            "reason": "no subject maps to a discipline (it has: —).",
        }
    ]
    assert run.unmapped == {"ages": {"U12": 1}, "subject": {"Quantum optics": 1}}
