"""Small text helpers of the reports screen: numbers, level marks, fitting text into a cell."""

from __future__ import annotations

from rich.cells import cell_len

MARKS = {"quiet": "○", "moderate": "△", "crowded": "×"}
LEVEL_STYLE = {"quiet": "bold green", "moderate": "bold yellow", "crowded": "bold red"}


def _n(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _i(value: int | None) -> str:
    return "-" if value is None else str(value)


def _fit(candidates: list[str], width: int) -> str:
    """The first candidate that fits in `width` cells, else the last one cropped."""
    for c in candidates:
        if cell_len(c) <= width:
            return c
    return _crop(candidates[-1], width)


def _crop(text: str, width: int) -> str:
    """Cut `text` to `width` terminal cells (East Asian wide characters count two)."""
    if cell_len(text) <= width:
        return text
    out = ""
    for ch in text:
        if cell_len(out + ch + "…") > width:
            break
        out += ch
    return out + "…"
