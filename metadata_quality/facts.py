"""What the scorecard knows of one material version: plain values, no ORM, so every check
is a function of a row and can be tested without a database."""

import json
from dataclasses import dataclass
from datetime import datetime

from materials.licences import LICENCES_BY_KEY

ALL_RIGHTS_RESERVED = "all-rights-reserved"


@dataclass(slots=True)
class MaterialFacts:
    """The fields after `translation_key` are in metadata_quality.load.COLUMNS' order, so the
    scorecard builds 10,000 of them positionally (and with slots) from query rows."""

    page_id: int
    translation_key: str
    locale_id: int
    live: bool
    last_published_at: datetime | None
    title: str = ""
    summary: str = ""
    keywords: str = ""
    authors: str = ""
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
    accessibility_summary: str = ""
    commentary_json: str | None = None
    has_access_modes: bool = False
    has_accessibility_features: bool = False
    has_accessibility_hazards: bool = False
    has_disciplines: bool = False
    has_resource_languages: bool = False
    has_diversity_dimensions: bool = False
    has_files: bool = False
    has_broken_link: bool = False
    has_pending_duplicate: bool = False

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
        return self.commentary_json not in (None, "", "[]", "null")

    @property
    def images_without_alt_text(self) -> int:
        """Images in the commentary that are neither described nor marked decorative. Most
        commentaries have no image, and their JSON is not decoded."""
        if not self.commentary_json or '"image"' not in self.commentary_json:
            return 0
        return sum(1 for block in self.commentary_blocks() if is_image_without_alt_text(block))

    @property
    def lacks_accessibility_metadata(self) -> bool:
        """schema.org asks for all three: the access modes, the features and the hazards."""
        return not (
            self.has_access_modes
            and self.has_accessibility_features
            and self.has_accessibility_hazards
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
