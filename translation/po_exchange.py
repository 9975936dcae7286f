"""One PO file per language, for partners who translate offline or through an agency.

wagtail-localize exchanges PO files one page at a time; a partner with forty pages to
translate wants one file. An export holds every pending string segment of every enabled
Translation into the language; its msgctxt is "<translation uuid>:<context path>", so each
entry names the Translation it belongs to; with the msgid (a rich-text field has one segment
per paragraph, all in one context) it names exactly one segment, even when pages share a
string. An import checks the whole file before it writes anything, skips (and counts)
entries it cannot trust, and stores the rest as manual StringTranslations. It never
publishes and never deletes: the language's reviewers take it from there.
"""

import re
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import polib

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import override

from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from translation.po_text import ControlCharacterError, check_no_control_characters

LANGUAGE_HEADER = "X-StemMaterials-Language"
PAGE_LEVEL_HEADER = "X-WagtailLocalize-TranslationID"
TOOL_NAME = "PO file (language export)"

# Reasons an entry is skipped on import, in the order the summary lists them.
UNKNOWN_TRANSLATION = "unknown translation (msgctxt names no Translation of this site)"
OTHER_LANGUAGE = "Translation into another language"
DISABLED_TRANSLATION = "Translation disabled since the export"
SOURCE_CHANGED = "source changed since the export (msgid no longer matches)"
EMPTY = "empty msgstr"
FUZZY = "fuzzy"
OBSOLETE = "obsolete entry"
SKIP_REASONS = (
    UNKNOWN_TRANSLATION,
    OTHER_LANGUAGE,
    DISABLED_TRANSLATION,
    FUZZY,
    EMPTY,
    SOURCE_CHANGED,
    OBSOLETE,
)


class POExchangeError(Exception):
    """The file as a whole cannot be imported; nothing has been written."""


def get_locale(language_code: str) -> Locale:
    try:
        return Locale.objects.get(language_code=language_code)
    except Locale.DoesNotExist:
        known = ", ".join(
            Locale.objects.order_by("language_code").values_list("language_code", flat=True)
        )
        raise POExchangeError(
            f"No locale '{language_code}' on this site (known: {known})."
        ) from None


def site_name() -> str:
    """In the source language, whatever language the caller has active (the name is lazy)."""
    with override(settings.LANGUAGE_CODE):
        return str(getattr(settings, "WAGTAIL_SITE_NAME", "Wagtail site"))


def msgctxt_for(translation: Translation, context_path: str) -> str:
    return f"{translation.uuid}:{context_path}"


def split_msgctxt(msgctxt: str | None) -> tuple[uuid.UUID, str] | None:
    if not msgctxt or ":" not in msgctxt:
        return None
    translation_id, _, path = msgctxt.partition(":")
    try:
        return uuid.UUID(translation_id), path
    except ValueError:
        return None


# ---------------------------------------------------------------------------- export


def export_po(locale: Locale, include_translated: bool = False) -> polib.POFile:
    """Every pending string segment of every enabled Translation into `locale`.

    With `include_translated`, segments already translated come too, with their msgstr,
    so an agency can revise them.
    """
    po = polib.POFile(wrapwidth=0)
    po.header = (
        f"{site_name()}: {'all' if include_translated else 'pending'} strings for"
        f" '{locale.language_code}'. msgctxt is <translation uuid>:<field path>; keep it as is."
    )
    po.metadata = {
        "Project-Id-Version": site_name(),
        "POT-Creation-Date": timezone.now().strftime("%Y-%m-%d %H:%M%z"),
        "Language": locale.language_code,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Transfer-Encoding": "8bit",
        LANGUAGE_HEADER: locale.language_code,
    }
    translations = (
        Translation.objects.filter(target_locale=locale, enabled=True)
        .select_related("source", "source__specific_content_type")
        .order_by("source__specific_content_type__model", "source__object_repr", "pk")
    )
    for translation in translations:
        for segment, msgstr in _segments(translation, include_translated):
            po.append(
                polib.POEntry(
                    msgctxt=msgctxt_for(translation, segment.context.path),
                    msgid=segment.string.data,
                    msgstr=msgstr or "",
                    comment=_describe(translation, segment.context.path),
                )
            )
    return po


