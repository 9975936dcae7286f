"""Every string the code and templates mark for translation has a translation in the
catalogues that cover the whole interface.

test_ui_translations checks the entries a catalogue holds. A string added to a template or a
module after the last `make messages` is in no catalogue at all, so that check cannot see it,
and editors, translators and reviewers read it in English. This test extracts the strings as
`make messages` does (Django's makemessages, which runs GNU gettext's xgettext and msgmerge),
but on a copy of the sources and of the catalogues, so the project's own files are never
rewritten, and fails listing every string a catalogue would get without a translation or with
only makemessages' fuzzy guess (which Django never shows).
"""

import os
import shutil
from pathlib import Path

import polib
import pytest

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

# The catalogues that translate the whole interface, admin screens included: the languages
# whose editors, translators and reviewers work in the admin in their own language. The
# other catalogues cover part of the interface so far.
WHOLE_INTERFACE = ("cs", "de", "el", "nl")
# What `make messages` leaves out, besides what is not a Python package (docs, static,
# locale, node_modules, .venv).
NOT_EXTRACTED = {"tests", "bench"}
SOURCE_SUFFIXES = {".py", ".html", ".txt"}
GETTEXT_TOOLS = ("xgettext", "msguniq", "msgmerge")


def copy_sources(base: Path, copy: Path) -> None:
    """The files makemessages reads (Python and templates) of every app, nothing else."""
    for package in sorted(base.iterdir()):
        if package.name in NOT_EXTRACTED or not (package / "__init__.py").is_file():
            continue
        for path in package.rglob("*"):
            if path.suffix in SOURCE_SUFFIXES and "__pycache__" not in path.parts:
                target = copy / path.relative_to(base)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)


def copy_catalogues(base: Path, copy: Path) -> None:
    for language in WHOLE_INTERFACE:
        source = base / "locale" / language / "LC_MESSAGES" / "django.po"
        target = copy / "locale" / language / "LC_MESSAGES" / "django.po"
        target.parent.mkdir(parents=True)
        shutil.copyfile(source, target)


@pytest.fixture(scope="module")
def gettext_installed():
    """Skip on a developer's machine without GNU gettext; in CI (CI set) fail instead."""
    missing = [tool for tool in GETTEXT_TOOLS if shutil.which(tool) is None]
    if missing:
        reason = f"GNU gettext is not installed (apt-get install gettext): no {', '.join(missing)}"
        if "CI" in os.environ:
            pytest.fail(f"CI must check the extracted strings, but {reason}", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def extracted_catalogues(gettext_installed, tmp_path_factory):
    """The whole-interface catalogues as `make messages` would leave them, in a scratch copy."""
    base = Path(settings.BASE_DIR)
    copy = tmp_path_factory.mktemp("extraction")
    copy_sources(base, copy)
    copy_catalogues(base, copy)
    working_directory = Path.cwd()
    os.chdir(copy)
    try:
        with override_settings(LOCALE_PATHS=[str(copy / "locale")]):
            call_command(
                "makemessages", locale=list(WHOLE_INTERFACE), no_location=True, verbosity=0
            )
    finally:
        os.chdir(working_directory)
    return {
        language: polib.pofile(str(copy / "locale" / language / "LC_MESSAGES" / "django.po"))
        for language in WHOLE_INTERFACE
    }


def describe(entry: polib.POEntry) -> str:
    context = f"[{entry.msgctxt}] " if entry.msgctxt else ""
    return context + entry.msgid


@pytest.mark.parametrize("language", WHOLE_INTERFACE)
def test_every_extracted_string_is_translated(extracted_catalogues, language):
    catalogue = extracted_catalogues[language]
    missing = [describe(entry) for entry in catalogue.untranslated_entries()]
    guessed = [describe(entry) for entry in catalogue.fuzzy_entries()]
    assert not missing + guessed, (
        f"{len(missing)} strings have no {language} translation: {missing}; "
        f"{len(guessed)} have only a fuzzy guess: {guessed}"
    )


def test_the_extraction_finds_the_strings_of_code_and_templates(extracted_catalogues):
    """The copy holds the sources: strings of a module and of a template are extracted."""
    msgids = {entry.msgid for entry in extracted_catalogues["de"] if not entry.obsolete}
    assert "Failed tasks" in msgids  # background/wagtail_hooks.py
    assert "No task has failed." in msgids  # background/templates/background/failed_tasks.html
