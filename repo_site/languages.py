"""The partner languages, read once from the versioned partner_languages.toml.

Settings (LANGUAGES, WAGTAIL_CONTENT_LANGUAGES) and the demo seed both come
from this one file, so adding a partner language is a one-line change.
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

CONFIG_PATH = Path(__file__).with_name("partner_languages.toml")


@dataclass(frozen=True)
class PartnerLanguage:
    code: str
    name: str  # endonym, for visitors
    english_name: str  # for the admin's team names


def load_partner_languages(path: Path = CONFIG_PATH) -> tuple[PartnerLanguage, ...]:
    """The configured languages, source language first."""
    with path.open("rb") as config:
        data = tomllib.load(config)
    languages = tuple(
        PartnerLanguage(entry["code"], entry["name"], entry.get("english_name", entry["name"]))
        for entry in data.get("languages", [])
    )
    if not languages:
        raise ValueError(f"{path} lists no language")
    codes = [language.code for language in languages]
    if len(set(codes)) != len(codes):
        raise ValueError(f"{path} lists a language twice")
    return languages


def load_languages(path: Path = CONFIG_PATH) -> list[tuple[str, str]]:
    """(code, endonym) pairs, source language first: the shape of settings.LANGUAGES."""
    return [(language.code, language.name) for language in load_partner_languages(path)]


PARTNER_LANGUAGES = load_languages()
SOURCE_LANGUAGE = PARTNER_LANGUAGES[0][0]
