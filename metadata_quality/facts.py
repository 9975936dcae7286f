"""What the scorecard knows of one material version: plain values, no ORM, so every check
is a function of a row and can be tested without a database."""

import json
from dataclasses import dataclass, field
from datetime import datetime

from materials.licences import LICENCES_BY_KEY

ALL_RIGHTS_RESERVED = "all-rights-reserved"


@dataclass
class MaterialFacts:
    page_id: int
    translation_key: str
    locale_id: int
    live: bool
    last_published_at: datetime | None
    title: str = ""
    summary: str = ""
    keywords: str = ""
    authors: str = ""
    commentary_json: str | None = None
    age_min: int | None = None
    age_max: int | None = None
    country: str = ""
    resource_type: str = ""
    audience: str = ""
    licence: str = ""
    original_url: str = ""
    partner_id: int | None = None
    year: int | None = None
    cover_image_id: int | None = None
    access_modes: list = field(default_factory=list)
    accessibility_features: list = field(default_factory=list)
    accessibility_hazards: list = field(default_factory=list)
    accessibility_summary: str = ""
    has_disciplines: bool = False
    has_resource_languages: bool = False
    has_diversity_dimensions: bool = False
    has_files: bool = False

    @property
    def commentary_blocks(self) -> list:
        if not self.commentary_json:
            return []
        try:
            blocks = json.loads(self.commentary_json)
        except ValueError:
            return []
        return blocks if isinstance(blocks, list) else []

    @property
    def has_commentary(self) -> bool:
        return bool(self.commentary_blocks)

    @property
    def images_without_alt_text(self) -> int:
        """Images in the commentary that are neither described nor marked decorative."""
        return sum(1 for block in self.commentary_blocks if is_image_without_alt_text(block))

    @property
    def lacks_accessibility_metadata(self) -> bool:
        """schema.org asks for all three: the access modes, the features and the hazards."""
        return not (
            self.access_modes and self.accessibility_features and self.accessibility_hazards
        )

    @property
    def licence_unclear(self) -> bool:
        """No licence the site knows, or all rights reserved on files the site redistributes:
        either way an editor has to find out what teachers may do with them."""
        if self.licence not in LICENCES_BY_KEY:
            return True
        return self.licence == ALL_RIGHTS_RESERVED and self.has_files


def is_image_without_alt_text(block) -> bool:
    if not isinstance(block, dict) or block.get("type") != "image":
        return False
    value = block.get("value")
    if not isinstance(value, dict):
        return True
    return not value.get("decorative") and not str(value.get("alt_text") or "").strip()
