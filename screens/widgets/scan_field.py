"""The scanner field: a one-line input that a USB QR scanner types into.

A scanner types like a very fast keyboard and ends with Enter, so the field keeps the focus
on screens where slips and tickets are scanned, and no action there is on a printable key.
Its Enter is shown in the footer with what it does on that screen; ↓ moves to the next
widget (the list below), as a single-line field has nothing to scroll.
"""

from __future__ import annotations

from textual.binding import Binding, BindingsMap
from textual.widgets import Input


class ScanField(Input):
    def __init__(
        self,
        *,
        enter_label: str,
        placeholder: str = "",
        id: str | None = None,  # noqa: A002 - Textual's own name
        compact: bool = True,
    ) -> None:
        super().__init__(placeholder=placeholder, id=id, compact=compact)
        mine = BindingsMap(
            [
                Binding("enter", "submit", enter_label),
                Binding("down", "app.focus_next", show=False),
            ]
        )
        keep = BindingsMap()
        keep.key_to_bindings = {
            key: list(bindings)
            for key, bindings in self._bindings.key_to_bindings.items()
            if key not in mine.key_to_bindings
        }
        self._bindings = BindingsMap.merge([mine, keep])
