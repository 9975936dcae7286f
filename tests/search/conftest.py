"""The search tests build their own data (tests.factories). Most modules search the one
collection `tests.search.corpus` describes, built once per module by `corpus`; the modules
that make their pages test by test share the material indexes they write into
(`material_indexes`)."""

from collections.abc import Iterator

import pytest

from tests.conftest import shared_data
from tests.search.corpus import Corpus, build_corpus
from tests.search.helpers import material_index_in


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker) -> Iterator[Corpus]:
    """The collection of tests/search/corpus.py, built once for the module (`shared_data`):
    primary keys only, so no test sees another's in-memory changes."""
    with shared_data(django_db_blocker, build_corpus) as built:
        yield built


@pytest.fixture(scope="module")
def material_indexes(request, django_db_setup, django_db_blocker) -> Iterator[dict[str, int]]:
    """The material index of each language in the module's MATERIAL_INDEX_LANGUAGES (English
    alone by default), translated once for the module rather than in every test:
    language -> page pk."""
    languages = getattr(request.module, "MATERIAL_INDEX_LANGUAGES", ("en",))

    def build() -> dict[str, int]:
        return {language: material_index_in(language).pk for language in languages}

    with shared_data(django_db_blocker, build) as pks:
        yield pks
