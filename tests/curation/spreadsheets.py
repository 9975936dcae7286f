"""Import files built in the test: CSV bytes and XLSX workbooks made with openpyxl."""

import csv
import io

from openpyxl import Workbook

from curation.material_import.parse import COLUMNS


def material_row(source_id: str, **overrides) -> dict:
    """A row that imports cleanly against `tests.factories.import_vocabulary`."""
    row = {
        "source_id": source_id,
        "title": f"Imported material {source_id}",
        "summary": "Pupils investigate how far a toy car rolls down ramps of different heights.",
        "disciplines": "physics; mathematics",
        "age_min": "10",
        "age_max": "14",
        "country": "DE",
        "resource_languages": "de",
        "resource_type": "teaching-unit",
        "audience": "in-service",
        "licence": "cc-by",
        "original_url": f"https://example.org/materials/{source_id}",
        "authors": "A. Author",
        "year": "2023",
        "partner": "de-stem-centre",
        "keywords": "motion; ramps",
    }
    row.update(overrides)
    return row


def csv_bytes(rows: list[dict], columns=COLUMNS, bom: bool = False) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode("utf-8")


def xlsx_bytes(rows: list[dict], columns=COLUMNS, numbers: bool = True) -> bytes:
    """Numbers stored as numbers, as a spreadsheet program would (10, not "10")."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(columns))
    for row in rows:
        cells = []
        for column in columns:
            value = row.get(column, "")
            if numbers and column in ("age_min", "age_max", "year") and str(value).isdigit():
                value = int(value)
            cells.append(value)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
