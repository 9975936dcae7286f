"""One JSON shape per concept: a material in /api/search/ and in /api/v2/ agree, key by key."""

import pytest

# The materials are tests/open_data/repository.py's: physics is taught in every language.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("repository")]

SHARED_FIELDS = [
    "description",
    "age_range",
    "age_bands",
    "disciplines",
    "resource_languages",
    "resource_type",
    "audience",
    "accessibility_features",
    "accessibility_hazards",
    "country",
    "licence",
]


@pytest.mark.parametrize("language", ["en", "de"])
def test_search_results_and_the_pages_api_serialise_a_material_alike(client, language):
    results = client.get("/api/search/", {"lang": language}).json()["results"]
    card = next(result for result in results if result["language"] == language)
    page = client.get(f"/api/v2/pages/{card['id']}/", {"fields": ",".join(SHARED_FIELDS)}).json()
    assert page["meta"]["locale"] == language
    assert card["title"] == page["title"]
    assert card["url"] == page["meta"]["html_url"]
    for name in SHARED_FIELDS:
        assert card[name] == page[name], name


def test_a_term_is_a_key_and_a_label_everywhere(client):
    payload = client.get("/api/search/", {"lang": "de", "discipline": "physics"}).json()
    card = payload["results"][0]
    terms = [*card["disciplines"], *card["resource_languages"], *card["age_bands"]]
    terms += [card["country"], card["resource_type"], card["audience"]]
    assert all(set(term) == {"key", "label"} for term in terms)
    facet_values = [value for facet in payload["facets"] for value in facet["values"]]
    assert facet_values
    assert all({"key", "label"} <= set(value) for value in facet_values)
    assert set(card["licence"]) == {"key", "name", "url"}
