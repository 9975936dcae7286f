"""Horizontal bar charts as plain SVG, drawn on the server: no JavaScript, no web fonts.

The chart is decoration for sighted readers: it is aria-hidden, and the data table next
to it (same rows, same order) is what screen readers read. The SVG scales to its box
(viewBox, width 100%), so it stays readable on a phone: labels sit above their bars
rather than beside them, which would squeeze the bars at narrow widths.
"""

from dataclasses import dataclass

WIDTH = 320  # viewBox units; the SVG scales to the column's width
BAR_HEIGHT = 12
ROW_HEIGHT = 34  # label line + bar + gap
LABEL_MAX = 42  # characters shown of a long label (the table has it whole)


@dataclass(frozen=True)
class Bar:
    label: str
    value: str
    y: int  # top of the label line
    width: float  # of the bar, in viewBox units

    @property
    def bar_y(self) -> int:
        return self.y + 16

    @property
    def value_x(self) -> float:
        return min(self.width + 4, WIDTH - 30)


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    width: int
    height: int


def bar_chart(rows: list[dict]) -> Chart:
    largest = max((row["value"] or 0 for row in rows), default=0)
    bars = []
    for position, row in enumerate(rows):
        value = row["value"] or 0
        label = row["label"]
        if len(label) > LABEL_MAX:
            label = label[: LABEL_MAX - 1] + "…"
        bars.append(
            Bar(
                label=label,
                value=str(value),
                y=position * ROW_HEIGHT,
                width=round((WIDTH - 40) * value / largest, 1) if largest else 0,
            )
        )
    return Chart(bars=bars, width=WIDTH, height=max(len(rows) * ROW_HEIGHT, ROW_HEIGHT))
