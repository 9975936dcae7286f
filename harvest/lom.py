"""The values of an IEEE LOM record (IEEE 1484.12.3 XML binding), under oai_dc's names.

`harvest.records` maps a record's values the same way whatever the format; this module
says where LOM keeps each one:
- title, description: general's LangStrings, the string in the record's language first;
- subject: the taxa classified with purpose "discipline", each by its first name (`taxa`
  gives all of a taxon's names, which the mapping tries in turn);
- language: general.language, the languages of the material itself;
- type, audience: educational.learningResourceType and intendedEndUserRole, every source's
  value in document order (a repository's own vocabulary first, then LOMv1.0's);
- rights: rights.description; creator: the FN of each author's vCard; date: lifeCycle dates;
- identifier: general.identifier entries, then technical.location;
- ages: educational.typicalAgeRange ("12-15", "18-").
Repositories differ in the namespace prefix and in whether they give several strings per
LangString; this module only reads, and `harvest.mapping` decides what a value means.
"""

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


def vcard_name(vcard: str) -> str:
    """The FN of a vCard (unfolded and unescaped), or its N when it has no FN."""
    unfolded = vcard.replace("\r\n ", "").replace("\n ", "").replace("\r\n\t", "")
    fields: dict[str, str] = {}
    for line in unfolded.splitlines():
        name, _, value = line.partition(":")
        fields.setdefault(name.split(";")[0].strip().upper(), value.strip())
    name = fields.get("FN") or fields.get("N", "").split(";")[0]
    return name.replace("\\,", ",").replace("\\;", ";").replace("\\n", " ").replace("\\\\", "\\")


def _authors(metadata: ET.Element) -> list[str]:
    names = []
    for contribute in metadata.findall(_q("lifeCycle/contribute")):
        role = _text(contribute.find(_q("role/value"))).lower()
        if role != "author":
            continue
        for entity in contribute.findall(_q("entity")):
            name = vcard_name(entity.text or "")
            if name:
                names.append(name)
    return names


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
        "creator": _authors(metadata),
        "date": [_text(e) for e in metadata.findall(_q("lifeCycle/contribute/date/dateTime"))],
        "identifier": [
            *(_text(e) for e in metadata.findall(_q("general/identifier/entry"))),
            *(_text(e) for e in metadata.findall(_q("technical/location"))),
        ],
        "ages": _lang_strings(metadata.findall(_q("educational/typicalAgeRange")), language),
    }
    return {name: [v for v in found if v] for name, found in values.items() if any(found)}