def _segments(translation: Translation, include_translated: bool):
    segments = (
        StringSegment.objects.filter(source_id=translation.source_id)
        .select_related("string", "context")
        .order_by("order")
    )
    if include_translated:
        segments = segments.annotate_translation(translation.target_locale, include_errors=True)
        return [(segment, segment.translation) for segment in segments]
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=translation.target_locale_id,
    )
    return [(segment, "") for segment in segments.filter(~Exists(translated))]


def _describe(translation: Translation, path: str) -> str:
    """A line for the translator: what this string belongs to."""
    kind = translation.source.specific_content_type.name
    return f"{kind} “{translation.source.object_repr}”, field {path}"


# ---------------------------------------------------------------------------- reading

_QUOTED = r'"(?:[^"\\]|\\.)*"'
_KEYWORD_LINE = re.compile(rf"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+{_QUOTED}\s*$")
_CONTINUATION_LINE = re.compile(rf"^{_QUOTED}\s*$")
# After each keyword, the keywords that may follow it before the entry is complete.
_NEXT = {
    "msgctxt": {"msgid"},
    "msgid": {"msgstr", "msgid_plural"},
    "msgid_plural": {"msgstr[n]"},
}


def _check_structure(text: str) -> None:
    """Reject what polib would quietly accept: unterminated strings and cut-off entries.

    polib reads `msgid "Hello` as "Hell" and an entry without msgstr as an empty one, so a
    file truncated in transfer would import as if it were whole.
    """
    expected: set[str] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        keyword_match = _KEYWORD_LINE.match(stripped)
        if keyword_match:
            keyword = keyword_match.group(1)
            kind = "msgstr[n]" if keyword.startswith("msgstr[") else keyword
            if expected is not None and kind not in expected:
                raise POExchangeError(
                    f"Not a valid PO file: line {number} starts {keyword} too early."
                )
            expected = None if kind in ("msgstr", "msgstr[n]") else _NEXT[kind]
            continue
        if _CONTINUATION_LINE.match(stripped):
            continue
        raise POExchangeError(
            f"Not a valid PO file: line {number} is not a PO keyword or a quoted string"
            " (is the file truncated?)."
        )
    if expected is not None:
        raise POExchangeError(
            "Not a valid PO file: it ends in the middle of an entry (truncated?)."
        )


