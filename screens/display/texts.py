"""The display's lines of text drawn from a snapshot: the clock and today's hours (with the
closures announced ahead)."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from queue_app.i18n import Translator
from queue_app.services.board import BoardSnapshot, Closure


def today_text(tr: Translator, snap: BoardSnapshot) -> Text:
    """Today's hours (or why the office is closed), the minutes until reception closes,
    and the closures to come."""
    lang = tr.lang
    text = Text()
    if snap.today_open:
        hours = ", ".join(f"{a}-{b}" for a, b in (h.as_pair() for h in snap.hours))
        text.append(tr("display.hours", hours=hours), style="bold")
        if snap.minutes_until_close is not None:
            text.append("  ")
            text.append(
                tr("display.until_close", m=snap.minutes_until_close),
                style="bold black on yellow",
            )
        elif not snap.open_now and snap.hours and snap.now.time() >= snap.hours[-1].end:
            text.append("  ")
            text.append(tr("display.reception_over"), style="bold")
    else:
        reason = snap.closed_reason.text(lang) if snap.closed_reason else ""
        text.append(tr("display.closed_today", reason=reason), style="bold")
    for closure in snap.closures:
        text.append("  /  ", style="dim")
        text.append(closure_text(tr, snap, closure), style="yellow")
    return text


def closure_text(tr: Translator, snap: BoardSnapshot, closure: Closure) -> str:
    lang = tr.lang
    when = day_text(tr, snap, closure.start)
    if closure.end != closure.start:
        when = tr("display.date_range", a=when, b=day_text(tr, snap, closure.end))
    reason = closure.reason.text(lang) if closure.reason else ""
    if closure.service_id is None:
        return tr("display.closure_office", when=when, reason=reason)
    return tr(
        "display.closure_service",
        when=when,
        service=closure.service_name(lang),
        reason=reason,
    )


def day_text(tr: Translator, snap: BoardSnapshot, day: date) -> str:
    if (day - snap.service_day).days == 1:
        return tr("display.tomorrow")
    return tr("display.date", m=day.month, d=day.day, wd=tr(f"weekday.{day.weekday()}"))


def clock_text(tr: Translator, snap: BoardSnapshot) -> str:
    day = tr(
        "display.date",
        m=snap.now.month,
        d=snap.now.day,
        wd=tr(f"weekday.{snap.now.weekday()}"),
    )
    return f"{day} {snap.now:%H:%M}"
