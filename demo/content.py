"""Loads the demo content JSON files (see content/FORMAT.md)."""

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

CONTENT_DIR = Path(__file__).with_name("content")


class DemoContentError(Exception):
    """The demo content files are inconsistent; the message says where."""


@dataclass
class DemoContent:
    directory: Path = CONTENT_DIR

    def _load(self, name: str):
        path = self.directory / name
        try:
            with path.open(encoding="utf-8") as handle:
                return json.load(handle)
        except (OSError, json.JSONDecodeError) as error:
            raise DemoContentError(f"{path}: {error}") from error

    @cached_property
    def taxonomy(self) -> dict:
        return self._load("taxonomy.json")

    @cached_property
    def partners(self) -> list[dict]:
        return self._load("partners.json")

    @cached_property
    def pages(self) -> dict:
        return self._load("pages.json")

    @cached_property
    def materials(self) -> list[dict]:
        materials = []
        for path in sorted(self.directory.glob("materials_*.json")):
            materials.extend(self._load(path.name))
        slugs = [material["slug"] for material in materials]
        duplicates = sorted({slug for slug in slugs if slugs.count(slug) > 1})
        if duplicates:
            raise DemoContentError(f"Duplicate material slugs: {', '.join(duplicates)}")
        return materials

    @cached_property
    def pd_uses(self) -> list[dict]:
        return self._load("pd_uses.json")

    @cached_property
    def catalogues(self) -> list[dict]:
        return self._load("catalogues.json")

    @cached_property
    def reviews(self) -> list[dict]:
        return self._load("reviews.json")

    def translation_languages(self) -> list[str]:
        return sorted(path.stem for path in (self.directory / "translations").glob("*.json"))

    def translations(self, language_code: str) -> dict:
        data = self._load(f"translations/{language_code}.json")
        if not isinstance(data.get("pages"), list) or not isinstance(data.get("strings"), dict):
            raise DemoContentError(f"translations/{language_code}.json needs 'pages' and 'strings'")
        return data