def read_po(path: str | Path) -> polib.POFile:
    """Parse a PO file from disk, refusing anything that is not a complete PO file."""
    path = Path(path)
    if not path.is_file():
        raise POExchangeError(f"No such file: {path}")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise POExchangeError(
            f"Not a valid PO file: {path} is not UTF-8 text (byte {error.start})."
        ) from None
    try:
        check_no_control_characters(text)
    except ControlCharacterError as error:
        raise POExchangeError(str(error)) from None
    _check_structure(text)
    try:
        # Always a path, never the contents: polib.pofile() reads any string that names a file.
        return polib.pofile(str(path), encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise POExchangeError(f"Not a valid PO file: {error}") from None


def _normalise(code: str) -> str:
    return code.strip().replace("_", "-").lower()


def check_language(po: polib.POFile, locale: Locale) -> None:
    """The file must say, in its headers, that it is a language-level export for `locale`."""
    expected = _normalise(locale.language_code)
    marker = po.metadata.get(LANGUAGE_HEADER)
    language = po.metadata.get("Language")
    if marker is None:
        if PAGE_LEVEL_HEADER in po.metadata:
            raise POExchangeError(
                "This is a per-page PO file from wagtail-localize's editor: upload it on that"
                " page's translation screen, or export a language file with"
                " `translation_po export`."
            )
        raise POExchangeError(
            f"Not a language export of this site: the {LANGUAGE_HEADER} header is missing."
        )
    if _normalise(marker) != expected:
        raise POExchangeError(
            f"This file is for language '{marker}' ({LANGUAGE_HEADER}),"
            f" not '{locale.language_code}'."
        )
    if (
        language
        and _normalise(language) != expected
        and _normalise(language).split("-")[0] != expected
    ):
        raise POExchangeError(
            f"This file is for language '{language}' (Language header),"
            f" not '{locale.language_code}'."
        )


# ---------------------------------------------------------------------------- import


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    with_errors: int = 0
    skipped: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def applied(self) -> int:
        return self.created + self.updated

    def skip(self, reason: str, entry: polib.POEntry) -> None:
        self.skipped[reason] += 1
        if reason not in (EMPTY, OBSOLETE):
            self.warnings.append(f"line {entry.linenum}: skipped, {reason}: {entry.msgctxt!r}")


@dataclass
class _Write:
    segment: StringSegment
    msgstr: str
    existing: StringTranslation | None


def import_po(po: polib.POFile, locale: Locale, dry_run: bool = False) -> ImportResult:
    """Store the file's translations for `locale` as drafts-to-be; publish nothing.

    Every entry is checked before anything is written; the writes happen in one transaction.
    Existing translations are updated when the file differs, never deleted.
    """
    check_language(po, locale)
    result = ImportResult(dry_run=dry_run)
    writes = _plan(po, locale, result)
    for write in writes:
        if write.existing is None:
            result.created += 1
        elif write.existing.data == write.msgstr:
            result.unchanged += 1
        else:
            result.updated += 1
    if dry_run:
        return result
    with transaction.atomic():
        now = timezone.now()
        touched: set[int] = set()
        for write in writes:
            if write.existing is not None and write.existing.data == write.msgstr:
                continue
            string_translation = write.existing or StringTranslation(
                translation_of=write.segment.string,
                locale=locale,
                context=write.segment.context,
            )
            string_translation.data = write.msgstr
            string_translation.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
            string_translation.tool_name = TOOL_NAME
            string_translation.has_error = False
            string_translation.field_error = ""
            string_translation.save()  # flags invalid markup itself (has_error)
            if string_translation.has_error:
                result.with_errors += 1
                result.warnings.append(
                    "stored with a markup error, fix it in the editor:"
                    f" {write.segment.string.data[:60]!r}"
                )
            touched.add(write.segment.source_id)
        Translation.objects.filter(source_id__in=touched, target_locale=locale).update(
            translations_last_updated_at=now
        )
    return result


def _plan(po: polib.POFile, locale: Locale, result: ImportResult) -> list[_Write]:
    parsed = {}
    for entry in po:
        parsed[id(entry)] = split_msgctxt(entry.msgctxt)
    translation_ids = {value[0] for value in parsed.values() if value}
    translations = {
        translation.uuid: translation
        for translation in Translation.objects.filter(uuid__in=translation_ids)
    }
    # A rich-text field yields one segment per paragraph, all in the same context: a segment
    # is known by its context path and its source string together.
    segments_by_source: dict[int, dict[tuple[str, str], StringSegment]] = {}
    writes: dict[tuple[int, int], _Write] = {}

    for entry in po:
        if entry.obsolete:
            result.skip(OBSOLETE, entry)
            continue
        key = parsed[id(entry)]
        translation = translations.get(key[0]) if key else None
        if translation is None:
            result.skip(UNKNOWN_TRANSLATION, entry)
            continue
        if translation.target_locale_id != locale.pk:
            result.skip(OTHER_LANGUAGE, entry)
            continue
        if not translation.enabled:
            result.skip(DISABLED_TRANSLATION, entry)
            continue
        if entry.fuzzy:
            result.skip(FUZZY, entry)
            continue
        if not entry.msgstr.strip():
            result.skip(EMPTY, entry)
            continue
        if translation.source_id not in segments_by_source:
            segments_by_source[translation.source_id] = {
                (segment.context.path, segment.string.data): segment
                for segment in StringSegment.objects.filter(
                    source_id=translation.source_id
                ).select_related("string", "context")
            }
        segment = segments_by_source[translation.source_id].get((key[1], entry.msgid))
        if segment is None:
            result.skip(SOURCE_CHANGED, entry)
            continue
        writes[(segment.string_id, segment.context_id)] = _Write(segment, entry.msgstr, None)

    existing = StringTranslation.objects.filter(
        locale=locale,
        translation_of_id__in={string_id for string_id, _ in writes},
        context_id__in={context_id for _, context_id in writes},
    )
    for string_translation in existing:
        write = writes.get((string_translation.translation_of_id, string_translation.context_id))
        if write is not None:
            write.existing = string_translation
    return list(writes.values())
