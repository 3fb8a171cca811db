"""The reports screen's bar charts: bars that start at zero and the target wait as a line.

Textual's `Sparkline` scales each chart from its smallest value to its largest, which suits
a trend line but not a section chief's reading of a report: an hour with 11 arrivals drew as
an empty cell beside one with 17, and a mean wait of 4.9 minutes as nothing beside 5.0. Here
every bar is measured from zero, on a scale that also holds the target wait, which is drawn
as a dotted line (╌) where no bar covers it; each value keeps its own slice of the width, so
the hours (or days) of the chart line up with the table below it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

BLOCKS = " ▁▂▃▄▅▆▇█"
TARGET = "╌"


def bar_rows(
    data: Sequence[float], width: int, height: int, target: float | None = None
) -> list[str]:
    """The chart as `height` strings of `width` cells, the top row first.

    Bar heights are in eighths of a cell, from zero to the larger of the highest value and
    the target; a value above zero always shows at least an eighth. When the width allows,
    a blank column separates neighbouring bars.
    """
    if width <= 0 or height <= 0:
        return []
    values = [max(0.0, float(v)) for v in data]
    top = max([*values, target or 0.0])
    if not values or top <= 0:
        return [" " * width for _ in range(height)]
    n = len(values)
    full = height * 8
    eighths = [max(1, round(v / top * full)) if v > 0 else 0 for v in values]
    target_row = None
    if target and target > 0:
        target_row = min(height - 1, max(0, math.ceil(target / top * full / 8) - 1))
    gaps = width >= 2 * n
    rows = []
    for row in reversed(range(height)):  # from the top row down to the bottom one
        cells = []
        for x in range(width):
            i = x * n // width
            last_column = (x + 1) * n // width != i and i < n - 1
            level = 0 if gaps and last_column else eighths[i] - row * 8
            if level >= 8:
                cells.append(BLOCKS[8])
            elif level > 0:
                cells.append(BLOCKS[level])
            else:
                cells.append(TARGET if row == target_row else " ")
        rows.append("".join(cells))
    return rows


class Bars(Widget):
    """A bar chart from zero (`bar_rows`), its bars in the `bars--bar` colour and the target
    line in `bars--target`."""

    COMPONENT_CLASSES = {"bars--bar", "bars--target"}  # noqa: RUF012 (Textual's own class var)
    DEFAULT_CSS = """
    Bars { height: 3; }
    Bars > .bars--bar { color: $primary; }
    Bars > .bars--target { color: $warning; }
    """

    data: reactive[tuple[float, ...]] = reactive(tuple)
    target: reactive[float | None] = reactive(None)

    def rows(self) -> list[str]:
        """What the chart shows at its present size (the tests read this)."""
        return bar_rows(self.data, self.size.width, self.size.height, self.target)

    def render(self) -> Text:
        bar = self.get_component_rich_style("bars--bar")
        line = self.get_component_rich_style("bars--target")
        text = Text(no_wrap=True, overflow="crop")
        for number, row in enumerate(self.rows()):
            if number:
                text.append("\n")
            for cell in row:
                text.append(cell, line if cell == TARGET else bar)
        return text
