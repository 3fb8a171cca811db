"""The QR mask choice of the `qrcode` package, computed fast (issue 17).

A QR code is XOR-ed with one of eight mask patterns; the standard (ISO/IEC 18004, 7.8.3)
says to choose the one with the lowest penalty (runs of one colour, 2x2 blocks, finder-like
1:1:3:1:1 patterns, dark/light balance). `qrcode` does it by building the whole symbol eight
times and scoring each one cell by cell in Python: ~85% of drawing a ticket's QR.

This module scores the same eight candidates with the same rules, on whole rows at once
(rows as integers, rows and columns as strings scanned by `re`): the data bits are placed
once by `qrcode` itself, the eight masked symbols are derived from them with bit
operations. The score is the package's own (`qrcode.util.lost_point`, including how it
treats the format areas while choosing); `tests/test_qr_mask.py` checks that the choice and
the final matrix equal the package's for hundreds of texts of every size used here. The
symbol itself is still made by `qrcode` with that mask, so what a phone scans is unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from qrcode import util

_RUN = re.compile(r"0{5,}|1{5,}")
_FINDER = re.compile(r"(?=10111010000|00001011101)")


def best_mask(code: Any) -> int:
    """The mask `code.best_mask_pattern()` would choose. `code` is a `qrcode.QRCode` with its
    data added and its version fitted (`best_fit`)."""
    fixed, data_cells, raw = _layout(code)
    n = len(fixed)
    patterns = _patterns(n)
    best, best_score = 0, 0
    for i in range(8):
        rows = [
            f | ((r ^ p) & d)
            for f, r, p, d in zip(fixed, raw, patterns[i], data_cells, strict=True)
        ]
        score = _penalty(rows, n)
        if i == 0 or score < best_score:
            best, best_score = i, score
    return best


def _layout(code: Any) -> tuple[list[int], list[int], list[int]]:
    """Run `qrcode`'s own placement once (test mode, mask 0) and split it by row into the
    fixed modules, the data cells, and the data bits before masking (bit c = column c)."""
    before: list[list[bool | None]] = []
    real_map_data = code.map_data

    def map_data(data: Any, mask_pattern: int) -> None:
        before.extend(list(row) for row in code.modules)  # None: a data cell
        real_map_data(data, mask_pattern)

    code.map_data = map_data
    try:
        code.makeImpl(True, 0)
    finally:
        del code.map_data
    mask0 = _patterns(len(before))[0]
    fixed, cells, raw = [], [], []
    for r, (row, placed) in enumerate(zip(before, code.modules, strict=True)):
        f = d = m = 0
        for c, (value, dark) in enumerate(zip(row, placed, strict=True)):
            bit = 1 << c
            if value is None:
                d |= bit
                if dark:
                    m |= bit
            elif value:
                f |= bit
        fixed.append(f)
        cells.append(d)
        raw.append((m ^ mask0[r]) & d)
    return fixed, cells, raw


@lru_cache(maxsize=64)
def _patterns(n: int) -> tuple[tuple[int, ...], ...]:
    """The eight mask patterns at size n, one integer per row (bit c = column c)."""
    out = []
    for i in range(8):
        func = util.mask_func(i)
        out.append(
            tuple(sum(1 << c for c in range(n) if func(r, c)) for r in range(n)),
        )
    return tuple(out)


def _penalty(rows: list[int], n: int) -> int:
    """`qrcode.util.lost_point` of the symbol whose rows are given as integers."""
    lines = [format(row, f"0{n}b")[::-1] for row in rows]  # column 0 first
    lines += ["".join(col) for col in zip(*lines, strict=True)]  # and the columns
    text = "|".join(lines)  # nothing spans a "|": rows and columns are scored one by one
    score = sum(len(run) - 2 for run in _RUN.findall(text))  # runs of 5+: length - 2
    score += 40 * len(_FINDER.findall(text))  # 1:1:3:1:1 beside four light modules
    low = (1 << (n - 1)) - 1
    for a, b in zip(rows, rows[1:], strict=False):  # 2x2 blocks of one colour: 3 each
        same = ~(a ^ b)
        score += 3 * (same & (same >> 1) & ~(a ^ (a >> 1)) & low).bit_count()
    dark = sum(row.bit_count() for row in rows)
    percent = float(dark) / (n**2)
    return score + int(abs(percent * 100 - 50) / 5) * 10
