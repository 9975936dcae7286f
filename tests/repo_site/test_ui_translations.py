"""Every interface string is translated, unfuzzy and keeps its placeholders, in every catalogue."""

import re
from pathlib import Path

import polib
import pytest

from django.conf import settings

CATALOGUES = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.po"))
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def test_a_catalogue_exists_for_every_translated_site_language():
    languages = {path.parts[-3] for path in CATALOGUES}
    assert languages == {code for code, _name in settings.LANGUAGES} - {settings.LANGUAGE_CODE}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parts[-3])
def test_catalogue_is_complete(path):
    catalogue = polib.pofile(str(path))
    assert not [entry.msgid for entry in catalogue.untranslated_entries()]
    assert not [entry.msgid for entry in catalogue.fuzzy_entries()]
    for entry in catalogue.translated_entries():
        expected = set(PLACEHOLDER.findall(entry.msgid + entry.msgid_plural))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            assert set(PLACEHOLDER.findall(translation)) <= expected, entry.msgid
            if not entry.msgid_plural:
                assert set(PLACEHOLDER.findall(translation)) == expected, entry.msgid
