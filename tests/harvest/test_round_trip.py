"""Harvesting our own `/oai/` in oai_dc and in lom gives back what we serve: titles,
summaries, disciplines, ages, languages and licences of every live material, across
resumption tokens, into a site that no longer holds them (the answers are recorded, the
served materials deleted, then the harvest writes). The Django test client stands in for
HTTP.

What oai_dc cannot carry is given as it would be for a partner: the age range (--ages;
oai_dc has no age) and the audience (the mapping file's default). Our oai_dc's
dc:language is the record's language, so the oai_dc materials are in their own language
only. LOM carries all of it, so its materials differ in ages, audience and languages, and
its harvest is given no --ages.
"""

import dataclasses
import time
from datetime import UTC

import pytest

from django.utils import timezone

from wagtail.models import Site

from curation.models import ImportedMaterial
from harvest.fetch import HarvestFailed
from harvest.models import HarvestRun
from harvest.options import HarvestOptions
from harvest.run import run_harvest
from materials.models import MaterialPage
from tests.factories import MaterialPageFactory, publish, resource_language, site_tree

pytestmark = pytest.mark.django_db

HOST = "materials.example.org"
SOURCE = [
    # title, summary, disciplines, licence, resource type
    ("Forces on a ramp", "Measuring forces with spring scales.", ["physics"], "cc-by-sa", "video"),
    ("Chance and dice", "A first look at probability.", ["mathematics"], "cc0", "toolkit"),
    ("Modelling motion", "Data loggers in physics and maths.", ["physics", "mathematics"],
     "cc-by-nc", "simulation"),
]  # fmt: skip
# What only LOM carries, per material of SOURCE: ages, audience, resource languages.
LOM_ONLY = [
    ((12, 15), "in-service", ["en", "de"]),
    ((6, 10), "pre-service", ["de"]),
    ((18, 99), "school-leaders", ["en"]),
]


def client_fetch(client):
    def fetch(base_url, params):
        response = client.get(base_url, params, HTTP_HOST=HOST)
        if response.status_code != 200:
            raise HarvestFailed(f"HTTP {response.status_code}")
        return response.content

    return fetch


def serve(vocabulary, settings, only_in_lom=None):
    """Three live materials in English, served two to an OAI-PMH page, and the moment
    before they were published (a demo seeded for other tests is older: `from` skips it).
    `only_in_lom` gives each its ages, audience and resource languages (else 12-15, the
    factory's audience, English)."""
    settings.OAI_PAGE_SIZE = 2
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]
    # A public host name, as a real site has: a material's URL is its record's dc:identifier.
    site = Site.objects.get(is_default_site=True)
    site.hostname = HOST
    site.save()
    since = timezone.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    time.sleep(1)  # the repository's granularity is seconds
    languages = {"en": resource_language("en", "English"), "de": resource_language("de", "German")}
    index = site_tree().materials
    pages = []
    extras = only_in_lom or [((12, 15), None, ["en"])] * len(SOURCE)
    for (title, summary, disciplines, licence, resource_type), extra in zip(
        SOURCE, extras, strict=True
    ):
        (age_min, age_max), audience, codes = extra
        page = MaterialPageFactory(
            parent=index,
            title=title,
            summary=summary,
            licence=licence,
            resource_type=resource_type,
            age_min=age_min,
            age_max=age_max,
            **({"audience": audience} if audience else {}),
        )
        page.disciplines = [getattr(vocabulary, slug) for slug in disciplines]
        page.resource_languages = [languages[code] for code in codes]
        pages.append(publish(page))
    return pages, since


@pytest.fixture
def served(vocabulary, settings):
    return serve(vocabulary, settings)


@pytest.fixture
def served_in_lom(vocabulary, settings):
    return serve(vocabulary, settings, LOM_ONLY)


def facts(page: MaterialPage) -> dict:
    return {
        "title": page.title,
        "summary": page.summary,
        "disciplines": sorted(d.slug for d in page.disciplines.all()),
        "ages": (page.age_min, page.age_max),
        "languages": sorted(lang.code for lang in page.resource_languages.all()),
        "licence": page.licence,
        "resource_type": page.resource_type,
        "audience": page.audience,
    }


def source_facts(page: MaterialPage) -> dict:
    return {**facts(page), "original_url": page.full_url}


def harvest_into_a_fresh_site(client, options: HarvestOptions, served) -> tuple:
    """Harvest the served materials as another site of the network would: every page of
    the list is read from /oai/ first (a dry run records them), then the served materials
    are deleted, so the drafts are written into a site that does not hold them, from the
    recorded answers. Returns the facts served (by title), the run, the facts of each draft
    it wrote (by title), and the recorded fetch for a second run."""
    recorded: dict[tuple, bytes] = {}
    fetch_live = client_fetch(client)

    def recording(base_url, params):
        recorded[tuple(sorted(params.items()))] = body = fetch_live(base_url, params)
        return body

    def replay(base_url, params):
        return recorded[tuple(sorted(params.items()))]

    dry = run_harvest(dataclasses.replace(options, dry_run=True), fetch=recording)
    assert (dry.status, dry.created) == (HarvestRun.OK, len(SOURCE)), dry.error
    expected = {page.title: source_facts(page) for page in served}
    for page in served:
        page.delete()
    assert not MaterialPage.objects.filter(title__in=expected).exists()

    run = run_harvest(options, fetch=replay)
    assert (run.status, run.error) == (HarvestRun.OK, "")
    assert (run.created, run.refused) == (len(SOURCE), 0), run.refusals
    harvested = {}
    for imported in ImportedMaterial.objects.filter(source_id__startswith="oai:"):
        draft = imported.page.get_latest_revision_as_object()
        harvested[draft.title] = {**facts(draft), "original_url": draft.original_url}
    return expected, run, harvested, replay


def test_harvesting_our_own_endpoint_gives_back_what_it_serves(client, served):
    served, since = served
    options = HarvestOptions.checked(
        "http://testserver/oai/",
        metadata_prefix="oai_dc",
        partner="de-stem-centre",
        country="NL",
        ages="12-15",
        from_date=since,
    )

    expected, run, harvested, replay = harvest_into_a_fresh_site(client, options, served)
    # oai_dc has no audience: every draft takes the mapping file's default.
    assert harvested == {
        title: {**source, "audience": "in-service"} for title, source in expected.items()
    }
    # Our ISCED levels are subjects too: reported, for the editors to map or ignore.
    assert set(run.unmapped) == {"subject"}

    again = run_harvest(options, fetch=replay)
    assert (again.created, again.updated, again.unchanged) == (0, 0, len(SOURCE))


def test_harvesting_our_own_endpoint_in_lom_gives_back_what_only_lom_carries(client, served_in_lom):
    served, since = served_in_lom
    options = HarvestOptions.checked(
        "http://testserver/oai/",
        metadata_prefix="lom",
        partner="de-stem-centre",
        country="NL",
        from_date=since,
    )

    expected, run, harvested, replay = harvest_into_a_fresh_site(client, options, served)
    assert harvested == expected
    # The alternatives in LOM's own vocabulary come after ours and are not reported; the
    # ISCED classification is not a discipline. Nothing is left unmapped.
    assert run.unmapped == {}

    again = run_harvest(options, fetch=replay)
    assert (again.created, again.updated, again.unchanged) == (0, 0, len(SOURCE))
