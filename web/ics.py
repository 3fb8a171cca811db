"""An appointment as an iCalendar file (RFC 5545) for the visitor's phone calendar."""

from __future__ import annotations

from datetime import UTC, datetime

from queue_app.services.visitor import SlipPage
from web.i18n import WebText


def _escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r", "")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded (continuation lines start with a space)."""
    out: list[str] = []
    current = ""
    for ch in line:
        if len((current + ch).encode("utf-8")) > 75:
            out.append(current)
            current = " " + ch
        else:
            current += ch
    out.append(current)
    return "\r\n".join(out)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(slip: SlipPage, tr: WebText, page_url: str, now: datetime | None = None) -> bytes:
    service = tr.service(slip.service_id)
    place = tr.office(slip.office_id)
    location = tr.location(slip.office_id)
    bring = [tr(f"web.bring.{item}") for item in slip.bring]
    description = "\n".join(
        [f"{tr('web.slip.code')}: {slip.code}", f"{tr('web.slip.bring')}:"]
        + [f"- {item}" for item in bring]
        + ["", tr("web.slip.show"), page_url]
    )
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Madoguchi//Appointment slip//JA",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:madoguchi-{slip.code}-{slip.day.isoformat()}@{slip.office_id}",
        f"DTSTAMP:{_utc(now or datetime.now(UTC))}",
        f"DTSTART:{_utc(slip.start)}",
        f"DTEND:{_utc(slip.end)}",
        f"SUMMARY:{_escape(tr('web.slip.ics_title', service=service, code=slip.code))}",
        f"LOCATION:{_escape(place + (' ' + location if location else ''))}",
        f"DESCRIPTION:{_escape(description)}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")
