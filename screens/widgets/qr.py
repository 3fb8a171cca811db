"""A QR code drawn with half-blocks, always black on white with a quiet zone.

Two QR rows make one text row. The colours are explicit (not the theme's) so a phone can
scan it from the screen whatever the terminal's palette.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from queue_app.qr import QUIET_ZONE, half_blocks

QR_STYLE = Style(color="#000000", bgcolor="#ffffff")  # truecolor: never a themed "white"


class QRCode(Widget):
    DEFAULT_CSS = """
    QRCode {
        width: auto;
        height: auto;
    }
    """

    def __init__(
        self,
        data: str,
        border: int = QUIET_ZONE,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._data = data
        self._border = border
        self._lines = half_blocks(data, border) if data else []

    @property
    def data(self) -> str:
        return self._data

    @property
    def lines(self) -> list[str]:
        return list(self._lines)

    def set_data(self, data: str) -> None:
        self._data = data
        self._lines = half_blocks(data, self._border) if data else []
        self.refresh(layout=True)

    def get_content_width(self, container, viewport):  # type: ignore[no-untyped-def]
        return len(self._lines[0]) if self._lines else 0

    def get_content_height(self, container, viewport, width):  # type: ignore[no-untyped-def]
        return len(self._lines)

    def render_line(self, y: int) -> Strip:
        if y >= len(self._lines):
            return Strip.blank(self.size.width)
        line = self._lines[y]
        return Strip([Segment(line, QR_STYLE)], len(line))
