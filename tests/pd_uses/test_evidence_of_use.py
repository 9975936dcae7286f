"""PD uses as visitors, harvesters and searchers see them: the material page's summary and
latest uses (every language version alike), the record in /api/v2/ and the JSON-LD, and
the "used in PD" filter and "most used" sort (database engine; the live engine is compared
in tests/search/test_engine_parity.py)."""

import json
import re

import pytest

from materials.models import PDUse
from search.engines import get_engine
from search.query import SearchRequest
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def used_material():
    material = factories.full_material(related=0, reviews=0)
    partner = factories.PartnerFactory()
    for country, teachers in [("DE", 100), ("DE", 120), ("NL", 80), ("GR", 1)]:
        factories.PDUseFactory(
            material=material, partner=partner, country=country, teachers=teachers
        )
    return material


def test_the_page_sums_up_the_uses_and_lists_the_latest(client, used_material):
    content = client.get(used_material.url).content.decode()
    uses = PDUse.objects.filter(translation_key=used_material.translation_key)
    teachers = sum(use.teachers for use in uses)
    countries = len({str(use.country) for use in uses})
    assert (
        f"Used in {uses.count()} PD activities in {countries} countries, about {teachers} teachers."
        in content
    )
    latest = re.search(r'<ul class="pd-uses__latest">(.*?)</ul>', content, re.S).group(1)
    assert latest.count("<li>") == uses.count()
    assert "Worksheets translated." in latest


def test_one_use_reads_in_the_singular(client):
    material = factories.full_material(related=0, reviews=0)
    factories.PDUseFactory(material=material, teachers=1)
    content = client.get(material.url).content.decode()
    assert "Used in 1 PD activity in 1 country, about 1 teacher." in content


def test_a_material_without_uses_says_so(client):
    material = factories.full_material(related=0, reviews=0)
    assert (
        "No PD activity with this material has been recorded yet."
        in client.get(material.url).content.decode()
    )


def test_every_language_version_shows_the_same_uses_in_its_language(client, used_material):
    german = factories.translate_page(used_material, "de")
    content = client.get(german.url).content.decode()
    assert "4 PD-Aktivitäten" in content and "4 PD activities" not in content


def test_the_record_in_the_api_and_the_json_ld_carry_the_counts(client, used_material):
    german = factories.translate_page(used_material, "de")
    uses = list(PDUse.objects.filter(translation_key=used_material.translation_key))
    expected = {
        "uses": len(uses),
        "countries": len({str(use.country) for use in uses}),
        "teachers": sum(use.teachers for use in uses),
    }
    for page in (used_material, german):
        data = client.get(f"/api/v2/pages/{page.pk}/").json()
        assert data["pd_uses"] == expected
    content = client.get(german.url).content.decode()
    script = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', content, re.S)
    counter = json.loads(script.group(1))["interactionStatistic"]
    assert counter["interactionType"] == "https://schema.org/UseAction"
    assert counter["userInteractionCount"] == expected["uses"]
    assert counter["pdTeachersReached"] == expected["teachers"]
    assert counter["pdCountries"] == expected["countries"]


def test_the_filter_and_the_sort_follow_uses_as_they_are_recorded(client):
    materials = [factories.full_material(related=0, reviews=0) for _ in range(3)]
    # Each material has a discipline of its own: selecting those three leaves out any other
    # material (the demo's too, when it is seeded).
    ours = {"discipline": tuple(m.disciplines.get().slug for m in materials)}
    engine = get_engine()
    used = SearchRequest(language="en", selections={**ours, "used": ("yes",)})
    assert engine.search(used).total == 0
    for material, uses in zip(materials, (1, 3, 2), strict=True):
        for _ in range(uses):
            factories.PDUseFactory(material=material)
    outcome = engine.search(used)
    assert outcome.total == 3 and outcome.counts["used"] == {"yes": 3}
    ranked = engine.search(SearchRequest(language="en", selections=ours, sort="used")).hits
    assert [hit.page_id for hit in ranked[:3]] == [
        materials[1].pk,
        materials[2].pk,
        materials[0].pk,
    ]
    PDUse.objects.filter(translation_key=materials[0].translation_key).delete()
    assert engine.search(used).total == 2


def test_the_search_page_and_api_offer_them(client, used_material):
    discipline = used_material.disciplines.get().slug  # its own: no other material has it
    response = client.get(f"/en/search/?used=yes&sort=used&discipline={discipline}")
    assert response.status_code == 200
    assert used_material.title in response.content.decode()
    data = client.get(f"/api/search/?language=en&used=yes&sort=used&discipline={discipline}")
    assert data.json()["total"] == 1
    assert client.get("/en/search/?sort=most-used").status_code == 400


def test_a_use_recorded_on_a_translation_belongs_to_the_material(client):
    material = factories.full_material(related=0, reviews=0)
    german = factories.translate_page(material, "de")
    use = factories.PDUseFactory(material=german)
    assert use.material_id == material.pk
    assert use.translation_key == material.translation_key
    german.delete()
    assert PDUse.objects.filter(pk=use.pk).exists()
