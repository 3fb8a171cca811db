"""QR codes for tickets and slips: terminal half-blocks, PNG and SVG files. No network.

The half-block rendering maps two QR rows onto one text row ("▀" top dark, "▄" bottom
dark, "█" both, " " neither) and must be shown black on white, with a quiet zone, so that
a phone can scan it whatever the terminal's theme.
"""

from __future__ import annotations

from pathlib import Path

import qrcode
import qrcode.image.svg
from qrcode.constants import ERROR_CORRECT_M

QUIET_ZONE = 2  # modules; 4 is the standard, 2 is enough on a lit screen and saves space


def matrix(data: str, border: int = QUIET_ZONE) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=border)
    code.add_data(data)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


def half_blocks(data: str, border: int = QUIET_ZONE) -> list[str]:
    rows = matrix(data, border)
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    lines: list[str] = []
    for top, bottom in zip(rows[0::2], rows[1::2], strict=True):
        chars = []
        for t, b in zip(top, bottom, strict=True):
            chars.append("█" if t and b else "▀" if t else "▄" if b else " ")
        lines.append("".join(chars))
    return lines


def write_png(data: str, path: Path, box_size: int = 8) -> Path:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4, box_size=box_size)
    code.add_data(data)
    code.make(fit=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    code.make_image(fill_color="black", back_color="white").save(str(path))
    return path


def write_svg(data: str, path: Path) -> Path:
    code = qrcode.QRCode(
        error_correction=ERROR_CORRECT_M, border=4, image_factory=qrcode.image.svg.SvgPathImage
    )
    code.add_data(data)
    code.make(fit=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    code.make_image().save(str(path))
    return path


def svg_bytes(data: str) -> bytes:
    """The QR as a standalone SVG document (black on white, quiet zone), in memory."""
    import io

    code = qrcode.QRCode(
        error_correction=ERROR_CORRECT_M, border=4, image_factory=qrcode.image.svg.SvgPathFillImage
    )
    code.add_data(data)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer)
    return buffer.getvalue()
