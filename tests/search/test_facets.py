"""Facet behaviour, checked against counts computed from the models independently."""

import pytest

from tests.search.helpers import api, counts, english_materials, facts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("corpus")]


def expected_counts(materials, facet, where):
    found: dict[str, int] = {}
    for material in materials:
        values = facts(material)
        if all(values[name] & selected for name, selected in where.items() if name != facet):
            for value in values[facet]:
                found[value] = found.get(value, 0) + 1
    return found


def test_browse_without_words_lists_every_material_with_counts(client, corpus):
    materials = english_materials()
    payload = api(client, lang="en")
    assert payload["total"] == len(materials) == corpus.english_total
    assert len(payload["results"]) == 20
    for facet in ("discipline", "age", "country", "type", "licence"):
        assert counts(payload, facet) == expected_counts(materials, facet, {})


def test_values_or_within_a_facet_and_across_facets(client):
    materials = english_materials()
    where = {"discipline": {"physics", "biology"}, "age": {"10-12"}}
    payload = api(client, lang="en", discipline=["physics", "biology"], age="10-12")
    expected = [m for m in materials if all(facts(m)[n] & v for n, v in where.items())]
    assert payload["total"] == len(expected) > 0
    assert {r["translation_key"] for r in payload["results"]} == {
        str(m.translation_key) for m in expected
    }


def test_counts_are_disjunctive(client):
    """A facet's counts ignore its own selection and apply every other one."""
    materials = english_materials()
    where = {"discipline": {"physics"}, "country": {"DE", "ES"}}
    payload = api(client, lang="en", discipline="physics", country=["DE", "ES"])
    for facet in ("discipline", "age", "country", "type", "licence"):
        expected = expected_counts(materials, facet, where)
        shown = counts(payload, facet)
        for value in where.get(facet, ()):  # selected values show even at zero
            expected.setdefault(value, 0)
        assert shown == expected, facet
    # Clicking another discipline would add exactly its count (OR inside the facet).
    physics_or_maths = api(
        client, lang="en", discipline=["physics", "mathematics"], country=["DE", "ES"]
    )
    assert physics_or_maths["total"] == len(
        [
            m
            for m in materials
            if facts(m)["discipline"] & {"physics", "mathematics"}
            and facts(m)["country"] & {"DE", "ES"}
        ]
    )


def test_zero_count_values_are_hidden_unless_selected(client):
    materials = english_materials()
    disciplines = set().union(*(facts(m)["discipline"] for m in materials))
    country, missing = next(
        (code, disciplines - set().union(*(facts(m)["discipline"] for m in group)))
        for code in sorted({m.country.code for m in materials})
        if (group := [m for m in materials if m.country.code == code])
        and disciplines - set().union(*(facts(m)["discipline"] for m in group))
    )
    absent = sorted(missing)[0]
    payload = api(client, lang="en", country=country)
    assert absent not in counts(payload, "discipline")
    assert 0 not in counts(payload, "discipline").values()

    payload = api(client, lang="en", country=country, discipline=absent)
    assert payload["total"] == 0
    group = next(g for g in payload["facets"] if g["name"] == "discipline")
    assert {"key": absent, "count": 0, "selected": True}.items() <= next(
        v for v in group["values"] if v["key"] == absent
    ).items()


def test_pupil_age_keeps_materials_whose_range_includes_it(client):
    materials = english_materials()
    payload = api(client, lang="en", pupil_age=13)
    assert payload["total"] == len([m for m in materials if m.age_min <= 13 <= m.age_max])
    assert payload["applied"] == {"pupil_age": 13}


def test_labels_follow_the_visitor_language_and_keys_do_not(client):
    english = api(client, lang="en")
    german = api(client, lang="de")
    assert counts(english, "discipline") == counts(german, "discipline")
    labels = {
        v["key"]: v["label"]
        for g in german["facets"]
        if g["name"] == "discipline"
        for v in g["values"]
    }
    assert labels["physics"] == "Physik"
    countries = {
        v["key"]: v["label"]
        for g in german["facets"]
        if g["name"] == "country"
        for v in g["values"]
    }
    assert countries["DE"] == "Deutschland"


def test_every_declared_facet_is_offered(client):
    from search.facets import FACETS

    payload = api(client, lang="en")
    assert [group["name"] for group in payload["facets"]] == [facet.name for facet in FACETS]
    for group in payload["facets"]:
        assert group["values"], f"{group['name']} has no values in the corpus"
