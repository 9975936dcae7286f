"""Harvest tests build the import's vocabulary once per module (tests.factories), read the
test partner's mapping file from tests/harvest/mappings, and talk to a local OAI-PMH
server (oai_server.py) instead of the network."""

from pathlib import Path

import pytest

from tests import factories
from tests.conftest import shared_data
from tests.harvest.oai_server import OAIServer

MAPPINGS = Path(__file__).resolve().parent / "mappings"


@pytest.fixture(scope="module")
def vocabulary(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker, factories.import_vocabulary) as terms:
        yield terms


@pytest.fixture(autouse=True)
def test_mappings(settings):
    settings.HARVEST_MAPPINGS_DIR = MAPPINGS
    settings.HARVEST_TIMEOUT = 2
    settings.HARVEST_ALLOW_PRIVATE_HOSTS = True  # the test repositories run on 127.0.0.1


@pytest.fixture
def oai_server():
    server = OAIServer().start()
    yield server
    server.stop()
