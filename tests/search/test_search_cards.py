"""Search cards label their disciplines and resource languages from the search vocabulary,
in the taxonomy's display order, in the visitor's language, on the page and in the API."""

import pytest
from bs4 import BeautifulSoup

from materials.models import MaterialPage
from tests.factories import (
    DisciplineFactory,
    MaterialPageFactory,
    publish,
    resource_language,
    translate_page,
    translate_term,
)
from tests.search.helpers import api

pytestmark = pytest.mark.django_db


@pytest.fixture
def material(material_index):
    """An English material (also in German) with three disciplines linked in an order
    other than their sort order, and two resource languages."""
    # slugs of their own: the demo content, seeded in CI, has the usual disciplines
    physics = DisciplineFactory(slug="zq-physics", name="Physics", sort_order=2)
    biology = DisciplineFactory(slug="zq-biology", name="Biology", sort_order=3)
    chemistry = DisciplineFactory(slug="zq-chemistry", name="Chemistry", sort_order=1)
    page = MaterialPageFactory(parent=material_index, title="Zorbulat cells")
    page.disciplines = [biology, physics, chemistry]
    gaelic, cornish = resource_language("gd", "Gaelic"), resource_language("kw", "Cornish")
    page.resource_languages = [gaelic, cornish]
    page = publish(page)
    for term, name in ((physics, "Physik"), (biology, "Biologie"), (chemistry, "Chemie")):
        translate_term(term, "de", name=name)
    translate_term(gaelic, "de", name="Gälisch")
    translate_page(page, "de")
    return MaterialPage.objects.get(pk=page.pk)


def card_terms(client, language: str) -> tuple[list, str]:
    response = client.get(f"/{language}/search/", {"q": "zorbulat"})
    assert response.status_code == 200
    card = BeautifulSoup(response.content, "html.parser").select_one("article.card")
    disciplines = [
        (span["data-discipline"], span.get_text()) for span in card.select("span.discipline")
    ]
    return disciplines, card.select_one(".card__meta").get_text(" ", strip=True)


def test_cards_show_terms_in_display_order_with_the_visitors_labels(client, material):
    disciplines, meta = card_terms(client, "en")
    assert disciplines == [
        ("zq-chemistry", "Chemistry"),
        ("zq-physics", "Physics"),
        ("zq-biology", "Biology"),
    ]
    assert meta.endswith("Cornish, Gaelic")

    disciplines, meta = card_terms(client, "de")
    assert disciplines == [
        ("zq-chemistry", "Chemie"),
        ("zq-physics", "Physik"),
        ("zq-biology", "Biologie"),
    ]
    assert meta.endswith("Cornish, Gälisch")  # in one order everywhere: by the source names


def test_the_api_cards_carry_the_same_terms(client, material):
    result = api(client, q="zorbulat", lang="de")["results"][0]
    assert [term["label"] for term in result["disciplines"]] == ["Chemie", "Physik", "Biologie"]
