"""lom: an IEEE LOM v1.0 record (IEEE 1484.12.3 XML binding) from a MaterialRecord.

Like oai_dc, it reads only MaterialRecord fields, so one mapping fix reaches every format.
LOM says more than Dublin Core, and a harvester can read back what oai_dc loses: the
resource languages (general.language; the record's own language is metaMetadata.language),
the age range (educational.typicalAgeRange, "12-15" or "18-" for "and older"), the audience
and the resource type, the disciplines as a classification, the learning time.

Where LOM's own vocabulary (source "LOMv1.0") has a value for ours, both are written, ours
first: a generic LOM harvester understands "simulation" or "teacher", and a harvester that
knows this site's vocabulary gets the exact key. Our vocabularies are named by sources in
the repository's OAI namespace ("oai:<repository>:resource-type").
"""

import xml.etree.ElementTree as ET
from decimal import Decimal

from django.conf import settings

from materials.age_bands import MAX_AGE
from materials.record import MaterialRecord, Term
from open_data.oai.dublin_core import mime_type
from open_data.oai.envelope import SCHEMA_LOCATION, add

PREFIX = "lom"
LOM_NS = "http://ltsc.ieee.org/xsd/LOM"
LOM_SCHEMA = "http://ltsc.ieee.org/xsd/lomv1.0/lom.xsd"
LOM_VOCABULARY = "LOMv1.0"
NO_LANGUAGE = "x-none"

ET.register_namespace("lom", LOM_NS)

# Our resource types and audiences where LOM v1.0's vocabularies have an equivalent.
LOM_RESOURCE_TYPES = {
    "simulation": "simulation",
    "assessment": "exam",
    "handbook": "narrative text",
    "research-summary": "narrative text",
}
LOM_ROLES = {
    "pre-service": "learner",
    "in-service": "teacher",
    "teacher-educators": "teacher",
    "school-leaders": "manager",
}
# ISCED 2011 levels (as MaterialRecord.isced_levels gives them) are a second taxonomy.
ISCED_SOURCE = "ISCED 2011"
# Licences that waive copyright: LOM's copyrightAndOtherRestrictions is "no" for them.
NO_RESTRICTIONS = frozenset({"cc0"})
# The data model's smallest permitted maxima: what every LOM consumer must accept.
MAX_KEYWORDS = 10
MAX_LOCATIONS = 10
MAX_AUTHORS = 30


def vocabulary_source(name: str) -> str:
    """The source of one of this site's vocabularies, in the repository's namespace."""
    return f"oai:{settings.OAI_REPOSITORY_IDENTIFIER}:{name}"


def lom(record: MaterialRecord, identifier: str) -> ET.Element:
    """<lom> for one record, in the record's language; `identifier` is its OAI identifier."""
    root = ET.Element(f"{{{LOM_NS}}}lom", {SCHEMA_LOCATION: f"{LOM_NS} {LOM_SCHEMA}"})
    _general(root, record)
    _life_cycle(root, record)
    _meta_metadata(root, record, identifier)
    _technical(root, record)
    _educational(root, record)
    _rights(root, record)
    for version in record.translations:
        # The version it was translated from, or one translated from it (or a sibling).
        is_source = record.source is not None and version.url == record.source.url
        kind = "isversionof" if is_source else "hasversion"
        _relation(root, kind, version.url, version.title, version.language)
    _classification(
        root, "discipline", vocabulary_source("discipline"), record.disciplines, record.language
    )
    isced = tuple(Term(key=level, label=level) for level in record.isced_levels)
    _classification(root, "educational level", ISCED_SOURCE, isced, NO_LANGUAGE)
    return root


def _el(parent: ET.Element, name: str, text: str | None = None, **attributes) -> ET.Element:
    return add(parent, f"{{{LOM_NS}}}{name}", text, **attributes)


def _lang_string(parent: ET.Element, name: str, *strings: tuple[str, str]) -> ET.Element:
    """A LangString: one <string language=…> per (text, language), empty texts left out."""
    element = _el(parent, name)
    for text, language in strings:
        if text:
            _el(element, "string", text, language=language)
    return element


def _vocabulary(parent: ET.Element, name: str, value: str, source: str = LOM_VOCABULARY) -> None:
    element = _el(parent, name)
    _el(element, "source", source)
    _el(element, "value", value)


def _identifier(parent: ET.Element, catalog: str, entry: str) -> None:
    element = _el(parent, "identifier")
    _el(element, "catalog", catalog)
    _el(element, "entry", entry)


def vcard(name: str, *, organisation: bool = False) -> str:
    """A vCard 3.0 for a contributor, as LOM's entity requires (FN and N are mandatory)."""
    value = name.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"N:{value};;;;", f"FN:{value}"]
    if organisation:
        lines.append(f"ORG:{value}")
    lines.append("END:VCARD")
    return "\n".join(lines)


def _general(root: ET.Element, record: MaterialRecord) -> None:
    general = _el(root, "general")
    _identifier(general, "URI", record.url)
    _lang_string(general, "title", (record.title, record.language))
    for language in record.resource_languages:
        _el(general, "language", language.key)
    _lang_string(general, "description", (record.description, record.language))
    for keyword in record.keywords[:MAX_KEYWORDS]:
        _lang_string(general, "keyword", (keyword, record.language))
    _lang_string(general, "coverage", (record.country.label, record.language))


