"""The tests here import against a vocabulary they build with `tests.factories`, once per
module (see `shared_data`)."""

import pytest

from tests import factories
from tests.conftest import shared_data


@pytest.fixture(scope="module", autouse=True)
def vocabulary(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker, factories.import_vocabulary) as terms:
        yield terms
