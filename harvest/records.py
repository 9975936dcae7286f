"""One harvested record (oai_dc or LOM) -> the import's row, or the reason it cannot be one.

The harvest writes through the spreadsheet import (curation.material_import): a record
becomes a `Row` with the import's columns, and the import's own checks and writes do the
rest. Both formats are read into the same named values (`harvest.dublin_core`,
`harvest.lom`), so they map the same way. What the record does not say comes from the
command (partner, country, ages) or from the partner's mapping file's defaults (resource
type, audience, licence, ages). Only LOM gives an age range and an audience; a record's own
age range wins over --ages, which fills in records without one.
"""

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from curation.material_import.parse import REQUIRED_COLUMNS, Row
from curation.material_import.rows import LIST_SEPARATOR
from harvest import dublin_core, lom
from harvest.mapping import Mapper
from harvest.oai import OAIRecord
from harvest.options import HarvestOptions, OptionRefused, parse_ages
from materials.age_bands import MAX_AGE
from materials.models import MaterialPage
from materials.models.material import SUMMARY_MAX_LENGTH

SOURCE_PREFIX = "oai:"
SOURCE_ID_MAX = 200
AUTHORS_MAX = 300


@dataclass(frozen=True)
class RecordRefusal:
    identifier: str
    field: str
    reason: str

    def as_dict(self) -> dict:
        return {"identifier": self.identifier, "field": self.field, "reason": self.reason}


def source_id(identifier: str) -> str:
    """The import's key for a harvested record: namespaced, so it never meets a
    spreadsheet's own source_id."""
    return f"{SOURCE_PREFIX}{identifier}"


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word with an ellipsis: repositories' abstracts
    are often longer than the summary a card shows."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return f"{cut}…"


def person_name(name: str) -> str:
    """A name as our author lists hold them, which commas and semicolons separate:
    "Family, Given" (as library catalogues write it) becomes "Given Family"."""
    parts = [part.strip() for part in name.replace(";", ",").split(",") if part.strip()]
    if len(parts) == 2:
        return f"{parts[1]} {parts[0]}"
    return " ".join(parts)


def authors(creators: list[str]) -> str:
    kept: list[str] = []
    for creator in filter(None, map(person_name, creators)):
        if len("; ".join([*kept, creator, "et al."])) > AUTHORS_MAX:
            return "; ".join([*kept, "et al."])
        kept.append(creator)
    return "; ".join(kept)


def original_url(identifiers: list[str], mapper: Mapper) -> str:
    """The landing page, when it is a URL the page would accept. The field is optional, so
    an unusable one is reported as unmapped instead of refusing the record."""
    url = dublin_core.first_url(identifiers)
    if not url:
        return ""
    try:
        URLValidator()(url)
        if len(url) > MaterialPage._meta.get_field("original_url").max_length:
            raise ValidationError("too long")
    except ValidationError:
        mapper.note_unmapped("identifier", url)
        return ""
    return url


@dataclass(frozen=True)
class Reader:
    matches: Callable[[ET.Element | None], bool]
    values: Callable[[ET.Element | None], dict[str, list[str]]]


READERS = {
    dublin_core.PREFIX: Reader(dublin_core.is_oai_dc, dublin_core.dc_values),
    lom.PREFIX: Reader(lom.is_lom, lom.lom_values),
}


def record_ages(values: list[str], mapper: Mapper) -> tuple[int, int] | None:
    """The first age range a record gives that reads as one: "12-15", "18-" (and older),
    "7"; others are reported as unmapped."""
    for value in values:
        text = value.strip()
        if text.endswith(("-", "–")):
            text = f"{text[:-1]}-{MAX_AGE}"
        elif text.isdigit():
            text = f"{text}-{text}"
        try:
            return parse_ages(text)
        except OptionRefused:
            mapper.note_unmapped("ages", value)
    return None


def record_row(
    record: OAIRecord, number: int, options: HarvestOptions, mapper: Mapper
) -> Row | RecordRefusal:
    identifier = record.identifier
    if len(source_id(identifier)) > SOURCE_ID_MAX:
        return RecordRefusal(
            identifier,
            "identifier",
            _("longer than %(max)d characters.") % {"max": SOURCE_ID_MAX - len(SOURCE_PREFIX)},
        )
    read = READERS[options.metadata_prefix]
    if not read.matches(record.metadata):
        return RecordRefusal(
            identifier,
            "metadata",
            _("the record has no %(prefix)s metadata.") % {"prefix": options.metadata_prefix},
        )
    dc = read.values(record.metadata)
    for entity in dc.get("unreadable_creator", []):
        mapper.note_unmapped("creator", entity)
    if options.metadata_prefix == lom.PREFIX:
        disciplines = mapper.subject_taxa(lom.taxa(record.metadata))
    else:
        disciplines = mapper.subjects(dc.get("subject", []))
    languages = mapper.languages(dc.get("language", []))
    licence = mapper.licence(dc.get("rights", []))
    resource_type = mapper.resource_type(dc.get("type", []))
    if not disciplines:
        return RecordRefusal(
            identifier,
            "subject",
            _("no subject maps to a discipline (it has: %(values)s).")
            % {"values": "; ".join(dc.get("subject", [])) or "—"},
        )
    if not languages:
        return RecordRefusal(
            identifier,
            "language",
            _("no language maps to a resource language (it has: %(values)s).")
            % {"values": "; ".join(dc.get("language", [])) or "—"},
        )
    ages = record_ages(dc.get("ages", []), mapper) or options.ages
    if ages is None and mapper.mapping.defaults.get("ages"):
        ages = parse_ages(mapper.mapping.defaults["ages"])
    values = dict.fromkeys(REQUIRED_COLUMNS, "")
    values.update(
        source_id=source_id(identifier),
        title=(dc.get("title") or [""])[0],
        summary=shorten((dc.get("description") or [""])[0], SUMMARY_MAX_LENGTH),
        disciplines=LIST_SEPARATOR.join(disciplines),
        age_min=str(ages[0]) if ages else "",
        age_max=str(ages[1]) if ages else "",
        country=options.country,
        resource_languages=LIST_SEPARATOR.join(languages),
        resource_type=resource_type,
        audience=mapper.audience(dc.get("audience", [])),
        licence=licence,
        original_url=original_url(dc.get("identifier", []), mapper),
        authors=authors(dc.get("creator", [])),
        year=dublin_core.year(dc.get("date", [])),
        partner=options.partner,
    )
    return Row(number=number, values=values)
