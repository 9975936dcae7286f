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
    physics = DisciplineFactory(slug="physics", name="Physics", sort_order=2)
    biology = DisciplineFactory(slug="biology", name="Biology", sort_order=3)
    chemistry = DisciplineFactory(slug="chemistry", name="Chemistry", sort_order=1)
    page = MaterialPageFactory(parent=material_index, title="Zorbulat cells")
    page.disciplines = [biology, physics, chemistry]
    page.resource_languages = [resource_language("fr", "French"), resource_language("de", "German")]
    page = publish(page)
    for term, name in ((physics, "Physik"), (biology, "Biologie"), (chemistry, "Chemie")):
        translate_term(term, "de", name=name)
    translate_term(resource_language("de", "German"), "de", name="Deutsch")
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
        ("chemistry", "Chemistry"),
        ("physics", "Physics"),
        ("biology", "Biology"),
    ]
    assert meta.endswith("French, German")

    disciplines, meta = card_terms(client, "de")
    assert disciplines == [("chemistry", "Chemie"), ("physics", "Physik"), ("biology", "Biologie")]
    assert meta.endswith("French, Deutsch")  # in one order everywhere: by the source names


def test_the_api_cards_carry_the_same_terms(client, material):
    result = api(client, q="zorbulat", lang="de")["results"][0]
    assert [term["label"] for term in result["disciplines"]] == ["Chemie", "Physik", "Biologie"]
