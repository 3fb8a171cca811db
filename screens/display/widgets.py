"""Widgets of the waiting-room display: big numbers and the "now calling" tiles.

The big panel shows one tile per counter that has called today (newest first): ticket
number → counter, as large as the panel allows (`CallSize`), so two counters calling within
a second are both big. When the office is closed all day it shows the reason and the next
day reception opens instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Digits, Static

from screens.display import blockfont

# What Textual's Digits can draw large (textual/renderables/digits.py); anything else
# (a ticket prefix such as "G" or "ア") falls back to a bold label.
DIGITS_CHARS = frozenset(" 0123456789+-^x:ABCDEF")
MAX_TILES = 6


def digits_can_draw(text: str) -> bool:
    return bool(text) and all(ch in DIGITS_CHARS for ch in text)


@dataclass(frozen=True)
class CallSize:
    """How big the tiles are: a block-font pixel size, or Textual's Digits (3 rows)."""

    pixel: tuple[int, int] | None = None  # (columns, rows) of a font pixel; None: Digits

    @property
    def height(self) -> int:
        return blockfont.HEIGHT * self.pixel[1] if self.pixel else 3

    @property
    def gap(self) -> int:
        return 1 if self.pixel else 0

    def value_width(self, text: str) -> int:
        if self.pixel and blockfont.can_draw(text):
            return blockfont.width(text, self.pixel[0])
        return 3 * len(text) if digits_can_draw(text) else cell_len(text)

    def arrow_width(self) -> int:
        return blockfont.width("→", self.pixel[0]) + 2 if self.pixel else 3

    def tile_width(self, number: str, counter: str, labels: int) -> int:
        return self.value_width(number) + self.arrow_width() + labels + self.value_width(counter)


DIGITS = CallSize()


