"""A partner's mapping file: how its repository's words become our vocabulary.

Each partner repository has its own subject headings, language codes and rights
statements. `harvest/mappings/<partner-slug>.toml` (format in docs/editors.md) maps them
to our keys; a value the file does not name is still matched like the import matches a
spreadsheet cell (curation.material_import.vocabulary: keys, and labels in every partner
language). What neither knows is counted as unmapped, per element and value, for the
run's report. The file is checked whole before the first request: a target that names
nothing stops the run with the file's name and the entry.
"""

import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from curation.material_import.vocabulary import Unresolved, Vocabulary, fold
from harvest.options import OptionRefused, parse_ages

DEFAULT_DIRECTORY = Path(__file__).resolve().parent / "mappings"
SECTIONS = ("defaults", "subjects", "languages", "licences", "types", "audiences")
DEFAULT_KEYS = ("resource_type", "audience", "licence", "ages")


def mappings_directory() -> Path:
    return Path(getattr(settings, "HARVEST_MAPPINGS_DIR", DEFAULT_DIRECTORY))


@dataclass
class Mapping:
    """Folded source value -> our keys (an empty list: known, deliberately left out)."""

    path: Path | None
    defaults: dict[str, str] = field(default_factory=dict)
    subjects: dict[str, list[str]] = field(default_factory=dict)
    languages: dict[str, list[str]] = field(default_factory=dict)
    licences: dict[str, list[str]] = field(default_factory=dict)
    types: dict[str, list[str]] = field(default_factory=dict)
    audiences: dict[str, list[str]] = field(default_factory=dict)


def load_mapping(partner_slug: str, vocabulary: Vocabulary) -> Mapping:
    """The partner's file, checked against the vocabulary; an empty mapping without one."""
    path = mappings_directory() / f"{partner_slug}.toml"
    if not path.exists():
        return Mapping(path=None)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise OptionRefused(
            _("The mapping file %(file)s cannot be read: %(error)s")
            % {"file": path.name, "error": error}
        ) from error
    unknown = sorted(set(data) - set(SECTIONS))
    if unknown:
        raise OptionRefused(
            _("The mapping file %(file)s has unknown sections: %(sections)s (known: %(known)s).")
            % {"file": path.name, "sections": ", ".join(unknown), "known": ", ".join(SECTIONS)}
        )
    mapping = Mapping(path=path)
    checks = {
        "subjects": vocabulary.disciplines.resolve,
        "languages": vocabulary.resource_languages.resolve,
        "licences": vocabulary.licence,
        "types": vocabulary.resource_types.resolve,
        "audiences": vocabulary.audiences.resolve,
    }
    for section, resolve in checks.items():
        table = data.get(section, {})
        if not isinstance(table, dict):
            raise _entry_error(path, section, "", _("must be a table of “value” = key."))
        for source, target in table.items():
            targets = [target] if isinstance(target, str) else target
            if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
                raise _entry_error(path, section, source, _("must be a key or a list of keys."))
            for key in targets:
                if key:
                    _check(path, section, source, key, resolve)
            getattr(mapping, section)[fold(source)] = [key for key in targets if key]
    defaults = data.get("defaults", {})
    if not isinstance(defaults, dict):
        raise _entry_error(path, "defaults", "", _("must be a table."))
    for name, value in defaults.items():
        if name not in DEFAULT_KEYS or not isinstance(value, str):
            raise _entry_error(
                path,
                "defaults",
                name,
                _("known defaults: %(keys)s.") % {"keys": ", ".join(DEFAULT_KEYS)},
            )
    default_checks = {
        "resource_type": vocabulary.resource_types.resolve,
        "audience": vocabulary.audiences.resolve,
        "licence": vocabulary.licence,
    }
    for name, resolve in default_checks.items():
        if defaults.get(name):
            _check(path, "defaults", name, defaults[name], resolve)
    if defaults.get("ages"):
        try:
            parse_ages(defaults["ages"])
        except OptionRefused as error:
            raise _entry_error(path, "defaults", "ages", str(error)) from error
    mapping.defaults = {name: value for name, value in defaults.items() if value}
    return mapping


def _check(path: Path, section: str, source: str, key: str, resolve) -> None:
    try:
        resolve(key)
    except Unresolved as error:
        raise _entry_error(path, section, source, str(error)) from error


