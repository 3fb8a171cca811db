"""The reception screen's panes: header, banner, current ticket, waiting list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Digits, Static

from screens.reception.common import crop, decision_label, minutes_between, visit_label

if TYPE_CHECKING:
    from queue_app.domain.config import Config
    from queue_app.i18n import Translator
    from queue_app.services.views import TicketView

BIG_CHARS = set("0123456789-ABCDEF")


@dataclass(frozen=True)
class HeaderInfo:
    office: str
    counter: int
    staff: str | None
    hours: str
    now: datetime
    minutes_left: int | None  # None: closed right now
    closed_reason: str | None  # the whole office is closed today
    service_note: str | None  # a service closed today (e.g. system maintenance)
    before_open: bool
    lang: str


class HeaderBar(Static):
    """Office │ counter │ staff │ hours │ clock, on one line."""

    def show(self, info: HeaderInfo, tr: Translator) -> None:
        staff = (
            tr("reception.header.staff", name=info.staff)
            if info.staff
            else tr("reception.header.no_staff")
        )
        parts = [
            info.office,
            tr("reception.header.counter", counter=info.counter),
            staff,
            tr("reception.header.hours", hours=info.hours),
            info.now.strftime("%m/%d %H:%M"),
        ]
        self.update(Text(" │ ".join(parts), no_wrap=True, overflow="ellipsis"))


class Banner(Static):
    """Closed day (red), reception ending soon (yellow), a service closed today."""

    def show(self, info: HeaderInfo, tr: Translator) -> None:
        self.remove_class("-closed", "-closing", "-note")
        text = ""
        if info.closed_reason is not None:
            text = tr("reception.banner.closed", reason=info.closed_reason)
            self.add_class("-closed")
        elif info.minutes_left is not None and info.minutes_left < 60:
            text = tr("reception.header.closing", minutes=info.minutes_left)
            self.add_class("-closing")
        elif info.minutes_left is None and not info.before_open:
            text = tr("reception.header.ended")
            self.add_class("-closing")
        elif info.before_open:
            text = tr("reception.header.before_open")
            self.add_class("-note")
        if info.service_note and info.closed_reason is None:
            text = f"{text}  {info.service_note}".strip()
            self.add_class("-note" if "-closing" not in self.classes else "-closing")
        ended = info.minutes_left is None and not info.before_open
        if info.closed_reason is not None or ended or info.service_note:
            text = f"{text}  {tr('reception.override.hint')}"  # F12 is not in the footer
        self.update(text)
        self.display = bool(text)


class BigNumber(Static):
    """A ticket number drawn large (Digits knows 0-9, A-F and '-'; else a bold label)."""

    def compose(self) -> ComposeResult:
        yield Digits("", id="big-digits")
        yield Static("", id="big-plain")

    def set_number(self, label: str) -> None:
        digits = self.query_one("#big-digits", Digits)
        plain = self.query_one("#big-plain", Static)
        if label and set(label) <= BIG_CHARS:
            digits.update(label)
            digits.display, plain.display = True, False
        else:
            plain.update(Text(label, style="bold"))
            digits.display, plain.display = False, True


class CurrentTicketPanel(Vertical):
    """The ticket at this counter (or the one just opened by the scanner)."""

    def compose(self) -> ComposeResult:
        yield Static("", id="current-caption")
        yield BigNumber(id="current-number")
        yield Static("", id="current-details")

    def show(
        self,
        ticket: TicketView | None,
        opened: bool,
        now: datetime,
        config: Config,
        counter: int,
        tr: Translator,
    ) -> None:
        caption = self.query_one("#current-caption", Static)
        details = self.query_one("#current-details", Static)
        number = self.query_one("#current-number", BigNumber)
        self.set_class(opened, "-opened")
        if ticket is None:
            caption.update(tr("reception.current.title"))
            number.set_number("")
            number.display = False
            details.update(tr("reception.current.none"))
            return
        number.display = True
        caption.update(tr("reception.current.opened") if opened else tr("reception.current.title"))
        number.set_number(ticket.display_number)
        service = config.services.get(ticket.service_id)
        lines: list[Text | str] = []
        service_name = service.name(tr.lang) if service else ticket.service_id
        lines.append(f"{tr('reception.current.service')}: {service_name}")
        if ticket.visit_kind:
            lines.append(f"{tr('reception.current.visit')}: {visit_label(tr, ticket.visit_kind)}")
        if ticket.decision:
            lines.append(
                f"{tr('reception.current.decision')}: {decision_label(tr, ticket.decision)}"
            )
        state = tr(f"state.{ticket.state}")
        if ticket.counter is not None and ticket.state in ("called", "serving"):
            state += " " + tr("reception.current.counter", counter=ticket.counter)
        if ticket.recall_count:
            state += " " + tr("reception.current.recalls", count=ticket.recall_count)
        lines.append(f"{tr('reception.current.state')}: {state}")
        lines.append(
            f"{tr('reception.current.issued')}: {ticket.issued_at.astimezone(now.tzinfo):%H:%M}"
        )
        since = ticket.started_at or ticket.called_at
        if since is not None and ticket.state in ("called", "serving"):
            secs = max(0, int((now - since).total_seconds()))
            elapsed = tr("reception.elapsed", minutes=secs // 60, seconds=secs % 60)
            lines.append(f"{tr('reception.current.elapsed')}: {elapsed}")
        if opened and ticket.state == "waiting":
            lines.append(Text(tr("reception.current.hint_call"), style="bold"))
        text = Text()
        for i, line in enumerate(lines):
            if i:
                text.append("\n")
            text.append(line if isinstance(line, Text) else Text(line))
        details.update(text)


class WaitingTable(DataTable[object]):
    """The office's waiting queue in call order; minutes over the target are red.

    The service and visit columns share the width the pane has (80x24: about 14 and 10
    cells; a large terminal: the whole name), so nothing is cut that does not have to be."""

    NUMBER_WIDTH = 5
    # rows from this index on are other counters' visitors (dimmed); None: all callable
    callable_rows: int | None = None
    MIN_SERVICE, MIN_VISIT = 12, 8

    def setup(self, tr: Translator, config: Config | None = None) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = False
        self._tr = tr
        self._config = config
        self._rows: tuple[list[TicketView], datetime, Config, int] | None = None
        # a wait of three digits with its unit ("115分" is 5 cells): cut, it read "115"
        self.minutes_width = max(cell_len(tr("reception.waiting.minutes", minutes=999)), 4)
        self._widths = self._column_widths()
        self._add_columns()

    def _natural(self) -> tuple[int, int]:
        """The widest service name and visit label: a column never needs more."""
        tr, config = self._tr, self._config
        if config is None:
            return 40, 20
        services = [cell_len(s.name(tr.lang)) for s in config.services.values()] or [12]
        visits = [
            cell_len(tr(f"reception.visit.{kind}"))
            for kind in ("self", "agent_with_answer", "agent_first", "agent_second", "guardian")
        ]
        return max(services), max(visits)

    def _column_widths(self) -> tuple[int, int]:
        width = self.size.width or 40
        padding = 2 * self.cell_padding * 4
        free = width - padding - self.NUMBER_WIDTH - self.minutes_width - 1  # 1: scrollbar
        service_max, visit_max = self._natural()
        service = max(self.MIN_SERVICE, min(service_max, free * 3 // 5))
        visit = max(self.MIN_VISIT, min(visit_max, free - service))
        if service < service_max:  # what the visit column does not use goes to the service
            service = max(self.MIN_SERVICE, min(service_max, free - visit))
        return service, visit

    def _add_columns(self) -> None:
        tr = self._tr
        service, visit = self._widths
        self.add_column(tr("reception.waiting.col.number"), width=self.NUMBER_WIDTH, key="number")
        self.add_column(
            tr("reception.waiting.col.minutes"), width=self.minutes_width, key="minutes"
        )
        self.add_column(tr("reception.waiting.col.service"), width=service, key="service")
        self.add_column(tr("reception.waiting.col.visit"), width=visit, key="visit")

    def on_resize(self) -> None:
        if not hasattr(self, "_tr"):
            return
        widths = self._column_widths()
        if widths == self._widths:
            return
        self._widths = widths
        self.clear(columns=True)
        self._add_columns()
        if self._rows is not None:
            self.show(*self._rows, self._tr)

    def show(
        self,
        tickets: list[TicketView],
        now: datetime,
        config: Config,
        target_minutes: int,
        tr: Translator,
    ) -> None:
        self._rows = (tickets, now, config, target_minutes)
        service_width, visit_width = self._widths
        keep = self.cursor_row
        self.clear()
        here = self.callable_rows if self.callable_rows is not None else len(tickets)
        for i, t in enumerate(tickets):
            minutes = minutes_between(t.queued_at, now)
            over = minutes > target_minutes
            service = config.services.get(t.service_id)
            name = service.name(tr.lang) if service else t.service_id
            self.add_row(
                Text(t.display_number, style="bold" if i < here else "dim"),
                Text(
                    tr("reception.waiting.minutes", minutes=minutes),
                    style="bold red" if over else "",
                    justify="right",
                ),
                # another counter's visitor: listed after this counter's, dimmed
                Text(crop(name, service_width), style="" if i < here else "dim"),
                crop(visit_label(tr, t.visit_kind), visit_width) if t.visit_kind else "",
                key=str(t.id),
            )
        if tickets:
            self.move_cursor(row=min(keep, len(tickets) - 1))
