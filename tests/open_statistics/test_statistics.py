"""The open statistics: values checked against the database directly, the page, the JSON
and the CSV agreeing, bad query strings refused, and a fixed number of queries."""

import csv
import datetime
import html
import io
import re
from collections import Counter

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from materials.models import (
    MaterialDownloadCount,
    MaterialPage,
    MonthlyDownloadCount,
    PDUse,
)
from tests import factories

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "de", "nl", "cs", "el"]


def add_material(partner, downloads: int, months: dict):
    material = factories.full_material(partner=partner, related=0, reviews=1)
    MaterialDownloadCount.objects.create(translation_key=material.translation_key, count=downloads)
    for month, count in months.items():
        MonthlyDownloadCount.objects.create(
            translation_key=material.translation_key, month=month, count=count
        )
    return material


@pytest.fixture
def baseline(client):
    """The statistics before the test's own data: the demo's, when the session seeded it,
    else nothing. Tests compare what their data adds."""
    return get_json(client)


def added(after_rows, before_rows, field="value") -> dict:
    """Per key, what the rows gained since `before_rows` (keys that gained nothing left out)."""
    before = as_dict(before_rows, field)
    gained = {key: value - before.get(key, 0) for key, value in as_dict(after_rows, field).items()}
    return {key: value for key, value in gained.items() if value}


def nonzero(counts: dict) -> dict:
    return {key: value for key, value in counts.items() if value}


@pytest.fixture
def collection(baseline):
    north = factories.PartnerFactory(slug="north", institution="North Centre")
    south = factories.PartnerFactory(slug="south", institution="South Centre", country="ES")
    march, april = datetime.date(2025, 3, 1), datetime.date(2025, 4, 1)
    first = add_material(north, 10, {march: 4, april: 6})
    second = add_material(south, 3, {april: 3})
    add_material(north, 7, {march: 7})
    factories.PDUseFactory(
        material=first, partner=north, country="DE", format="course", teachers=12
    )
    factories.PDUseFactory(
        material=first, partner=south, country="ES", format="online", teachers=30
    )
    factories.PDUseFactory(
        material=second, partner=south, country="ES", format="online", teachers=5
    )
    factories.translate_page(first, "de")
    return {"north": north, "south": south}


def get_json(client):
    response = client.get("/api/statistics/")
    assert response.status_code == 200
    return response.json()


def as_dict(rows, field="value"):
    return {row["key"]: row[field] for row in rows}


def test_download_numbers_match_the_counters(client, baseline, collection):
    data = get_json(client)["downloads"]
    before = baseline["downloads"]
    counts = dict(MaterialDownloadCount.objects.values_list("translation_key", "count"))
    materials = list(MaterialPage.objects.live().filter(locale__language_code="en"))
    assert data["total"] == sum(counts.values()) == before["total"] + 20
    per_partner = Counter()
    per_discipline = Counter()
    for material in materials:
        per_partner[material.partner.slug] += counts.get(material.translation_key, 0)
        for discipline in material.disciplines.all():
            per_discipline[discipline.slug] += counts.get(material.translation_key, 0)
    assert nonzero(as_dict(data["per_partner"])) == nonzero(per_partner)
    assert added(data["per_partner"], before["per_partner"]) == {"north": 17, "south": 3}
    assert nonzero(as_dict(data["per_discipline"])) == nonzero(per_discipline)
    # Every material of full_material() is in English and German.
    assert added(data["per_language"], before["per_language"]) == {"en": 20, "de": 20}
    monthly = Counter()
    for row in MonthlyDownloadCount.objects.all():
        monthly[row.month.strftime("%Y-%m")] += row.count
    assert as_dict(data["per_month"]) == dict(monthly)
    assert added(data["per_month"], before["per_month"]) == {"2025-03": 11, "2025-04": 9}


def test_pd_use_numbers_match_the_records(client, baseline, collection):
    data = get_json(client)["pd_uses"]
    before = baseline["pd_uses"]
    uses = list(PDUse.objects.all())
    assert data["total"] == len(uses) == before["total"] + 3
    assert data["teachers"] == sum(use.teachers for use in uses) == before["teachers"] + 47
    assert as_dict(data["per_country"]) == dict(Counter(str(use.country) for use in uses))
    assert added(data["per_country"], before["per_country"], "teachers") == {"DE": 12, "ES": 35}
    assert set(as_dict(data["per_format"])) == {"course", "workshop", "online", "school-based"}
    assert added(data["per_format"], before["per_format"]) == {"course": 1, "online": 2}