def _entry_error(path: Path, section: str, entry: str, reason: str) -> OptionRefused:
    where = f"[{section}] “{entry}”" if entry else f"[{section}]"
    return OptionRefused(
        _("The mapping file %(file)s, %(where)s: %(reason)s")
        % {"file": path.name, "where": where, "reason": reason}
    )


def _slug(term) -> str:
    return term.slug


class Mapper:
    """Maps one record's values through the file, then the vocabulary; counts the rest."""

    def __init__(self, mapping: Mapping, vocabulary: Vocabulary):
        self.mapping = mapping
        self.vocabulary = vocabulary
        self.unmapped: dict[str, Counter[str]] = {}

    def note_unmapped(self, element: str, value: str) -> None:
        self.unmapped.setdefault(element, Counter())[value] += 1

    def _map(self, element: str, value: str, table: dict, resolve, key_of) -> list[str] | None:
        """Our keys for one value (the file first, then the vocabulary); None if unknown."""
        mapped = table.get(fold(value))
        if mapped is None:
            try:
                mapped = [key_of(resolve(value))]
            except Unresolved:
                mapped = self._fallback(element, value, resolve, key_of)
        return mapped

    def keys(self, element: str, values: list[str], table: dict, resolve, key_of) -> list[str]:
        """Our keys for `values`, in order and without repeats."""
        found: list[str] = []
        for value in values:
            mapped = self._map(element, value, table, resolve, key_of)
            if mapped is None:
                self.note_unmapped(element, value)
                continue
            found.extend(key for key in mapped if key not in found)
        return found

    def subject_taxa(self, taxa: list[list[str]]) -> list[str]:
        """Disciplines from LOM taxa. A taxon's entries and id are names of one subject: the
        first that maps is taken, and a taxon none of whose names maps is reported once,
        by its first name (its entry in the record's language)."""
        resolve = self.vocabulary.disciplines.resolve
        found: list[str] = []
        for names in taxa:
            for name in names:
                mapped = self._map("subject", name, self.mapping.subjects, resolve, _slug)
                if mapped is not None:
                    found.extend(key for key in mapped if key not in found)
                    break
            else:
                if names:
                    self.note_unmapped("subject", names[0])
        return found

    def _fallback(self, element: str, value: str, resolve, key_of) -> list[str] | None:
        """A language tag with a region ("en-GB", "de_AT") names its language."""
        if element != "language":
            return None
        primary = value.replace("_", "-").split("-")[0]
        if primary == value:
            return None
        mapped = self.mapping.languages.get(fold(primary))
        if mapped is not None:
            return mapped
        try:
            return [key_of(resolve(primary))]
        except Unresolved:
            return None

    def subjects(self, values: list[str]) -> list[str]:
        resolve = self.vocabulary.disciplines.resolve
        return self.keys("subject", values, self.mapping.subjects, resolve, _slug)

    def languages(self, values: list[str]) -> list[str]:
        vocabulary = self.vocabulary
        return self.keys(
            "language", values, self.mapping.languages, vocabulary.resource_languages.resolve,
            lambda term: term.code,
        )  # fmt: skip

    def first_key(self, element: str, values: list[str], table: dict, resolve) -> str:
        """The key of the first value that maps, for a field that holds one: values after it
        are alternatives (LOM gives a repository's own term, then LOMv1.0's) and are not
        reported as unmapped."""
        for value in values:
            keys = self.keys(element, [value], table, resolve, str)
            if keys:
                return keys[0]
        return ""

    def licence(self, values: list[str]) -> str:
        """The first rights statement that names a licence; the file's default otherwise."""
        key = self.first_key("rights", values, self.mapping.licences, self.vocabulary.licence)
        return key or self.mapping.defaults.get("licence", "")

    def resource_type(self, values: list[str]) -> str:
        resolve = self.vocabulary.resource_types.resolve
        key = self.first_key("type", values, self.mapping.types, resolve)
        return key or self.mapping.defaults.get("resource_type", "")

    def audience(self, values: list[str]) -> str:
        """Only LOM says who a material is for; oai_dc records take the file's default."""
        resolve = self.vocabulary.audiences.resolve
        key = self.first_key("audience", values, self.mapping.audiences, resolve)
        return key or self.mapping.defaults.get("audience", "")

    def unmapped_counts(self) -> dict[str, dict[str, int]]:
        """{"subject": {"Quantum stuff": 3}, ...}, most frequent first."""
        return {
            element: dict(counter.most_common())
            for element, counter in sorted(self.unmapped.items())
        }
