"""Widgets of the waiting-room display: the big number and the "now calling" panel."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Digits, Static

from screens.display import blockfont

# What Textual's Digits can draw large (textual/renderables/digits.py); anything else
# (a ticket prefix such as "G" or "ア") falls back to a bold label.
DIGITS_CHARS = frozenset(" 0123456789+-^x:ABCDEF")


def digits_can_draw(text: str) -> bool:
    return bool(text) and all(ch in DIGITS_CHARS for ch in text)


class BigNumber(Widget):
    """A value drawn with `Digits` when it can be, else as a large bold label.

    On a large screen (`block = True`) it switches to the 7-row block font, which also
    draws any prefix letter, so the number can be read from the back of the room.
    """

    DEFAULT_CSS = """
    BigNumber { width: auto; height: 3; }
    BigNumber.-block { height: 7; }
    BigNumber > Digits { width: auto; }
    BigNumber > .big-label { width: auto; height: 3; content-align: left middle;
        text-style: bold; padding: 1 0 0 0; }
    BigNumber > .big-block { width: auto; height: 7; }
    """

    def __init__(self, value: str = "", *, id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id, classes=classes)
        self._value = value
        self._block = False

    def compose(self) -> ComposeResult:
        yield Digits("", classes="big-digits")
        yield Static("", classes="big-label", markup=False)
        yield Static("", classes="big-block", markup=False)

    @property
    def block(self) -> bool:
        return self._block

    @block.setter
    def block(self, value: bool) -> None:
        if value != self._block:
            self._block = value
            if self.is_mounted:
                self.update(self._value)

    def on_mount(self) -> None:
        self.update(self._value)

    @property
    def value(self) -> str:
        return self._value

    @property
    def drawn_with_digits(self) -> bool:
        return digits_can_draw(self._value)

    def update(self, value: str) -> None:
        self._value = value
        digits = self.query_one(Digits)
        label = self.query_one(".big-label", Static)
        block = self.query_one(".big-block", Static)
        use_block = self._block and blockfont.can_draw(value)
        self.set_class(use_block, "-block")
        block.display = use_block
        if use_block:
            block.update("\n".join(blockfont.render(value)))
            digits.display = False
            label.display = False
        elif digits_can_draw(value):
            digits.update(value)
            digits.display = True
            label.display = False
        else:
            label.update(value)
            label.display = True
            digits.display = False


class NowCalling(Vertical):
    """Ticket number → counter number, both large; `-fresh` highlights a new call."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)

    def compose(self) -> ComposeResult:
        with Horizontal(id="calling-row"):
            yield BigNumber(id="calling-number")
            yield Static("→", id="calling-arrow", markup=False)
            yield Static("", id="calling-counter-before", classes="counter-label", markup=False)
            yield BigNumber(id="calling-counter")
            yield Static("", id="calling-counter-label", classes="counter-label", markup=False)
        yield Static("", id="calling-empty", markup=False)

    def show(
        self,
        number: str | None,
        counter: int | None,
        labels: tuple[str, str],
        empty: str,
    ) -> None:
        """`labels`: the words before and after the counter number (言語ごと)."""
        row = self.query_one("#calling-row")
        empty_label = self.query_one("#calling-empty", Static)
        if number is None:
            row.display = False
            empty_label.display = True
            empty_label.update(empty)
            return
        row.display = True
        empty_label.display = False
        self.query_one("#calling-number", BigNumber).update(number)
        self.query_one("#calling-counter", BigNumber).update(
            str(counter) if counter is not None else "-"
        )
        before = self.query_one("#calling-counter-before", Static)
        before.update(labels[0])
        before.display = bool(labels[0])
        after = self.query_one("#calling-counter-label", Static)
        after.update(labels[1])
        after.display = bool(labels[1])
