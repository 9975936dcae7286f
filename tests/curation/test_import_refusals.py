"""Every reason a row or a file is refused, named by row (header = 1), source_id and column."""

import io

import pytest
from openpyxl import Workbook

from curation.material_import import parse
from curation.material_import.apply import import_file
from curation.material_import.parse import COLUMNS, FileRefused
from curation.models import ImportedMaterial
from materials.models import MaterialPage
from tests.curation.spreadsheets import csv_bytes, material_row, xlsx_bytes

pytestmark = pytest.mark.django_db


def refusals_of(rows, dry_run=True):
    report = import_file(csv_bytes(rows), "m.csv", dry_run=dry_run)
    return [(r.row, r.source_id, r.column, r.reason) for r in report.refusals]


@pytest.mark.parametrize(
    ("overrides", "column", "reason"),
    [
        ({"source_id": ""}, "source_id", "required"),
        ({"title": ""}, "title", "cannot be blank"),
        ({"summary": "x" * 301}, "summary", "at most 300"),
        ({"age_min": "15", "age_max": "12"}, "age_max", "cannot be lower"),
        ({"age_min": "ten"}, "age_min", "not a whole number"),
        ({"age_min": "2"}, "age_min", "greater than or equal to 3"),
        ({"year": "1800"}, "year", "greater than or equal to 1950"),
        ({"disciplines": ""}, "disciplines", "at least one"),
        ({"disciplines": "physics; alchemy"}, "disciplines", "Unknown discipline “alchemy”"),
        ({"resource_languages": "klingon"}, "resource_languages", "Unknown resource language"),
        ({"resource_type": "novel"}, "resource_type", "Unknown resource type"),
        ({"audience": "pupils"}, "audience", "Unknown audience"),
        ({"licence": "gpl"}, "licence", "Unknown licence"),
        ({"licence": "https://example.org/licence"}, "licence", "Unknown licence"),
        ({"partner": "nobody"}, "partner", "Unknown partner"),
        ({"partner": ""}, "partner", "cannot be null"),
        ({"country": "Atlantis"}, "country", "Unknown country"),
        ({"original_url": "not a url"}, "original_url", "valid URL"),
    ],
)
def test_row_refusal_names_row_source_id_column_and_reason(overrides, column, reason):
    rows = [material_row("fine-1"), material_row(**{"source_id": "r-2", **overrides})]
    refusals = refusals_of(rows)
    assert len(refusals) == 1, refusals
    row, source_id, refused_column, message = refusals[0]
    assert (row, source_id, refused_column) == (3, overrides.get("source_id", "r-2"), column)
    assert reason in message


def test_duplicate_source_id_within_a_file():
    rows = [material_row("dup"), material_row("other"), material_row("dup")]
    assert refusals_of(rows) == [(4, "dup", "source_id", "the same source_id is already on row 2.")]


def test_blank_lines_keep_the_spreadsheet_row_numbers():
    content = csv_bytes([material_row("a-1")]) + b",,,,,,,,,,,,,,,\n"
    content += csv_bytes([material_row("a-3", age_min="x")]).split(b"\n", 1)[1]
    report = import_file(content, "m.csv", dry_run=True)
    assert [(r.row, r.source_id) for r in report.refusals] == [(4, "a-3")]


def test_a_refused_row_stops_the_whole_file_even_when_not_a_dry_run():
    pages = MaterialPage.objects.count()
    rows = [material_row("whole-1"), material_row("whole-2", licence="gpl")]
    report = import_file(csv_bytes(rows), "m.csv", dry_run=False)
    assert report.refused == 1 and not report.written
    assert MaterialPage.objects.count() == pages
    assert not ImportedMaterial.objects.exists()


def test_a_formula_cell_is_refused():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    row = material_row("formula-1")
    row["title"] = '=HYPERLINK("https://evil.example","click")'
    sheet.append([row[column] for column in COLUMNS])
    out = io.BytesIO()
    workbook.save(out)
    report = import_file(out.getvalue(), "m.xlsx", dry_run=True)
    assert [(r.row, r.column) for r in report.refusals] == [(2, "title")]
    assert "formula" in report.refusals[0].reason


def test_a_csv_cell_starting_with_an_equals_sign_is_refused_as_a_formula():
    rows = [material_row("formula-2", authors='=cmd|" /C calc"!A0')]
    report = import_file(csv_bytes(rows), "m.csv", dry_run=True)
    assert [(r.row, r.source_id, r.column) for r in report.refusals] == [
        (2, "formula-2", "authors")
    ]


def header_without(column):
    return [c for c in COLUMNS if c != column]


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (csv_bytes([material_row("u")], columns=[*COLUMNS, "colour"]), "m.csv", "colour"),
        (csv_bytes([material_row("m")], columns=header_without("licence")), "m.csv", "licence"),
        ("source_id\nCaf\xe9\n".encode("latin-1"), "m.csv", "not UTF-8"),
        (b"PK\x03\x04 this is no workbook", "m.xlsx", "XLSX"),
        (b"%PDF-1.4", "m.pdf", ".csv or .xlsx"),
        (b"", "m.csv", "empty"),
        (csv_bytes([]), "m.csv", "no rows"),
        (csv_bytes([material_row("x")]).rstrip(b"\r\n") + b",extra\r\n", "m.csv", "more cells"),
        (b'source_id,title\n"unclosed\x00', "m.csv", "NUL"),
    ],
)
def test_unreadable_files_are_refused_with_a_message(content, filename, message):
    with pytest.raises(FileRefused) as refused:
        import_file(content, filename, dry_run=True)
    assert message in str(refused.value)


def test_a_file_over_five_megabytes_is_refused_before_it_is_read():
    with pytest.raises(FileRefused, match="the limit is 5 MB"):
        import_file(b"x" * (5 * 1024 * 1024 + 1), "m.csv", dry_run=True)


def test_oversize_file_is_refused(monkeypatch):
    content = csv_bytes([material_row("big")])
    monkeypatch.setattr(parse, "MAX_BYTES", len(content) - 1)
    with pytest.raises(FileRefused, match="MB"):
        import_file(content, "m.csv", dry_run=True)


@pytest.mark.parametrize("maker", [csv_bytes, xlsx_bytes])
def test_too_many_rows_are_refused(monkeypatch, maker):
    monkeypatch.setattr(parse, "MAX_ROWS", 2)
    content = maker([material_row(f"many-{n}") for n in range(3)])
    with pytest.raises(FileRefused, match="more than 2 rows"):
        import_file(content, "m.xlsx" if maker is xlsx_bytes else "m.csv", dry_run=True)
