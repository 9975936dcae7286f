"""The values of an IEEE LOM record (IEEE 1484.12.3 XML binding), under oai_dc's names.

`harvest.records` maps a record's values the same way whatever the format; this module
says where LOM keeps each one:
- title, description: general's LangStrings, the string in the record's language first;
- subject: the taxa classified with purpose "discipline", each by its first name (`taxa`
  gives all of a taxon's names, which the mapping tries in turn);
- language: general.language, the languages of the material itself;
- type, audience: educational.learningResourceType and intendedEndUserRole, every value in
  document order, whatever its source (this site writes its own vocabulary's, then LOMv1.0's);
- rights: rights.description; creator: each author's vCard name (`vcard_name`); date:
  lifeCycle dates;
- identifier: general.identifier entries, then technical.location;
- ages: educational.typicalAgeRange ("12-15", "18-").
Repositories differ in the namespace prefix and in whether they give several strings per
LangString; this module only reads, and `harvest.mapping` decides what a value means.
"""

import re
import xml.etree.ElementTree as ET

LOM_NS = "http://ltsc.ieee.org/xsd/LOM"
PREFIX = "lom"
LOM_VOCABULARY = "LOMv1.0"


def _q(path: str) -> str:
    """ "general/title" -> the namespaced ElementTree path."""
    return "/".join(f"{{{LOM_NS}}}{step}" for step in path.split("/"))


def _text(element: ET.Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def is_lom(metadata: ET.Element | None) -> bool:
    return metadata is not None and metadata.tag == f"{{{LOM_NS}}}lom"


def _lang_strings(elements: list[ET.Element], language: str) -> list[str]:
    """The strings of LangStrings, those in `language` first."""
    strings = [s for element in elements for s in element.findall(_q("string"))]
    preferred = [s for s in strings if (s.get("language") or "").split("-")[0] == language]
    rest = [s for s in strings if s not in preferred]
    return [text for text in (_text(s) for s in preferred + rest) if text]


def _vocabulary_values(metadata: ET.Element, path: str) -> list[str]:
    return [
        text for text in (_text(e.find(_q("value"))) for e in metadata.findall(_q(path))) if text
    ]


PROPERTY = re.compile(r"^[A-Za-z][A-Za-z0-9-]*(;[^:]*)?:")
ESCAPED = re.compile(r"\\(.)")
UNSEPARATED = re.compile(r"(?<!\\);")


def _unescape(value: str) -> str:
    """vCard's escapes in one pass: "\\," "\\;" "\\\\" are the character, "\\n" a line break
    (read as a space in a name)."""
    return ESCAPED.sub(lambda m: " " if m.group(1) in "nN" else m.group(1), value).strip()


def _vcard_properties(vcard: str) -> dict[str, str]:
    """{"FN": "...", "N": "..."}: the first of each property, lines unfolded. Repositories
    indent vCards inside pretty-printed XML, so a line is a continuation only when it is
    indented and does not start a property."""
    lines: list[str] = []
    for raw in vcard.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = raw.strip()
        if not stripped:
            continue
        if lines and raw[:1] in (" ", "\t") and not PROPERTY.match(stripped):
            lines[-1] += raw[1:].lstrip() if raw[1:2] in (" ", "\t") else raw[1:]
        else:
            lines.append(stripped)
    properties: dict[str, str] = {}
    for line in lines:
        match = PROPERTY.match(line)
        if match:
            name = match.group(0)[:-1].split(";")[0].upper()
            properties.setdefault(name, line[match.end() :])
    return properties


def vcard_name(vcard: str) -> str:
    """The person's name as our records write names, "Given Family": the FN, unless it holds
    a comma (our author lists are comma- and semicolon-separated), then given and family
    names from N. "" when the vCard names no one."""
    properties = _vcard_properties(vcard)
    full = _unescape(properties.get("FN", ""))
    if full and not {",", ";"} & set(full):
        return full
    parts = [_unescape(part) for part in UNSEPARATED.split(properties.get("N", ""))]
    family, given = (parts + ["", ""])[:2]
    built = " ".join(part for part in (given, family) if part)
    return built or full


def _author_entities(metadata: ET.Element) -> list[str]:
    return [
        entity.text or ""
        for contribute in metadata.findall(_q("lifeCycle/contribute"))
        if _text(contribute.find(_q("role/value"))).lower() == "author"
        for entity in contribute.findall(_q("entity"))
    ]


def record_language(metadata: ET.Element) -> str:
    return _text(metadata.find(_q("metaMetadata/language"))).split("-")[0]


def taxa(metadata: ET.Element | None) -> list[list[str]]:
    """The names of each taxon classified with purpose "discipline": its entries (in the
    record's language first), then its id. Ids are often a thesaurus's codes ("2476"),
    entries its labels; either may be what a mapping file or our vocabulary knows."""
    if not is_lom(metadata):
        return []
    assert metadata is not None
    language = record_language(metadata)
    found = []
    for classification in metadata.findall(_q("classification")):
        if _text(classification.find(_q("purpose/value"))).lower() != "discipline":
            continue
        for taxon in classification.iter(_q("taxon")):
            names = [*_lang_strings(taxon.findall(_q("entry")), language)]
            names.append(_text(taxon.find(_q("id"))))
            names = [name for name in dict.fromkeys(names) if name]
            if names:
                found.append(names)
    return found


def lom_values(metadata: ET.Element | None) -> dict[str, list[str]]:
    """{"title": [...], "subject": [...], ...}: stripped, non-empty, in document order."""
    if not is_lom(metadata):
        return {}
    assert metadata is not None
    language = record_language(metadata)
    values = {
        "title": _lang_strings(metadata.findall(_q("general/title")), language)[:1],
        "description": _lang_strings(metadata.findall(_q("general/description")), language),
        "subject": [names[0] for names in taxa(metadata)],
        "language": [_text(e) for e in metadata.findall(_q("general/language"))],
        "type": _vocabulary_values(metadata, "educational/learningResourceType"),
        "audience": _vocabulary_values(metadata, "educational/intendedEndUserRole"),
        "rights": _lang_strings(metadata.findall(_q("rights/description")), language),
        "creator": [vcard_name(entity) for entity in _author_entities(metadata)],
        # Author entities that name no one, for the run's report of unmapped values.
        "unreadable_creator": [
            " ".join(entity.split())[:80]
            for entity in _author_entities(metadata)
            if not vcard_name(entity)
        ],
        "date": [_text(e) for e in metadata.findall(_q("lifeCycle/contribute/date/dateTime"))],
        "identifier": [
            *(_text(e) for e in metadata.findall(_q("general/identifier/entry"))),
            *(_text(e) for e in metadata.findall(_q("technical/location"))),
        ],
        "ages": _lang_strings(metadata.findall(_q("educational/typicalAgeRange")), language),
    }
    return {name: [v for v in found if v] for name, found in values.items() if any(found)}
