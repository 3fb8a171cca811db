"""QR codes for tickets and slips: terminal half-blocks, PNG and SVG files. No network.

The half-block rendering maps two QR rows onto one text row ("▀" top dark, "▄" bottom
dark, "█" both, " " neither) and must be shown black on white, with a quiet zone, so that
a phone can scan it whatever the terminal's theme.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import qrcode
import qrcode.image.svg
from qrcode.constants import ERROR_CORRECT_M

QUIET_ZONE = 2  # modules; 4 is the standard, 2 is enough on a lit screen and saves space


_HALF = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}


def _made(data: str, **options: Any) -> qrcode.QRCode[Any]:
    """`QRCode.make(fit=True)` with the same mask choice computed fast (queue_app.qr_mask)."""
    from queue_app.qr_mask import best_mask

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, **options)
    code.add_data(data)
    code.best_fit()
    code.mask_pattern = best_mask(code)
    code.make(fit=False)
    return code


def matrix(data: str, border: int = QUIET_ZONE) -> list[list[bool]]:
    return [list(row) for row in _made(data, border=border).get_matrix()]


def half_blocks(data: str, border: int = QUIET_ZONE) -> list[str]:
    """The QR as text rows of half-blocks (a new list; the rows are cached per text)."""
    return list(_half_blocks(data, border))


@lru_cache(maxsize=32)
def _half_blocks(data: str, border: int) -> tuple[str, ...]:
    rows = matrix(data, border)
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    lookup = _HALF.__getitem__
    return tuple(
        "".join(map(lookup, zip(top, bottom, strict=True)))
        for top, bottom in zip(rows[0::2], rows[1::2], strict=True)
    )


def write_png(data: str, path: Path, box_size: int = 8) -> Path:
    code = _made(data, border=4, box_size=box_size)
    path.parent.mkdir(parents=True, exist_ok=True)
    code.make_image(fill_color="black", back_color="white").save(str(path))
    return path


def write_svg(data: str, path: Path) -> Path:
    code = _made(data, border=4, image_factory=qrcode.image.svg.SvgPathImage)
    path.parent.mkdir(parents=True, exist_ok=True)
    code.make_image().save(str(path))
    return path


def svg_bytes(data: str) -> bytes:
    """The QR as a standalone SVG document (black on white, quiet zone), in memory."""
    import io

    code = _made(data, border=4, image_factory=qrcode.image.svg.SvgPathFillImage)
    buffer = io.BytesIO()
    code.make_image().save(buffer)
    return buffer.getvalue()
