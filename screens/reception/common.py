"""Helpers shared by the reception screen and its modals."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len

from queue_app.domain.errors import MadoguchiError
from screens.widgets.keys import translated_bindings

if TYPE_CHECKING:
    from queue_app.i18n import Translator

__all__ = [
    "app_of",
    "crop",
    "decision_label",
    "error_text",
    "minutes_between",
    "translated_bindings",
    "visit_label",
]


def error_text(error: BaseException, tr: Translator) -> str:
    if isinstance(error, MadoguchiError):
        return error.message(tr.lang)
    return tr("ui.unexpected_error", error=f"{type(error).__name__}: {error}")


def crop(text: str, width: int) -> str:
    """Crop to `width` terminal cells, with an ellipsis when something was cut."""
    if cell_len(text) <= width:
        return text
    out = ""
    for ch in text:
        if cell_len(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


def minutes_between(start: datetime | None, end: datetime) -> int:
    if start is None:
        return 0
    return max(0, int((end - start).total_seconds() // 60))


def visit_label(tr: Translator, kind: str) -> str:
    return tr(f"reception.visit.{kind}") if kind else tr("reception.visit.none")


def decision_label(tr: Translator, decision: str) -> str:
    return tr(f"reception.decision.short.{decision}") if decision else "-"


def app_of(node: Any) -> Any:
    """The MadoguchiApp (typed loosely: screens must not import the app module's services)."""
    return node.app
