"""With SEARCH_URL pointing at an Elasticsearch/OpenSearch that is down (a closed local
port) or does not answer in time (a port that accepts and stays silent), the search
page and the material index say so in the visitor's language with a 503, the JSON API
answers 503 with Retry-After, and bad parameters are still a 400. Never a 500."""

import logging

import pytest

from django.test import override_settings
from django.utils import translation

from search.views import unavailable_message
from tests.search.helpers import closed_port, engine_settings, silent_server

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("material_indexes")]

ENGINES = ["opensearch2", "opensearch3", "elasticsearch8"]


@pytest.fixture(params=["down", "timing out"])
def unreachable(request):
    """A port where the engine is down or times out."""
    if request.param == "down":
        yield closed_port()
    else:
        with silent_server() as port:
            yield port


def message_in(language: str) -> str:
    with translation.override(language):
        return unavailable_message()


def test_the_message_is_translated():
    assert message_in("de") != message_in("en")
    assert message_in("el") != message_in("en")


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("url", "language"),
    [("/de/search/?q=energie", "de"), ("/el/search/", "el"), ("/en/materials/?q=robots", "en")],
)
def test_search_page_says_unavailable_with_503(client, caplog, engine, unreachable, url, language):
    backends = engine_settings(engine, unreachable)
    with (
        override_settings(WAGTAILSEARCH_BACKENDS=backends),
        caplog.at_level(logging.WARNING, logger="search.engines.elasticsearch"),
    ):
        response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    page = response.content.decode()
    assert message_in(language) in page
    assert 'name="q"' in page  # the form is still there to try again
    assert "Search engine unavailable" in caplog.text


@pytest.mark.parametrize("engine", ENGINES)
def test_api_answers_503_with_retry_after(client, engine, unreachable):
    with override_settings(WAGTAILSEARCH_BACKENDS=engine_settings(engine, unreachable)):
        response = client.get("/api/search/?lang=fr&q=energie&discipline=physics")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert response.json() == {"errors": {"search": [message_in("fr")]}}


def test_bad_parameters_are_still_a_400(client):
    with override_settings(WAGTAILSEARCH_BACKENDS=engine_settings("opensearch3", closed_port())):
        assert client.get("/en/search/?page=nope").status_code == 400
        assert client.get("/api/search/?lang=en&pupil_age=-4").status_code == 400
