"""The scorecard's two tables as CSV: one column per figure, keys as well as labels, so a
spreadsheet can join them with other exports."""

import csv
import io

from metadata_quality.scorecard import Row

COLUMNS = (
    "materials",
    "live",
    "completeness",
    "missing_alt_text",
    "missing_accessibility",
    "unclear_licence",
    "broken_links",
    "pending_duplicates",
    "coverage",
    "outdated",
)


def rows_as_csv(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["key", "label", *COLUMNS])
    for row in rows:
        writer.writerow(
            [
                row.key,
                row.label,
                *("" if getattr(row, c) is None else getattr(row, c) for c in COLUMNS),
            ]
        )
    return out.getvalue()
