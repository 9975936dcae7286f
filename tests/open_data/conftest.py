"""The tests here build their own data: one small multilingual repository (see
`tests.open_data.repository`), shared by every module that asks for it.

Every protocol here serialises the same materials, so the repository is built once for the
directory rather than once per module: `shared_data` writes it inside one transaction, each
test runs in a savepoint within it, and the transaction is rolled back after the directory's
last test. The fixture yields primary keys and figures, never live objects.
"""

from collections.abc import Iterator

import pytest

from tests.conftest import shared_data
from tests.open_data import repository as repository_module


@pytest.fixture(scope="package")
def repository(django_db_setup, django_db_blocker) -> Iterator[repository_module.Repository]:
    """Built once for tests/open_data (see `shared_data`)."""
    with shared_data(django_db_blocker, repository_module.build) as built:
        yield built
