"""The mapping files kept in the repository (harvest/mappings/) name partners that exist
in the demo and only keys its vocabulary has; a typo would otherwise surface only when a
harvest of that partner fails."""

import pytest

from wagtail.models import Locale

from curation.material_import.vocabulary import Vocabulary
from harvest.mapping import DEFAULT_DIRECTORY, load_mapping
from materials.models import Partner

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

FILES = sorted(DEFAULT_DIRECTORY.glob("*.toml"))


def test_there_is_a_mapping_file_to_learn_from():
    assert FILES


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_a_kept_mapping_file_loads_against_the_demo_vocabulary(settings, path):
    settings.HARVEST_MAPPINGS_DIR = DEFAULT_DIRECTORY
    assert Partner.objects.filter(slug=path.stem, locale=Locale.get_default()).exists()
    mapping = load_mapping(path.stem, Vocabulary())
    assert mapping.path == path
    assert mapping.subjects and mapping.defaults
