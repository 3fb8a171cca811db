"""The intake form's widgets and the expiry field's status line.

The form fits 80x24 without scrolling: visit kinds and brought items in two columns with
the short labels, the PIN status on two rows, the certificates to renew and the expiry on
one row each. Each part has its own key (F5 visit, F6 brought, F7 expiry) so the clerk
never tabs eleven times; Tab still goes through everything top to bottom, left to right.

The expiry field reads every written form of a date (2027-05-07, 2027/5/7, R9.5.7,
令和9年5月7日) with the domain's one parser and says back the date it read.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Checkbox, Input, Label, RadioButton, RadioSet, Select

from queue_app.domain.assessment import Certificate, Item, PinStatus, VisitKind
from queue_app.domain.dates import DateInputError, parse_date, wareki
from queue_app.domain.renewal import RenewalStatus, assess_renewal

if TYPE_CHECKING:
    from queue_app.i18n import Translator

EXPIRY_MAX_LENGTH = 20  # 令和元年12月31日, ２０２７年１２月３１日 and spaces


def intake_form(tr: Translator) -> ComposeResult:
    """The e-certificate assessment's fields (yielded inside the form's container)."""
    with Vertical(id="assessment"):
        yield Label(tr("reception.intake.visit_key"), classes="field")
        with RadioSet(id="visit", compact=True):
            for kind in VisitKind:
                yield RadioButton(
                    tr(f"reception.visit.{kind.value}"),
                    value=kind is VisitKind.SELF,
                    id=f"visit-{kind.value}",
                    compact=True,
                )
        yield Label(tr("reception.intake.brought_key"), classes="field")
        with Grid(id="items"):
            for item in Item:
                yield Checkbox(
                    tr(f"reception.item.{item.value}"), id=f"item-{item.value}", compact=True
                )
        yield Label(tr("reception.intake.pin"), classes="field")
        with Grid(classes="pins"):
            for cert in (Certificate.USER, Certificate.SIGN):
                yield Label(tr(f"reception.intake.pin_{cert.value}"))
                yield Select(
                    [(tr(f"pin.{p.value}"), p.value) for p in PinStatus],
                    value=PinStatus.KNOWN.value,
                    allow_blank=False,
                    id=f"pin-{cert.value}",
                    compact=True,
                )
        with Horizontal(classes="renew"):
            yield Label(tr("reception.intake.renew_short"))
            for cert in (Certificate.USER, Certificate.SIGN):
                yield Checkbox(
                    tr(f"reception.intake.pin_{cert.value}"),
                    value=True,
                    id=f"renew-{cert.value}",
                    compact=True,
                )
        with Horizontal(classes="expiry"):
            yield Label(tr("reception.intake.expiry_key"))
            yield Input(
                placeholder=tr("reception.intake.expiry_forms"),
                id="expiry",
                compact=True,
                max_length=EXPIRY_MAX_LENGTH,
            )
        yield Label("", id="expiry-status")
        yield Checkbox(tr("reception.intake.card_expiring"), id="card-expiring", compact=True)


def read_expiry(raw: str) -> date | None:
    """The date typed into the expiry field, None while it is empty or not a date yet."""
    try:
        return parse_date(raw)
    except DateInputError:
        return None


def expiry_status(raw: str, today: date, tr: Translator) -> Text:
    """What the expiry field's line says: the date read and where today falls, or why the
    text is not a date (dim: the clerk may still be typing)."""
    if not raw.strip():
        return Text("")
    try:
        expiry = parse_date(raw)
    except DateInputError as exc:
        return Text(exc.message(tr.lang), style="dim")
    r = assess_renewal(expiry, today)
    read = wareki(expiry) if tr.lang == "ja" else expiry.isoformat()
    line = Text(f"= {read} ", style="bold")
    if r.status is RenewalStatus.OPEN:
        line.append(tr("reception.renewal.open", days=r.days_left), style="bold green")
    elif r.status is RenewalStatus.TOO_EARLY:
        line.append(
            tr(
                "reception.renewal.too_early",
                start=r.window_start.isoformat(),
                days=r.days_until_window,
            ),
            style="bold yellow",
        )
    else:
        line.append(tr("reception.renewal.expired", days=r.days_since_expiry), style="bold red")
    window = tr(
        "renewal.window_range", start=r.window_start.isoformat(), end=r.window_end.isoformat()
    )
    line.append(f"\n{window}")
    return line
