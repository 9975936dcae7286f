"""Reading an uploaded spreadsheet into rows of text, and refusing files we cannot trust.

Everything here is about the file, not the materials: encodings, formats, sizes and the
header. Rows come out numbered as a spreadsheet shows them (the header is row 1), so every
later message can point an editor at the right line.
"""

import csv
import io
import zipfile
from dataclasses import dataclass

from openpyxl import load_workbook

from django.utils.translation import gettext as _

REQUIRED_COLUMNS = (
    "source_id",
    "title",
    "summary",
    "disciplines",
    "age_min",
    "age_max",
    "country",
    "resource_languages",
    "resource_type",
    "audience",
    "licence",
    "original_url",
    "authors",
    "year",
    "partner",
)
OPTIONAL_COLUMNS = ("keywords",)
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS

# A network's yearly batch is hundreds of rows; these limits keep one request's work bounded.
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
FORMATS = (".csv", ".xlsx")


class FileRefused(Exception):
    """The file as a whole cannot be read; the message is meant for the editor."""


@dataclass(frozen=True)
class Row:
    number: int  # as a spreadsheet shows it: the header is row 1
    values: dict[str, str]
    formulas: frozenset[str] = frozenset()  # columns whose cell holds a formula, not a value


def read_rows(content: bytes, filename: str) -> list[Row]:
    """The data rows of a CSV or XLSX file, with a checked header; blank rows are skipped."""
    if len(content) > MAX_BYTES:
        raise FileRefused(
            _("The file is %(size).1f MB; the limit is %(limit)d MB.")
            % {"size": len(content) / 1024 / 1024, "limit": MAX_BYTES // 1024 // 1024}
        )
    name = filename.lower()
    if name.endswith(".csv"):
        table = _csv_table(content)
    elif name.endswith(".xlsx"):
        table = _xlsx_table(content)
    else:
        raise FileRefused(_("Upload a .csv or .xlsx file."))
    header = next(table, None)
    if header is None:
        raise FileRefused(_("The file is empty: it needs a header row and at least one row."))
    columns = _checked_header(header[0])
    rows = []
    for number, (cells, formula_positions) in enumerate(table, start=2):
        values = {
            column: _text(cells[position] if position < len(cells) else None)
            for position, column in enumerate(columns)
            if column
        }
        extra = [_text(cell) for cell in cells[len(columns) :]]
        if not any(values.values()) and not any(extra):
            continue
        if any(extra):
            raise FileRefused(
                _("Row %(row)d has more cells than the header has columns.") % {"row": number}
            )
        if len(rows) >= MAX_ROWS:
            raise FileRefused(
                _("The file has more than %(limit)d rows; split it.") % {"limit": MAX_ROWS}
            )
        formulas = frozenset(columns[p] for p in formula_positions if p < len(columns))
        rows.append(Row(number, values, formulas))
    if not rows:
        raise FileRefused(_("The file has a header but no rows to import."))
    return rows


def _checked_header(cells) -> list[str]:
    columns = [_text(cell).lower() for cell in cells]
    while columns and not columns[-1]:
        columns.pop()
    unknown = [column for column in columns if column not in COLUMNS]
    if unknown:
        raise FileRefused(
            _("Unknown columns: %(unknown)s. The columns are: %(columns)s.")
            % {
                "unknown": ", ".join(column or _("(blank)") for column in unknown),
                "columns": ", ".join(COLUMNS),
            }
        )
    repeated = sorted({column for column in columns if columns.count(column) > 1})
    if repeated:
        raise FileRefused(_("Columns given twice: %(columns)s.") % {"columns": ", ".join(repeated)})
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        raise FileRefused(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    return columns


def _text(value) -> str:
    """A cell as text: spreadsheets store 10 as 10.0, and text cells may carry spaces."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _csv_table(content: bytes):
    try:
        # utf-8-sig: spreadsheet programs often write a byte-order mark; it is not a column.
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused(
            _(
                "The CSV file is not UTF-8 (byte %(position)d cannot be read). Save it as "
                "“CSV UTF-8” and upload it again."
            )
            % {"position": error.start + 1}
        ) from error
    if "\x00" in text:
        raise FileRefused(_("The CSV file contains NUL characters; is it really a CSV file?"))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        # Materialised so a malformed line is reported here, not half-way through importing.
        rows = [(cells, _formula_positions(cells)) for cells in reader]
    except csv.Error as error:
        raise FileRefused(
            _("The CSV file cannot be read near line %(line)d: %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from error
    return iter(rows)


def _formula_positions(cells: list[str]) -> tuple[int, ...]:
    """A CSV cell starting with "=" is a formula to the program that saved it (and will be
    one again when the text is exported): it is refused like an XLSX formula."""
    return tuple(position for position, cell in enumerate(cells) if cell.lstrip().startswith("="))


def _xlsx_table(content: bytes):
    try:
        # read_only streams the sheet; data_only=False so formulas are seen, not run.
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
        rows = []
        for cells in sheet.iter_rows():
            if len(rows) > MAX_ROWS + 1:
                break
            values = [cell.value for cell in cells]
            formulas = tuple(
                position
                for position, cell in enumerate(cells)
                if getattr(cell, "data_type", None) == "f"
            )
            rows.append((values, formulas))
        workbook.close()
    except (zipfile.BadZipFile, zipfile.LargeZipFile) as error:
        raise FileRefused(_("The XLSX file is damaged or is not an XLSX file.")) from error
    except Exception as error:
        # openpyxl reports broken workbooks with many exception types (KeyError for a
        # missing part, ValueError, XML errors...): to the editor they all mean the same.
        raise FileRefused(
            _("The XLSX file cannot be read: %(error)s") % {"error": type(error).__name__}
        ) from error
    return iter(rows)