def choose_sizes(
    width: int, height: int, tiles: list[tuple[str, str]], labels: int
) -> list[CallSize]:
    """A size per tile shown (newest first): as many tiles as possible in the block font,
    all at one pixel size, the biggest that fits the panel; the rest in Digits below them;
    tiles that fit in no way are left to the history list (at least one is always shown)."""
    n = len(tiles)
    if not n:
        return []
    drawable = [blockfont.can_draw(t[0]) and blockfont.can_draw(t[1]) for t in tiles]
    for k in range(n, 0, -1):
        if not all(drawable[:k]):
            continue
        for pixel in blockfont.SCALES:
            size = CallSize(pixel)
            rest = n - k
            rows = k * size.height + (k - 1) * size.gap + 3 * rest
            if rows > height:
                continue
            if all(size.tile_width(a, b, labels) <= width for a, b in tiles[:k]):
                return [size] * k + [DIGITS] * rest
    fit = max(1, min(n, height // DIGITS.height))
    return [DIGITS] * fit


class BigNumber(Widget):
    """A value drawn in the block font at `pixel` size, else with `Digits` when it can be,
    else as a large bold label (a prefix such as ア)."""

    DEFAULT_CSS = """
    BigNumber { width: auto; height: 3; }
    BigNumber > Digits { width: auto; }
    BigNumber > .big-label { width: auto; height: 3; content-align: left middle;
        text-style: bold; padding: 1 0 0 0; }
    BigNumber > .big-block { width: auto; height: auto; }
    """

    def __init__(self, value: str = "", *, id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id, classes=classes)
        self._value = value
        self._pixel: tuple[int, int] | None = None
        self._drawn: tuple[str, tuple[int, int] | None] | None = None  # (value, pixel) drawn

    def compose(self) -> ComposeResult:
        yield Digits("", classes="big-digits")
        yield Static("", classes="big-label", markup=False)
        yield Static("", classes="big-block", markup=False)

    @property
    def block(self) -> bool:
        return self._pixel is not None and blockfont.can_draw(self._value)

    @property
    def pixel(self) -> tuple[int, int] | None:
        return self._pixel

    @pixel.setter
    def pixel(self, value: tuple[int, int] | None) -> None:
        if value != self._pixel:
            self._pixel = value
            if self.is_mounted:
                self.update(self._value)

    def on_mount(self) -> None:
        self.update(self._value)

    @property
    def value(self) -> str:
        return self._value

    @property
    def drawn_with_digits(self) -> bool:
        return not self.block and digits_can_draw(self._value)

    def update(self, value: str) -> None:
        """Draw `value` at the present pixel size; nothing at all (no refresh, no layout)
        when that is what is drawn already."""
        self._value = value
        if self._drawn == (value, self._pixel):
            return
        self._drawn = (value, self._pixel)
        digits = self.query_one(Digits)
        label = self.query_one(".big-label", Static)
        block = self.query_one(".big-block", Static)
        use_block = self._pixel is not None and blockfont.can_draw(value)
        self.set_class(use_block, "-block")
        block.display = use_block
        if use_block and self._pixel is not None:
            cols, rows = self._pixel
            block.update("\n".join(blockfont.render(value, "█" * cols, rows)))
            self.styles.height = blockfont.HEIGHT * rows
            digits.display = False
            label.display = False
            return
        self.styles.height = 3
        if digits_can_draw(value):
            digits.update(value)
            digits.display = True
            label.display = False
        else:
            label.update(value)
            label.display = True
            digits.display = False


TileState = tuple[str, str, tuple[str, str], CallSize, int]


class CallTile(Horizontal):
    """Ticket number → counter number. The first tile keeps the ids `#calling-number`, ...

    `show` redraws the tile only when what it shows changed (a new revision that moved
    another tile, the queues or the clock leaves this one alone: no refresh, no render), and
    a tile mounted just now draws what it was asked to show as soon as it is mounted."""

    def __init__(self, index: int) -> None:
        first = index == 0
        super().__init__(id="calling-row" if first else f"calling-row-{index}", classes="tile")
        self.first = first
        self._wanted: TileState | None = None  # what the tile is asked to show
        self._state: TileState | None = None  # what its widgets show
        self._ready = False

    def compose(self) -> ComposeResult:
        def ident(name: str) -> str | None:
            return f"calling-{name}" if self.first else None

        yield BigNumber(id=ident("number"), classes="tile-number")
        yield Static("→", id=ident("arrow"), classes="tile-arrow", markup=False)
        yield Static(
            "", id=ident("counter-before"), classes="counter-label label-before", markup=False
        )
        yield BigNumber(id=ident("counter"), classes="tile-counter")
        yield Static(
            "", id=ident("counter-label"), classes="counter-label label-after", markup=False
        )

    def on_mount(self) -> None:
        self._ready = True
        if self._wanted is not None:
            self.show(*self._wanted)

    def show(
        self, number: str, counter: str, labels: tuple[str, str], size: CallSize, gap: int = 0
    ) -> None:
        state = (number, counter, labels, size, gap)
        self._wanted = state
        if not self._ready or state == self._state:
            return
        self._state = state
        pixel = size.pixel
        for big, value in (
            (self.query_one(".tile-number", BigNumber), number),
            (self.query_one(".tile-counter", BigNumber), counter),
        ):
            big.pixel = pixel
            big.update(value)
        arrow = self.query_one(".tile-arrow", Static)
        if pixel is not None:
            arrow.update("\n".join(blockfont.render("→", "█" * pixel[0], pixel[1])))
        else:
            arrow.update("→")
        arrow.styles.width = size.arrow_width()
        for widget in (self, arrow, *self.query(".counter-label").results(Static)):
            widget.styles.height = size.height
        self.styles.margin = (0, 0, gap, 0)
        before = self.query_one(".label-before", Static)
        before.update(labels[0])
        before.display = bool(labels[0])
        after = self.query_one(".label-after", Static)
        after.update(labels[1])
        after.display = bool(labels[1])

    @property
    def shown(self) -> tuple[str, str]:
        return (self._wanted[0], self._wanted[1]) if self._wanted else ("", "")


class NowCalling(Vertical):
    """The big panel: up to `MAX_TILES` call tiles, or one message (no calls, closed).

    The tiles are mounted as calls need them, not at start (twelve widgets each, and styling
    them was a good part of the first frame): a board with three counters calling has three
    tiles. A tile once mounted stays, hidden when not needed."""

    class Resized(Message):
        """The panel was laid out at a new size: its tiles must be fitted again. Sent from
        the panel's own Resize event, because only that one follows the layout (a callback
        after a refresh can run before the ready column has narrowed the panel)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._tiles: list[CallTile] = []

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized())

    def compose(self) -> ComposeResult:
        yield Static("", id="calling-empty", markup=False)

    def show(
        self,
        calls: list[tuple[str, str]],
        labels: tuple[str, str],
        sizes: list[CallSize],
    ) -> None:
        """`calls`: (number, counter) newest first, one size each; `labels`: the words
        around the counter number."""
        self.query_one("#calling-empty", Static).display = False
        count = min(len(calls), len(sizes), MAX_TILES)
        if count > len(self._tiles):
            new = [CallTile(index) for index in range(len(self._tiles), count)]
            self._tiles += new
            self.mount_all(new, before="#calling-empty")
        for index, tile in enumerate(self._tiles):
            if index < count:
                tile.display = True
                following = sizes[index + 1] if index + 1 < len(sizes) else None
                gap = sizes[index].gap if following == sizes[index] else 0
                tile.show(*calls[index], labels, sizes[index], gap)
            else:
                tile.display = False

    def show_message(self, text: object) -> None:
        for tile in self._tiles:
            tile.display = False
        empty = self.query_one("#calling-empty", Static)
        empty.display = True
        empty.update(text)  # type: ignore[arg-type]

    @property
    def tiles(self) -> list[tuple[str, str]]:
        return [tile.shown for tile in self._tiles if tile.display]
