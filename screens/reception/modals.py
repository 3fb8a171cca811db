"""Reception modals: staff login, intake, issued ticket, outcome, transfer, call by number."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Checkbox,
    Digits,
    Footer,
    Input,
    Label,
    OptionList,
    RadioButton,
    RadioSet,
    Select,
    Static,
)
from textual.widgets.option_list import Option

from queue_app.domain.assessment import (
    Assessment,
    Certificate,
    Decision,
    Item,
    PinStatus,
    VisitInput,
    VisitKind,
    assess_visit,
)
from queue_app.domain.renewal import RenewalStatus, assess_renewal
from queue_app.domain.tickets import Outcome
from queue_app.qr import half_blocks
from screens.reception.common import error_text, translated_bindings
from screens.reception.widgets import BIG_CHARS
from screens.widgets.qr import QRCode

if TYPE_CHECKING:
    from queue_app.i18n import Translator
    from queue_app.services.views import IssueResult, TicketView

NEW_CARD_SERVICE = "other"  # where a visitor whose CARD expires gets the application form


# -- staff login -------------------------------------------------------------------------
class StaffLoginScreen(ModalScreen[str]):
    """Asks the staff code once; every action is stamped with it."""

    def compose(self) -> ComposeResult:
        tr = self.app.tr  # type: ignore[attr-defined]
        with Vertical(id="login-box", classes="dialog"):
            yield Label(tr("reception.login.title"), classes="dialog-title")
            yield Input(placeholder=tr("reception.login.placeholder"), id="login-code")
            yield Static("", id="login-error", classes="error")

    @on(Input.Submitted, "#login-code")
    def _submitted(self, event: Input.Submitted) -> None:
        app: Any = self.app
        code = event.value.strip().upper()
        staff = app.services.config.staff.get(code)
        office = app.options.office_id
        if staff is None or (staff.offices and office not in staff.offices):
            self.query_one("#login-error", Static).update(
                app.tr("reception.login.unknown", value=event.value.strip())
            )
            event.input.value = ""
            return
        self.dismiss(code)


# -- intake ------------------------------------------------------------------------------
@dataclass(frozen=True)
class IntakePlan:
    """What the form says to issue, or why not (a catalogue text already translated)."""

    service_id: str | None
    visit_kind: str
    decision: str
    blocked: str | None
    note: str | None


class Issued(Message):
    def __init__(self, result: IssueResult, qr_lines: list[str] | None = None) -> None:
        super().__init__()
        self.result = result
        self.qr_lines = qr_lines  # drawn in the worker: the UI thread only shows them


class TicketQR(QRCode):
    """The QR widget, fed with half-block lines computed off the UI thread."""

    def set_lines(self, data: str, lines: list[str]) -> None:
        self._data = data
        self._lines = list(lines)
        self.refresh(layout=True)


class IssueFailed(Message):
    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error


class IntakeScreen(ModalScreen["IssueResult | None"]):
    """Who came, what they brought, the live decision, then one key to issue."""

    def __init__(
        self,
        on_issued: Callable[[IssueResult, IssuedTicketScreen], None] | None = None,
        ticket_screen: IssuedTicketScreen | None = None,
    ) -> None:
        super().__init__()
        app: Any = self.app
        self.tr: Translator = app.tr
        self.on_issued = on_issued
        self.ticket_screen = ticket_screen  # the reception screen's reusable ticket screen
        self.services = app.services
        self.office = app.services.config.office(app.options.office_id)
        self.staff: str | None = None
        self.request_id = uuid.uuid4().hex  # one issue per opened form, whatever happens
        self.service_ids = list(self.office.services)
        self.ecert = app.services.config.settings.inquiry.service
        self.service_id = self.ecert if self.ecert in self.service_ids else self.service_ids[0]
        self.in_flight = False
        self.error_shown = False
        self.assessment: Assessment | None = None
        self.today: date = app.services.calendar.service_day(
            self.office.id, app.services.clock.now()
        )
        specs: list[tuple[str, str, str] | tuple[str, str, str, bool]] = [
            ("f10", "issue", "reception.key.issue"),
            ("escape", "cancel", "reception.key.cancel"),
        ]
        specs += [(str(i + 1), f"service({i})", "", False) for i in range(len(self.service_ids))]
        self._bindings = translated_bindings(self.tr, specs, base=self._bindings)

    # layout
    def compose(self) -> ComposeResult:
        tr = self.tr
        with Vertical(id="intake", classes="dialog"):
            yield Label(tr("reception.intake.title"), classes="dialog-title")
            yield Static("", id="svc-list")
            with Horizontal(id="intake-body"):
                with VerticalScroll(id="intake-form", can_focus=False):
                    with Vertical(id="assessment"):
                        yield Label(tr("reception.intake.visit"), classes="field")
                        with RadioSet(id="visit", compact=True):
                            for kind in VisitKind:
                                yield RadioButton(
                                    tr(f"visit.{kind.value}"),
                                    value=kind is VisitKind.SELF,
                                    id=f"visit-{kind.value}",
                                    compact=True,
                                )
                        yield Label(tr("reception.intake.brought"), classes="field")
                        with Grid(id="items"):
                            for item in Item:
                                yield Checkbox(
                                    tr(f"reception.item.{item.value}"),
                                    id=f"item-{item.value}",
                                    compact=True,
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
                        yield Label(tr("reception.intake.renew"), classes="field")
                        with Horizontal(classes="renew"):
                            for cert in (Certificate.USER, Certificate.SIGN):
                                yield Checkbox(
                                    tr(f"reception.intake.pin_{cert.value}"),
                                    value=True,
                                    id=f"renew-{cert.value}",
                                    compact=True,
                                )
                        with Horizontal(classes="expiry"):
                            yield Label(tr("reception.intake.expiry"))
                            yield Input(
                                placeholder=tr("reception.intake.expiry_placeholder"),
                                id="expiry",
                                compact=True,
                                max_length=10,
                            )
                        yield Static("", id="expiry-status")
                        yield Checkbox(
                            tr("reception.intake.card_expiring"), id="card-expiring", compact=True
                        )
                with VerticalScroll(id="intake-side", can_focus=False):
                    yield Static("", id="decision")
                    yield Static("", id="missing")
                    yield Static("", id="reasons")
            with Horizontal(id="intake-actions"):
                yield Button(tr("reception.intake.issue"), id="issue", variant="primary")
                yield Static("", id="intake-status")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.staff = getattr(self.app, "options").staff  # noqa: B009
        self._refresh()
        self.query_one("#visit", RadioSet).focus()

    # service choice
    def action_service(self, index: int) -> None:
        if 0 <= index < len(self.service_ids):
            self.service_id = self.service_ids[index]
            self._refresh()

    def _render_services(self) -> Text:
        text = Text()
        config = self.services.config
        for i, sid in enumerate(self.service_ids):
            name = config.services[sid].name(self.tr.lang)
            style = "reverse bold" if sid == self.service_id else ""
            if i:
                text.append(" ")
            text.append(f"{i + 1}:{name}", style=style)
        return text

    # the live assessment
    def visit_input(self) -> VisitInput | None:
        kind_button = self.query_one("#visit", RadioSet).pressed_button
        kind = (
            VisitKind((kind_button.id or "visit-self").removeprefix("visit-"))
            if kind_button
            else VisitKind.SELF
        )
        brought = frozenset(
            item for item in Item if self.query_one(f"#item-{item.value}", Checkbox).value
        )
        renew = frozenset(
            c for c in Certificate if self.query_one(f"#renew-{c.value}", Checkbox).value
        )
        if not renew:
            return None
        pin_user = str(self.query_one("#pin-user", Select).value)
        pin_sign = str(self.query_one("#pin-sign", Select).value)
        return VisitInput(
            kind=kind,
            brought=brought,
            pin_user=PinStatus(pin_user),
            pin_sign=PinStatus(pin_sign),
            renew=renew,
            card_expiring=self.query_one("#card-expiring", Checkbox).value,
            expiry=self._expiry(),
            today=self.today,
        )

    def _expiry(self) -> date | None:
        raw = self.query_one("#expiry", Input).value.strip()
        if len(raw) != 10:
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            return None

    def plan(self) -> IntakePlan:
        tr = self.tr
        if self.service_id != self.ecert:
            return IntakePlan(self.service_id, "", "", None, None)
        visit = self.visit_input()
        if visit is None:
            self.assessment = None
            return IntakePlan(None, "", "", tr("reception.intake.renew") + ": -", None)
        self.assessment = assessment = assess_visit(visit)
        kind = visit.kind.value
        if assessment.decision is Decision.CANNOT_PROCEED:
            return IntakePlan(
                None, kind, assessment.decision.value, tr("reception.intake.blocked"), None
            )
        if assessment.decision is Decision.NEW_CARD_APPLICATION:
            if NEW_CARD_SERVICE not in self.service_ids:
                return IntakePlan(
                    None,
                    kind,
                    assessment.decision.value,
                    tr("reception.intake.new_card_no_service"),
                    None,
                )
            name = self.services.config.services[NEW_CARD_SERVICE].name(tr.lang)
            return IntakePlan(
                NEW_CARD_SERVICE,
                kind,
                assessment.decision.value,
                None,
                tr("reception.intake.new_card_note", service=name),
            )
        return IntakePlan(self.ecert, kind, assessment.decision.value, None, None)

    def _refresh(self) -> None:
        tr = self.tr
        self.query_one("#svc-list", Static).update(self._render_services())
        is_ecert = self.service_id == self.ecert
        self.query_one("#assessment").display = is_ecert
        self._render_expiry()
        plan = self.plan()
        decision = self.query_one("#decision", Static)
        missing = self.query_one("#missing", Static)
        reasons = self.query_one("#reasons", Static)
        if not is_ecert:
            decision.update(Text(tr("reception.intake.no_assessment"), style="bold"))
            decision.set_classes("")
            missing.update("")
            reasons.update("")
        elif self.assessment is None:
            decision.update(Text(plan.blocked or "", style="bold"))
            decision.set_classes("-blocked")
            missing.update("")
            reasons.update("")
        else:
            a = self.assessment
            decision.update(Text(tr(f"decision.{a.decision.value}"), style="bold"))
            decision.set_classes(f"-{a.decision.value}")
            if a.missing:
                names = "、".join(tr(f"reception.item.{m.value}") for m in a.missing)
                missing.update(Text(tr("reception.intake.missing", items=names), style="bold"))
            else:
                missing.update("")
            body = [tr(r) for r in a.reasons] + ["⚠ " + tr(w) for w in a.warnings]
            if plan.note:
                body.insert(0, plan.note)
            reasons.update("\n".join(body))
        button = self.query_one("#issue", Button)
        if self.in_flight:
            button.label = tr("reception.intake.issuing")
            button.disabled = True
        elif plan.blocked:
            button.label = plan.blocked
            button.disabled = True
        else:
            button.label = (
                tr("reception.intake.issue_other")
                if plan.decision == Decision.NEW_CARD_APPLICATION.value
                else tr("reception.intake.issue")
            )
            button.disabled = False

    def _render_expiry(self) -> None:
        status = self.query_one("#expiry-status", Static)
        raw = self.query_one("#expiry", Input).value.strip()
        expiry = self._expiry()
        tr = self.tr
        if not raw:
            status.update("")
            return
        if expiry is None:
            status.update(Text(tr("reception.intake.expiry_invalid"), style="dim"))
            return
        r = assess_renewal(expiry, self.today)
        window = tr(
            "renewal.window_range", start=r.window_start.isoformat(), end=r.window_end.isoformat()
        )
        if r.status is RenewalStatus.OPEN:
            line = Text(tr("reception.renewal.open", days=r.days_left), style="bold green")
        elif r.status is RenewalStatus.TOO_EARLY:
            line = Text(
                tr(
                    "reception.renewal.too_early",
                    start=r.window_start.isoformat(),
                    days=r.days_until_window,
                ),
                style="bold yellow",
            )
        else:
            line = Text(tr("reception.renewal.expired", days=r.days_since_expiry), style="bold red")
        line.append(f"\n{window}", style="")
        status.update(line)

    @on(Checkbox.Changed)
    @on(RadioSet.Changed)
    @on(Select.Changed)
    @on(Input.Changed, "#expiry")
    def _changed(self) -> None:
        self._refresh()

    # issuing
    @on(Button.Pressed, "#issue")
    def _pressed(self) -> None:
        self.action_issue()

    def action_issue(self) -> None:
        if self.in_flight:
            return
        plan = self.plan()
        if plan.blocked or plan.service_id is None:
            self.notify(plan.blocked or "", severity="warning")
            return
        from queue_app.services import IssueRequest

        request = IssueRequest(
            office_id=self.office.id,
            service_id=plan.service_id,
            visit_kind=plan.visit_kind,
            decision=plan.decision,
            staff=self.staff,
            request_id=self.request_id,
        )
        self.in_flight = True
        self._issue(request)  # the worker first; the form only greys its button meanwhile
        button = self.query_one("#issue", Button)
        button.label = self.tr("reception.intake.issuing")
        button.disabled = True
        if self.error_shown:  # the last attempt's error goes away
            self.error_shown = False
            self.query_one("#intake-status", Static).update("")

    @work(thread=True, exit_on_error=False, group="issue")
    def _issue(self, request: Any) -> None:
        try:
            result = self.services.tickets.issue(request)
        except Exception as exc:  # shown in the form; the same request id makes a retry safe
            self.post_message(IssueFailed(exc))
            return
        try:
            lines: list[str] | None = half_blocks(result.token)
        except Exception:  # the widget draws it itself then
            lines = None
        self.post_message(Issued(result, lines))

    @on(Issued)
    def _issued(self, message: Issued) -> None:
        # the ticket goes on top of the form (no pop first: the fastest way to the screen);
        # closing it closes the form too. The form stays "in flight": no second issue.
        result = message.result
        screen = self.ticket_screen or IssuedTicketScreen()
        screen.show(result, self.on_issued, message.qr_lines)

        def closed(_: object) -> None:
            self.dismiss(result)  # not returned: the callback must not await it

        self.app.push_screen(screen, closed)

    @on(IssueFailed)
    def _failed(self, message: IssueFailed) -> None:
        self.in_flight = False
        text = error_text(message.error, self.tr)
        self.query_one("#intake-status", Static).update(Text(text, style="bold red"))
        self.error_shown = True
        self.notify(text, severity="error", timeout=8)
        self._refresh()

    def action_cancel(self) -> None:
        if not self.in_flight:
            self.dismiss(None)


# -- the issued ticket -------------------------------------------------------------------
class IssuedTicketScreen(ModalScreen[None]):
    """The ticket big: number, service, estimated wait and the QR for the visitor's phone.

    One instance per reception screen, installed in the app: it is composed and styled once
    and only updated (`show`) for every later ticket, so the issue key reaches the screen
    without mounting anything."""

    def __init__(
        self,
        result: IssueResult | None = None,
        on_shown: Callable[[IssueResult, IssuedTicketScreen], None] | None = None,
    ) -> None:
        super().__init__()
        app: Any = self.app
        self.tr: Translator = app.tr
        self.result: IssueResult | None = result
        self.on_shown = on_shown
        self.qr_lines: list[str] | None = None
        self.config = app.services.config
        self._bindings = translated_bindings(
            self.tr,
            [("escape", "close", "reception.key.close"), ("enter", "close", "", False)],
            base=self._bindings,
        )

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Horizontal(id="issued", classes="dialog"):
            yield TicketQR("", id="issued-qr")
            with Vertical(id="issued-info"):
                yield Label(tr("reception.ticket.title"), classes="dialog-title")
                yield Digits("", id="issued-number")
                yield Static("", id="issued-plain")
                yield Static("", id="issued-service")
                yield Static("", id="issued-wait")
                yield Static(tr("reception.ticket.replayed"), id="issued-replayed", classes="warn")
                yield Static("", id="issued-warnings", classes="warn")
                yield Static(tr("reception.ticket.printing"), id="issued-print")
                yield Static(tr("reception.ticket.close_hint"), classes="hint")

    def show(
        self,
        result: IssueResult,
        on_shown: Callable[[IssueResult, IssuedTicketScreen], None] | None = None,
        qr_lines: list[str] | None = None,
    ) -> None:
        """The next ticket (before the screen is pushed again)."""
        self.result = result
        self.on_shown = on_shown
        self.qr_lines = qr_lines
        if self.is_mounted:
            self._fill()

    def on_mount(self) -> None:
        self._fill()

    def _fill(self) -> None:
        result = self.result
        if result is None:
            return
        tr = self.tr
        t = result.ticket
        service = self.config.services.get(t.service_id)
        qr = self.query_one("#issued-qr", TicketQR)
        if self.qr_lines:
            qr.set_lines(result.token, self.qr_lines)
        else:
            qr.set_data(result.token)
        digits = self.query_one("#issued-number", Digits)
        plain = self.query_one("#issued-plain", Static)
        big = set(t.display_number) <= BIG_CHARS
        if big:
            digits.update(t.display_number)
        else:
            plain.update(Text(t.display_number, style="bold"))
        digits.display, plain.display = big, not big
        self.query_one("#issued-service", Static).update(
            Text(service.name(tr.lang) if service else t.service_id, style="bold")
        )
        wait = self.query_one("#issued-wait", Static)
        est = result.estimate
        wait.display = est is not None
        if est is not None:
            wait.update(tr("reception.ticket.wait", people=est.people_ahead, minutes=est.minutes))
        self.query_one("#issued-replayed", Static).display = result.replayed
        warnings = self.query_one("#issued-warnings", Static)
        warnings.update("\n".join("⚠ " + tr(w) for w in result.warnings))
        warnings.display = bool(result.warnings)
        self.query_one("#issued-print", Static).update(tr("reception.ticket.printing"))

    def on_screen_resume(self) -> None:
        # files, printer and list refresh start once the ticket is painted: their
        # threads would otherwise compete with painting it for the GIL
        self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        if self.on_shown is not None and self.result is not None:
            self.on_shown(self.result, self)

    def show_print(self, text: str, ok: bool) -> None:
        self.query_one("#issued-print", Static).update(Text(text, style="" if ok else "bold red"))

    def action_close(self) -> None:
        self.dismiss(None)


# -- outcome picker ----------------------------------------------------------------------
def default_outcome(ticket: TicketView, ecert: str) -> Outcome:
    if ticket.decision == Decision.DOCUMENT_INQUIRY.value:
        return Outcome.DOCUMENT_INQUIRY
    if ticket.decision == Decision.NEW_CARD_APPLICATION.value:
        return Outcome.REFERRED
    if ticket.service_id == ecert and ticket.decision == Decision.SERVE_TODAY.value:
        return Outcome.RENEWED
    return Outcome.SERVED


class OutcomeScreen(ModalScreen["str | None"]):
    def __init__(self, ticket: TicketView) -> None:
        super().__init__()
        app: Any = self.app
        self.tr: Translator = app.tr
        self.ticket = ticket
        self.default = default_outcome(ticket, app.services.config.settings.inquiry.service)
        self._bindings = translated_bindings(
            self.tr, [("escape", "cancel", "reception.key.cancel")], base=self._bindings
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="outcome-box", classes="dialog"):
            yield Label(
                self.tr("reception.outcome.title", number=self.ticket.display_number),
                classes="dialog-title",
            )
            yield OptionList(
                *[
                    Option(f"{i + 1}. {self.tr(f'outcome.{o.value}')}", id=o.value)
                    for i, o in enumerate(Outcome)
                ],
                id="outcomes",
            )

    def on_mount(self) -> None:
        options = self.query_one("#outcomes", OptionList)
        options.highlighted = list(Outcome).index(self.default)
        options.focus()

    @on(OptionList.OptionSelected, "#outcomes")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def on_key(self, event: Any) -> None:
        if event.character and event.character.isdigit():
            index = int(event.character) - 1
            if 0 <= index < len(Outcome):
                event.stop()
                self.dismiss(list(Outcome)[index].value)

    def action_cancel(self) -> None:
        self.dismiss(None)


# -- transfer ----------------------------------------------------------------------------
class TransferScreen(ModalScreen["tuple[str, int | None] | None"]):
    """Choose the service (Enter), then the counter or 'any' (Enter)."""

    def __init__(self, ticket: TicketView) -> None:
        super().__init__()
        app: Any = self.app
        self.tr: Translator = app.tr
        self.ticket = ticket
        self.office = app.services.config.office(ticket.office_id)
        self.config = app.services.config
        self.service_id = ticket.service_id
        self._bindings = translated_bindings(
            self.tr, [("escape", "cancel", "reception.key.cancel")], base=self._bindings
        )

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Vertical(id="transfer-box", classes="dialog"):
            yield Label(
                tr("reception.transfer.title", number=self.ticket.display_number),
                classes="dialog-title",
            )
            with Horizontal():
                with Vertical():
                    yield Label(tr("reception.transfer.service"), classes="field")
                    yield OptionList(
                        *[
                            Option(self.config.services[s].name(tr.lang), id=s)
                            for s in self.office.services
                        ],
                        id="tr-service",
                    )
                with Vertical():
                    yield Label(tr("reception.transfer.counter"), classes="field")
                    yield OptionList(id="tr-counter")

    def on_mount(self) -> None:
        services = self.query_one("#tr-service", OptionList)
        services.highlighted = list(self.office.services).index(self.service_id)
        self._fill_counters()
        services.focus()

    def _fill_counters(self) -> None:
        counters = self.query_one("#tr-counter", OptionList)
        counters.clear_options()
        counters.add_option(Option(self.tr("reception.transfer.any_counter"), id="any"))
        for c in self.office.counters:
            if self.service_id in c.services:
                counters.add_option(
                    Option(self.tr("reception.header.counter", counter=c.number), id=str(c.number))
                )
        counters.highlighted = 0

    @on(OptionList.OptionHighlighted, "#tr-service")
    def _service_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.service_id:
            self.service_id = event.option.id
            self._fill_counters()

    @on(OptionList.OptionSelected, "#tr-service")
    def _service_chosen(self, event: OptionList.OptionSelected) -> None:
        self.service_id = event.option.id or self.service_id
        self._fill_counters()
        self.query_one("#tr-counter", OptionList).focus()

    @on(OptionList.OptionSelected, "#tr-counter")
    def _counter_chosen(self, event: OptionList.OptionSelected) -> None:
        counter = None if event.option.id in (None, "any") else int(event.option.id)
        self.dismiss((self.service_id, counter))

    def action_cancel(self) -> None:
        self.dismiss(None)


# -- call a number -----------------------------------------------------------------------
class CallNumberScreen(ModalScreen["str | None"]):
    def __init__(self, prefill: str = "") -> None:
        super().__init__()
        app: Any = self.app
        self.tr: Translator = app.tr
        self.prefill = prefill
        self._bindings = translated_bindings(
            self.tr, [("escape", "cancel", "reception.key.cancel")], base=self._bindings
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="call-box", classes="dialog"):
            yield Label(self.tr("reception.call.title"), classes="dialog-title")
            yield Input(value=self.prefill, placeholder="A-012", id="call-number")

    @on(Input.Submitted, "#call-number")
    def _submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        self.dismiss(value or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


# -- offer to schedule the second visit --------------------------------------------------
class ScheduleOfferScreen(ModalScreen[bool]):
    def __init__(self, ticket: TicketView) -> None:
        super().__init__()
        app: Any = self.app
        self.tr: Translator = app.tr
        self.ticket = ticket
        self._bindings = translated_bindings(
            self.tr,
            [("escape", "later", "reception.inquiry.later"), ("enter", "schedule", "", False)],
            base=self._bindings,
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="offer-box", classes="dialog"):
            yield Label(
                self.tr("reception.inquiry.offer", number=self.ticket.display_number),
                classes="dialog-title",
            )
            with Horizontal():
                yield Button(
                    self.tr("reception.inquiry.schedule"), id="offer-yes", variant="primary"
                )
                yield Button(self.tr("reception.inquiry.later"), id="offer-no")

    @on(Button.Pressed, "#offer-yes")
    def action_schedule(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#offer-no")
    def action_later(self) -> None:
        self.dismiss(False)
