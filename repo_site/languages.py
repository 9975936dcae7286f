"""The partner languages, read once from the versioned partner_languages.toml.

Settings (LANGUAGES, WAGTAIL_CONTENT_LANGUAGES) and the demo seed both come
from this one file, so adding a partner language is a one-line change.
"""

import tomllib
from pathlib import Path

CONFIG_PATH = Path(__file__).with_name("partner_languages.toml")


def load_languages(path: Path = CONFIG_PATH) -> list[tuple[str, str]]:
    """Return (code, endonym) pairs, source language first."""
    with path.open("rb") as config:
        data = tomllib.load(config)
    languages = [(entry["code"], entry["name"]) for entry in data["languages"]]
    if not languages:
        raise ValueError(f"{path} lists no language")
    return languages


PARTNER_LANGUAGES = load_languages()
SOURCE_LANGUAGE = PARTNER_LANGUAGES[0][0]
