"""What is printed for a visitor: the ticket and the second-visit slip, as documents.

A `Document` is language-resolved text (office, procedure, the big number or code, when it
was issued, how many are ahead and the estimate, warnings, what to bring, a note) plus the QR
data; `services/printing.py` draws it as PNG and SVG on white paper. Both the reception and
the CLI print through `print_ticket`, so a ticket looks the same whoever issued it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from queue_app.domain.assessment import NEEDS, VisitKind
from queue_app.domain.bring import bring_keys
from queue_app.domain.inquiry_views import SlipView, day_label
from queue_app.i18n import Translator, wait_text

if TYPE_CHECKING:
    from queue_app.domain.calendar import Calendar
    from queue_app.domain.config import Config
    from queue_app.services.views import IssueResult


@dataclass(frozen=True)
class Document:
    title: str  # the office (and where it is)
    heading: str  # 番号札 / 予約票
    big: str  # the ticket number or the appointment code
    lines: tuple[str, ...]  # procedure, time, people ahead, estimate...
    warnings: tuple[str, ...]
    bring_title: str
    bring: tuple[str, ...]
    note: str
    qr_data: str
    lang: str

    def text_lines(self) -> list[str]:
        out = [self.title, self.heading, self.big, *self.lines]
        out += [f"! {w}" for w in self.warnings]
        if self.bring:
            out.append(f"{self.bring_title}:")
            out += [f"・{item}" for item in self.bring]
        if self.note:
            out.append(self.note)
        return out


def warning_texts(
    result: IssueResult, config: Config, calendar: Calendar, tr: Translator
) -> list[str]:
    """The issue warnings as sentences (the late-ticket one names its end time and where
    or when else to go)."""
    texts = []
    for key in result.warnings:
        est = result.estimate
        if key != "warn.after_close" or est is None:
            texts.append(tr(key))
            continue
        if est.alternative_office:
            other = config.offices[est.alternative_office]
            alt = tr("warn.alt_office", office=other.name(tr.lang))
            if est.alternative_end is not None:
                until = calendar.local(other.id, est.alternative_end).strftime("%H:%M")
                alt = tr("warn.alt_office_until", office=other.name(tr.lang), end=until)
        elif est.next_open_day:
            alt = tr("warn.alt_day", day=est.next_open_day.isoformat())
        else:
            alt = ""
        zone_office = result.ticket.office_id
        end = (
            calendar.local(zone_office, est.reception_end).strftime("%H:%M")
            if est.reception_end
            else "-"
        )
        texts.append(tr(key, end=end, alternative=alt))
    return texts


def ticket_document(result: IssueResult, config: Config, calendar: Calendar, lang: str) -> Document:
    tr = Translator(lang)
    t = result.ticket
    office = config.office(t.office_id)
    service = config.services.get(t.service_id)
    issued = calendar.local(t.office_id, t.issued_at)
    lines = [
        f"{tr('doc.procedure')}: {service.name(tr.lang) if service else t.service_id}",
        f"{tr('doc.issued')}: {day_label(issued.date(), tr.lang)} {issued:%H:%M}",
    ]
    lines += plan_lines(t.plan_id, config, tr)
    est = result.estimate
    if est is not None:
        lines.append(f"{tr('doc.ahead')}: {tr('doc.people', n=est.people_ahead)}")
        lines.append(f"{tr('doc.estimate')}: {wait_text(tr, est.minutes)}")
    bring: list[str] = []
    if t.visit_kind in VisitKind._value2member_map_:
        # what to have ready at the counter, from the same rules as the assessment
        for need in NEEDS[VisitKind(t.visit_kind)]:
            bring.append(tr(f"item.{need.value}"))
    location = office.location_ja if tr.lang == "ja" else office.location_en
    return Document(
        title=office.name(tr.lang) + (f" ({location})" if location else ""),
        heading=tr("doc.ticket"),
        big=t.display_number,
        lines=tuple(lines),
        warnings=tuple(warning_texts(result, config, calendar, tr)),
        bring_title=tr("doc.have_ready"),
        bring=tuple(bring),
        note=tr("doc.ticket_note"),
        qr_data=result.qr,
        lang=tr.lang,
    )


def plan_lines(plan_id: str | None, config: Config, tr: Translator) -> list[str]:
    """A named plan's steps in order, for the ticket (one number for the whole visit)."""
    plan = config.plans.get(plan_id) if plan_id else None
    if plan is None:
        return []
    lines = [f"{tr('doc.plan', plan=plan.name(tr.lang))}:"]
    for i, sid in enumerate(plan.steps, start=1):
        service = config.services.get(sid)
        lines.append(f" {i}. {service.name(tr.lang) if service else sid}")
    return lines


def slip_document(slip: SlipView, lang: str) -> Document:
    tr = Translator(lang)
    appt = slip.appointment
    en = tr.lang == "en"
    office = slip.office_name_en if en else slip.office_name_ja
    location = slip.location_en if en else slip.location_ja
    lines = [
        f"{tr('inq.slip.service')}: {slip.service_name_en if en else slip.service_name_ja}",
        f"{tr('inq.slip.when')}: {day_label(appt.day, tr.lang)} {appt.start}-{appt.end}",
    ]
    if slip.deadline is not None:
        lines.append(f"{tr('inq.slip.deadline')}: {day_label(slip.deadline, tr.lang)}")
    return Document(
        title=office + (f" ({location})" if location else ""),
        heading=tr("inq.slip.title"),
        big=appt.code,
        lines=tuple(lines),
        warnings=(),
        bring_title=tr("inq.slip.bring"),
        bring=tuple(tr(key) for key in bring_keys(slip.visit_kind, slip.reason)),
        note=tr("inq.slip.note"),
        qr_data=slip.qr,
        lang=tr.lang,
    )


def plain_document(
    label: str, lines: list[str], qr_data: str, lang: str = "ja", title: str = ""
) -> Document:
    """A minimal document (the number, a few lines, the QR) for old callers."""
    return Document(title, "", label, tuple(x for x in lines if x), (), "", (), "", qr_data, lang)


__all__ = ["Document", "slip_document", "ticket_document", "warning_texts", "plain_document"]
