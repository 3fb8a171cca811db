"""A text widget that breaks Japanese lines by the rules (禁則) at its own width.

Rich wraps Japanese between any two characters, so a line may start with 。 or 」. This
widget lays its text out itself with `queue_app.domain.linebreak`: no line starts with a
closing mark or ends with an opening bracket, ASCII words (A-012, R-RYRE) stay whole.
Styles of a `rich.text.Text` are kept (the text is cut at the same offsets).
"""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from queue_app.domain.linebreak import cell_width, line_spans


def laid_out(text: Text, width: int) -> Text:
    """`text` with its lines broken at `width` cells by the rules."""
    plain = text.plain
    lines = [text[start:end] for start, end in line_spans(plain, max(1, width))]
    return Text("\n").join(lines)


class WrappedText(Widget):
    """Like a Static, but with Japanese line breaking; `update` takes a str or a Text."""

    DEFAULT_CSS = """
    WrappedText {
        height: auto;
    }
    """

    def __init__(
        self,
        content: str | Text = "",
        *,
        id: str | None = None,  # noqa: A002 - Textual's own name
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._content = Text(content) if isinstance(content, str) else content

    @property
    def text(self) -> Text:
        return self._content

    def update(self, content: str | Text = "") -> None:
        self._content = Text(content) if isinstance(content, str) else content
        self.refresh(layout=True)

    def render(self) -> Text:
        return laid_out(self._content, self.content_region.width or self.size.width)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max((cell_width(line) for line in self._content.plain.split("\n")), default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if not self._content.plain:
            return 0
        return len(line_spans(self._content.plain, max(1, width)))
