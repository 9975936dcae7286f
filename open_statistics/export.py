"""The statistics as CSV: one line per row of every series, the series named in the first
column, so a spreadsheet can filter by it. Same rows and order as the page and the JSON."""

import csv
import io

from open_statistics.series import SERIES

EXTRA_COLUMNS = ("teachers", "percent", "outdated", "open_requests", "average")
HEADER = ("series", "key", "label", "value", *EXTRA_COLUMNS)


def statistics_csv(statistics: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for series in SERIES:
        for row in series.rows(statistics):
            writer.writerow(
                [
                    series.name,
                    row["key"],
                    row["label"],
                    row["value"],
                    *("" if row.get(column) is None else row[column] for column in EXTRA_COLUMNS),
                ]
            )
    return out.getvalue()