def _life_cycle(root: ET.Element, record: MaterialRecord) -> None:
    """The authors, with the year the material was made; the year alone when no author is
    named (a contribution's entity is optional, its role is not)."""
    if not record.authors and not record.year:
        return
    life_cycle = _el(root, "lifeCycle")
    for author in record.authors[:MAX_AUTHORS] or ("",):
        contribute = _el(life_cycle, "contribute")
        _vocabulary(contribute, "role", "author")
        if author:
            _el(contribute, "entity", vcard(author))
        if record.year:
            _el(_el(contribute, "date"), "dateTime", str(record.year))


def _meta_metadata(root: ET.Element, record: MaterialRecord, identifier: str) -> None:
    """The record itself: its OAI identifier, and the partner who selected and described
    the material as the metadata's creator."""
    meta = _el(root, "metaMetadata")
    _identifier(meta, vocabulary_source("record"), identifier)
    if record.publisher:
        contribute = _el(meta, "contribute")
        _vocabulary(contribute, "role", "creator")
        _el(contribute, "entity", vcard(record.publisher.name, organisation=True))
        if record.date_modified or record.date_published:
            moment = record.date_modified or record.date_published
            _el(_el(contribute, "date"), "dateTime", moment.date().isoformat())
    _el(meta, "metadataSchema", LOM_VOCABULARY)
    _el(meta, "language", record.language)


def _technical(root: ET.Element, record: MaterialRecord) -> None:
    technical = _el(root, "technical")
    for file_type in dict.fromkeys(mime_type(file.file_format) for file in record.files):
        _el(technical, "format", file_type)
    _el(technical, "location", record.url)
    for file in record.files[: MAX_LOCATIONS - 1]:
        _el(technical, "location", file.url)


def age_range(age_min: int, age_max: int) -> str:
    """LOM's recommended form: "12-15", "18-" for "and older", "7" for one age."""
    if age_max >= MAX_AGE:
        return f"{age_min}-"
    if age_min == age_max:
        return str(age_min)
    return f"{age_min}-{age_max}"


def learning_time(hours: Decimal) -> str:
    """An ISO 8601 duration in whole hours and minutes ("PT1H30M")."""
    minutes = int((hours * 60).to_integral_value())
    whole, rest = divmod(minutes, 60)
    return "PT" + (f"{whole}H" if whole else "") + (f"{rest}M" if rest or not whole else "")


def _educational(root: ET.Element, record: MaterialRecord) -> None:
    educational = _el(root, "educational")
    _vocabulary(
        educational,
        "learningResourceType",
        record.resource_type.key,
        vocabulary_source("resource-type"),
    )
    lom_type = LOM_RESOURCE_TYPES.get(record.resource_type.key)
    if lom_type:
        _vocabulary(educational, "learningResourceType", lom_type)
    _vocabulary(
        educational, "intendedEndUserRole", record.audience.key, vocabulary_source("audience")
    )
    lom_role = LOM_ROLES.get(record.audience.key)
    if lom_role:
        _vocabulary(educational, "intendedEndUserRole", lom_role)
    _lang_string(
        educational, "typicalAgeRange", (age_range(record.age_min, record.age_max), NO_LANGUAGE)
    )
    if record.duration_hours:
        time = _el(educational, "typicalLearningTime")
        _el(time, "duration", learning_time(record.duration_hours))
    # 5.11: the language of the typical intended user, the reader of this version.
    _el(educational, "language", record.language)


def _rights(root: ET.Element, record: MaterialRecord) -> None:
    """Free of cost; a licence's deed URL, or its name when it has none."""
    rights = _el(root, "rights")
    _vocabulary(rights, "cost", "no")
    restricted = "no" if record.licence.key in NO_RESTRICTIONS else "yes"
    _vocabulary(rights, "copyrightAndOtherRestrictions", restricted)
    if record.licence.url:
        _lang_string(rights, "description", (record.licence.url, NO_LANGUAGE))
    else:
        _lang_string(rights, "description", (str(record.licence.name), record.language))


def _relation(root: ET.Element, kind: str, url: str, title: str, language: str) -> None:
    relation = _el(root, "relation")
    _vocabulary(relation, "kind", kind)
    resource = _el(relation, "resource")
    _identifier(resource, "URI", url)
    _lang_string(resource, "description", (title, language))


def _classification(
    root: ET.Element, purpose: str, source: str, terms: tuple[Term, ...], language: str
) -> None:
    """One classification per purpose; one taxon path per term (our taxonomies are flat:
    taxa in one path would read as a hierarchy)."""
    if not terms:
        return
    classification = _el(root, "classification")
    _vocabulary(classification, "purpose", purpose)
    for term in terms:
        path = _el(classification, "taxonPath")
        _lang_string(path, "source", (source, NO_LANGUAGE))
        taxon = _el(path, "taxon")
        _el(taxon, "id", term.key)
        _lang_string(taxon, "entry", (term.label, language))
