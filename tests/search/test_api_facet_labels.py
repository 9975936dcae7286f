"""The JSON API speaks the requested language: facet names and option labels."""

import pytest

from tests import factories
from tests.conftest import shared_data
from tests.search.corpus import discipline

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("physics_material")]


def build_physics_material() -> int:
    """A published English material on physics, a discipline labelled "Physik" in German
    (the existing term where the session seeded the demo)."""
    physics = discipline("physics", "Physics")
    factories.translate_term(physics, "de", name="Physik")
    page = factories.MaterialPageFactory(parent=factories.site_tree().materials)
    page.disciplines = [physics]
    return factories.publish(page).pk


@pytest.fixture(scope="module")
def physics_material(django_db_setup, django_db_blocker):
    """Built once for the module (see `shared_data`)."""
    with shared_data(django_db_blocker, build_physics_material) as pk:
        yield pk


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
