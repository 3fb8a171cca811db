"""The case: load it, open it from the ticket, record the mailing date."""

from __future__ import annotations

from datetime import date

from textual import on, work
from textual.widgets import Button, DataTable, Input, Select, Static

from queue_app.domain.dates import DateInputError, parse_date
from queue_app.domain.inquiry import InquiryReason
from queue_app.domain.inquiry_views import (
    WEEKDAY_EN,
    WEEKDAY_JA,
    day_label,
)
from screens.scheduling.messages import CaseLoaded
from screens.scheduling.slots_panel import SchedulingSlots
from screens.widgets.keys import KeySpec, translated_bindings


def default_reason(visit_kind: str) -> str:
    if visit_kind.startswith("agent"):
        return InquiryReason.AGENT_FIRST.value
    if visit_kind == "guardian":
        return InquiryReason.GUARDIAN_NO_PHOTO_ID.value
    return InquiryReason.PIN_RESET.value


class SchedulingCase(SchedulingSlots):
    KEYS: list[KeySpec] = [
        ("f7", "prev_month", "inq.keys.prev_month", True),
        ("f8", "next_month", "inq.keys.next_month", True),
        ("f10", "confirm", "inq.keys.confirm", True),
        ("escape", "close", "inq.ui.close", True),
    ]

    def on_mount(self) -> None:
        # footer labels in the clerk's language, added to the screen's own (Tab, Shift+Tab)
        self._bindings = translated_bindings(self.tr, self.KEYS, base=self._bindings)
        self.refresh_bindings()
        table = self.query_one("#month", DataTable)
        lang = self.tr.lang
        for i in range(7):
            table.add_column(WEEKDAY_EN[i] if lang == "en" else WEEKDAY_JA[i], width=6)
        self.load_case()

    # -- case ------------------------------------------------------------------------------
    @work(thread=True, exit_on_error=False, group="case")
    def load_case(self) -> None:
        inq = self.services.inquiries
        visit_kind = ""
        if self.case_id is not None:
            case = inq.get_case(self.case_id)
        elif self.ticket_id is not None:
            case = inq.case_for_ticket(self.ticket_id)
            visit_kind = self.services.tickets.get(self.ticket_id).visit_kind
        else:
            case = None
        self.post_message(CaseLoaded(case, visit_kind))

    @on(CaseLoaded)
    def _case_loaded(self, message: CaseLoaded) -> None:
        self.case = message.case
        self.visit_kind = message.visit_kind or self.visit_kind
        case = self.case
        tr = self.tr
        info = self.query_one("#case-info", Static)
        self._show("case-form", case is None and self.ticket_id is not None)
        self._show("mail-form", case is not None and case.state == "opened")
        self._show("booking", case is not None and case.state == "mailed")
        if case is None:
            info.update(tr("inq.ui.no_case"))
            self.query_one("#reason", Select).value = default_reason(self.visit_kind)
            self._next_step("reason")
            return
        self.case_id = case.id
        lines = [
            tr(
                "inq.ui.case",
                id=case.id,
                reason=tr(f"inq.reason.{case.reason}"),
                state=tr(f"inq.state.{case.state}"),
            )
        ]
        if case.mailed_on and case.deadline:
            lines.append(
                tr(
                    "inq.ui.case_deadline",
                    mailed=case.mailed_on.isoformat(),
                    deadline=case.deadline.isoformat(),
                    days=case.days_left,
                )
            )
        if case.state == "booked" and case.appointment is not None:
            a = case.appointment
            lines.append(
                tr(
                    "inq.ui.already_booked",
                    code=a.code,
                    day=day_label(a.day, tr.lang),
                    start=a.start,
                )
            )
            self.load_slip(a.id)
        elif case.state not in ("opened", "mailed"):
            lines.append(tr("inq.ui.closed_case", state=tr(f"inq.state.{case.state}")))
        info.update("\n".join(lines))
        if case.state == "opened":
            today = self.services.inquiries.today(case.office_id)
            self.query_one("#mailed-on", Input).value = today.isoformat()
            self._next_step("mailed-on")
        elif case.state != "mailed" and case.appointment is None:
            self._focus_origin = None  # a closed case: nothing to do but read and leave
        if case.state == "mailed":
            offices = [o for _, o in self._offices()]
            office = case.office_id if case.office_id in offices else offices[0]
            self.office_id = office
            select = self.query_one("#office", Select)
            with select.prevent(Select.Changed):
                select.value = office
            self.year_month = None
            self.load_month()

    @on(Input.Submitted, "#name-kana")
    def _kana_entered(self) -> None:
        self.set_focus(self.query_one("#phone"))

    @on(Input.Submitted, "#phone")
    @on(Button.Pressed, "#open-case")
    def _open_case(self) -> None:
        if self.ticket_id is None or self.query_one("#open-case", Button).disabled:
            return
        self._request_started()
        reason = str(self.query_one("#reason", Select).value)
        kana = self.query_one("#name-kana", Input).value
        phone = self.query_one("#phone", Input).value
        self.query_one("#open-case", Button).disabled = True
        self.open_case(self.ticket_id, reason, kana, phone)

    @work(thread=True, exit_on_error=False, group="write")
    def open_case(self, ticket_id: int, reason: str, kana: str, phone: str) -> None:
        case = self.services.inquiries.open_case(
            ticket_id, reason, name_kana=kana or None, phone=phone or None, staff=self.staff
        )
        self.post_message(CaseLoaded(case))

    @on(Input.Submitted, "#mailed-on")
    @on(Button.Pressed, "#mark-mailed")
    def _mark_mailed(self) -> None:
        if self.case is None or self.query_one("#mark-mailed", Button).disabled:
            return
        raw = self.query_one("#mailed-on", Input).value
        try:
            mailed = parse_date(raw)  # 2026-12-01, 2026/12/1, R8.12.1, 令和8年12月1日
        except DateInputError as exc:
            problem = exc.for_field(self.tr("inq.ui.mailed_on")).message(self.tr.lang)
            self.notify(problem, severity="error")
            return
        self._request_started()
        self.query_one("#mark-mailed", Button).disabled = True
        self.mark_mailed(self.case.id, mailed)

    @work(thread=True, exit_on_error=False, group="write")
    def mark_mailed(self, case_id: int, mailed: date) -> None:
        case = self.services.inquiries.mark_mailed(case_id, mailed, staff=self.staff)
        self.post_message(CaseLoaded(case))
