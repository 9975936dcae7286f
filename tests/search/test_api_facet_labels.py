"""The JSON API speaks the requested language: facet names and option labels."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "discipline", "physics"),
    [("en", "Discipline", "Physics"), ("de", "Fach", "Physik"), ("nl", "Vakgebied", None)],
)
def test_facet_labels_come_in_the_requested_language(client, lang, discipline, physics):
    payload = client.get("/api/search/", {"lang": lang}).json()
    facet = next(f for f in payload["facets"] if f["name"] == "discipline")
    assert facet["label"] == discipline
    labels = {option["key"]: option["label"] for option in facet["values"]}
    if physics is not None:
        assert labels["physics"] == physics
    english = client.get("/api/search/", {"lang": "en"}).json()
    english_labels = [f["label"] for f in english["facets"]]
    if lang != "en":
        assert [f["label"] for f in payload["facets"]] != english_labels