def test_translation_coverage_counts_live_translations_and_outdated_ones(
    client, baseline, collection
):
    before = {row["key"]: row for row in baseline["translations"]["per_language"]}
    first = (
        MaterialPage.objects.filter(locale__language_code="de", partner=collection["north"])
        .get()
        .get_translation(factories.locale("en"))
    )
    data = as_dict(get_json(client)["translations"]["per_language"], "outdated")
    assert data["de"] == before["de"]["outdated"]
    first.save_revision().publish()  # the source is now newer than its German translation
    coverage = {row["key"]: row for row in get_json(client)["translations"]["per_language"]}
    sources = MaterialPage.objects.live().filter(locale__language_code="en").count()
    german = MaterialPage.objects.live().filter(locale__language_code="de").count()
    assert coverage["de"]["value"] == german == before["de"]["value"] + 1
    assert coverage["de"]["percent"] == round(100 * german / sources)
    assert coverage["de"]["outdated"] == before["de"]["outdated"] + 1
    assert coverage["nl"]["value"] == before["nl"]["value"]


def test_quality_criteria_and_age_bands(client, baseline, collection):
    data = get_json(client)
    known = {row["key"] for row in baseline["quality_criteria"]}
    rated = {row["key"]: row for row in data["quality_criteria"] if row["key"] not in known}
    # full_material() rates three new criteria 3, 4 and 5 for each material.
    assert len(rated) == 9 and all(row["value"] == 1 for row in rated.values())
    assert sorted({row["average"] for row in rated.values()}) == [3, 4, 5]
    bands = added(data["age_bands"], baseline["age_bands"])
    assert bands == {"10-12": 3, "12-15": 3}  # the factory's ages 10 to 14


def page_rows(content: str) -> dict[str, list[tuple[str, str]]]:
    """(label, value) per table on the page, keyed by the section's id."""
    tables = {}
    for section_id, body in re.findall(
        r'<section class="statistic" id="([^"]+)"(.*?)</section>', content, re.S
    ):
        rows = re.findall(r'<th scope="row">(.*?)</th><td>(.*?)</td>', body, re.S)
        tables[section_id] = [(html.unescape(label), value) for label, value in rows]
    return tables


def test_page_json_and_csv_agree(client, collection):
    data = get_json(client)
    page = client.get("/en/statistics/")
    assert page.status_code == 200
    content = page.content.decode()
    tables = page_rows(content)
    by_csv: dict[str, list] = {}
    csv_response = client.get("/api/statistics/?format=csv")
    assert csv_response["Content-Type"].startswith("text/csv")
    for row in csv.DictReader(io.StringIO(csv_response.content.decode())):
        by_csv.setdefault(row["series"], []).append((row["label"], row["value"]))
    assert client.get("/api/statistics.csv").content == csv_response.content
    for name, json_rows in [
        ("downloads.per_partner", data["downloads"]["per_partner"]),
        ("downloads.per_month", data["downloads"]["per_month"]),
        ("pd_uses.per_country", data["pd_uses"]["per_country"]),
        ("translations.per_language", data["translations"]["per_language"]),
        ("age_bands", data["age_bands"]),
    ]:
        expected = [(row["label"], str(row["value"])) for row in json_rows]
        assert by_csv[name] == expected
        assert tables[name.replace(".", "")] == expected, name


def test_the_page_has_charts_with_tables_for_screen_readers(client, collection):
    content = client.get("/en/statistics/").content.decode()
    charts = re.findall(r'<section class="statistic".*?</section>', content, re.S)
    assert len(charts) == 9
    for chart in charts:
        assert chart.count("<svg") == 1 and 'aria-hidden="true" focusable="false"' in chart
        assert chart.count("<caption>") == 1
    assert 'th scope="col"' in content


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_is_there_in_every_partner_language(client, collection, language):
    response = client.get(f"/{language}/statistics/")
    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/en/statistics/?year=2025",
        "/api/statistics/?format=xml",
        "/api/statistics/?format=csv&format=json",
        "/api/statistics/?sort=downloads",
        "/api/statistics.csv?x=%00",
    ],
)
def test_bad_query_strings_get_a_400_with_a_message(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.content


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


STATISTICS_QUERIES = 16  # listed in open_statistics.collect.collect


def test_a_fixed_number_of_queries_with_one_and_with_many_materials(client):
    partner = factories.PartnerFactory()
    add_material(partner, 1, {datetime.date(2025, 1, 1): 1})
    one = count_queries(client, "/api/statistics/")
    for n in range(6):
        material = add_material(factories.PartnerFactory(), n, {datetime.date(2025, 2, 1): n})
        factories.PDUseFactory(material=material, country="NL")
    factories.translate_page(material, "de")
    many = count_queries(client, "/api/statistics/")
    assert one == many <= STATISTICS_QUERIES
    assert count_queries(client, "/en/statistics/") <= many + 8  # the page's own frame
