"""The reports screen's bar charts (`screens/reports/bars.py`): bars from zero, the target
wait as a dotted line, one slice of the width per value."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from screens.reports.bars import BLOCKS, TARGET, bar_rows


def heights(rows: list[str]) -> list[int]:
    """Each column's filled height in eighths (a target dash counts as empty)."""
    return [
        sum(BLOCKS.index(c) if c in BLOCKS else 0 for c in column)
        for column in zip(*rows, strict=True)
    ]


def test_bars_start_at_zero_not_at_the_smallest_value() -> None:
    # Textual's Sparkline drew 11 arrivals as an empty cell beside 17
    rows = bar_rows([11, 17], width=2, height=3)
    assert heights(rows) == [round(11 / 17 * 24), 24]
    rows = bar_rows([4.9, 5.0], width=2, height=1)
    assert rows == ["██"]  # 4.9 minutes and 5.0 are nearly the same height


def test_each_value_keeps_its_slice_with_a_gap_between_bars() -> None:
    rows = bar_rows([1, 0, 2], width=9, height=1)
    assert rows == ["▄▄    ███"]  # 1, 0, 2 in three columns each, the bars' last one blank
    assert bar_rows([1, 2], width=3, height=1) == ["▄▄█"]  # no room for a gap


def test_the_target_is_a_dotted_line_on_the_same_scale() -> None:
    # target 30 min, waits of 10 and 40 minutes, three rows of 8 eighths
    rows = bar_rows([10, 40], width=2, height=3, target=30)
    # the scale runs to 40; 30 minutes is 18 eighths: the top row's cells hold it
    assert rows[0] == TARGET + "█"
    assert heights(rows) == [6, 24]
    # a target above every bar stretches the scale to it, so the line is visible
    rows = bar_rows([5, 10], width=2, height=2, target=30)
    assert rows[0] == TARGET * 2
    assert heights(rows) == [3, 5]


def test_a_small_value_is_never_invisible_and_nothing_is_blank() -> None:
    assert heights(bar_rows([1, 1000], width=2, height=2)) == [1, 16]
    assert bar_rows([0, 0], width=4, height=2) == ["    ", "    "]
    assert bar_rows([], width=3, height=1) == ["   "]
    assert bar_rows([1], width=0, height=3) == []


@given(
    st.lists(st.floats(min_value=0, max_value=1e6), min_size=1, max_size=40),
    st.integers(min_value=1, max_value=120),
    st.integers(min_value=1, max_value=6),
    st.one_of(st.none(), st.floats(min_value=0.5, max_value=1e6)),
)
def test_any_chart_fits_its_box_and_orders_its_bars(
    data: list[float], width: int, height: int, target: float | None
) -> None:
    rows = bar_rows(data, width, height, target)
    assert len(rows) == height and all(len(r) == width for r in rows)
    if width >= len(data):  # every value has a column: a larger value is never shorter
        columns = heights(rows)
        tallest = [
            max(columns[x] for x in range(width) if x * len(data) // width == i)
            for i in range(len(data))
        ]
        for i, j in zip(range(len(data)), range(1, len(data)), strict=False):
            if data[i] < data[j]:
                assert tallest[i] <= tallest[j]
