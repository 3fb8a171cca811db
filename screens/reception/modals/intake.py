"""Intake: the visitor's answers → assessment → the ticket to issue."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    RadioSet,
    Select,
    Static,
)

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
from queue_app.domain.fields import new_request_id
from queue_app.qr import half_blocks
from screens.reception.common import error_text
from screens.reception.modals.intake_layout import expiry_status, intake_form, read_expiry
from screens.reception.modals.intake_plans import choices_text, office_plans, steps_text
from screens.reception.modals.issued import IssuedTicketScreen
from screens.widgets.footer import KeyFooter
from screens.widgets.jtext import WrappedText
from screens.widgets.keys import KeySpec, translated_bindings

if TYPE_CHECKING:
    from queue_app.i18n import Translator
    from queue_app.services.views import IssueResult


NEW_CARD_SERVICE = "other"  # where a visitor whose CARD expires gets the application form


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


class IssueFailed(Message):
    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error


class IntakeScreen(ModalScreen["IssueResult | None"]):
    """Who came, what they brought, the live decision, then one key to issue."""

    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]  # below 32 rows: no frame

    def __init__(
        self,
        on_issued: Callable[[IssueResult, IssuedTicketScreen], None] | None = None,
        ticket_screen: IssuedTicketScreen | None = None,
        override: str | None = None,
    ) -> None:
        super().__init__()
        app: Any = self.app
        self.override = override  # F12: issued although closed, with this reason (recorded)
        self.tr: Translator = app.tr
        self.on_issued = on_issued
        self.ticket_screen = ticket_screen  # the reception screen's reusable ticket screen
        self.services = app.services
        self.office = app.services.config.office(app.options.office_id)
        self.staff: str | None = None
        # one issue per opened form, whatever happens (never a 12-digit run: the validator
        # would refuse it, see queue_app.domain.fields)
        self.request_id = new_request_id()
        self.service_ids = list(self.office.services)
        self.ecert = app.services.config.settings.inquiry.service
        self.service_id = self.ecert if self.ecert in self.service_ids else self.service_ids[0]
        self.in_flight = False
        self.error_shown = False
        self.assessment: Assessment | None = None
        self.today: date = app.services.calendar.service_day(
            self.office.id, app.services.clock.now()
        )
        specs: list[KeySpec] = [
            # priority: the focus moves as the key is read, so what is typed next lands
            ("f5", "jump('visit')", "reception.key.visit", True, True),
            ("f6", "jump('item-card')", "reception.key.brought", True, True),
            ("f7", "jump('expiry')", "reception.key.expiry", True, True),
            ("f10", "issue", "reception.key.issue"),
            ("escape", "cancel", "reception.key.cancel"),
        ]
        specs += [(str(i + 1), f"service({i})", "", False) for i in range(len(self.service_ids))]
        # the named plans on the next number keys: one ticket for the whole visit
        self.plans = office_plans(app.services.config, self.office.id, len(self.service_ids) + 1)
        self.plan_id: str | None = None
        first = len(self.service_ids) + 1
        specs += [(str(first + j), f"plan({j})", "", False) for j in range(len(self.plans))]
        self._bindings = translated_bindings(self.tr, specs, base=self._bindings)

    # layout
    def compose(self) -> ComposeResult:
        tr = self.tr
        with Vertical(id="intake", classes="dialog"):
            title = tr("reception.intake.title")
            if self.override:
                title += "  " + tr("reception.override.active", reason=self.override)
            yield Label(title, classes="dialog-title")
            yield Static("", id="svc-list")
            with Horizontal(id="intake-body"):
                with Vertical(id="intake-form"):
                    yield from intake_form(tr)
                with VerticalScroll(id="intake-side", can_focus=False):
                    yield WrappedText("", id="decision")
                    yield WrappedText("", id="missing")
                    yield WrappedText("", id="reasons")
            with Horizontal(id="intake-actions"):
                yield Button(tr("reception.intake.issue"), id="issue", variant="primary")
                yield Static("", id="intake-status")
        yield KeyFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.staff = getattr(self.app, "options").staff  # noqa: B009
        self._refresh()
        self.set_focus(self.query_one("#visit", RadioSet))

    def on_unmount(self) -> None:
        from screens.heap import release_closed_lines

        release_closed_lines()  # the form's rendered lines go with it (screens/heap.py)

    def action_jump(self, widget_id: str) -> None:
        """F5 / F6 / F7: straight to the visit kind, the items brought, the expiry date."""
        if self.service_id != self.ecert:  # those fields are hidden for other services
            self.action_service(self.service_ids.index(self.ecert))
        self.set_focus(self.query_one(f"#{widget_id}"))

    # service choice
    def action_service(self, index: int) -> None:
        if 0 <= index < len(self.service_ids):
            self.service_id = self.service_ids[index]
            self.plan_id = None
            self._refresh()

    def action_plan(self, index: int) -> None:
        """A named plan: one ticket for its steps, numbered for the first."""
        if 0 <= index < len(self.plans):
            plan = self.plans[index]
            self.plan_id, self.service_id = plan.id, plan.steps[0]
            self._refresh()

    def _render_services(self) -> Text:
        config = self.services.config
        text = choices_text(
            self.tr, config, self.service_ids, self.plans, self.service_id, self.plan_id
        )
        if self.plan_id is not None:
            text.append("\n" + steps_text(self.tr, config, config.plan(self.plan_id)))
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
        return read_expiry(self.query_one("#expiry", Input).value)

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
        decision = self.query_one("#decision", WrappedText)
        missing = self.query_one("#missing", WrappedText)
        reasons = self.query_one("#reasons", WrappedText)
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
        raw = self.query_one("#expiry", Input).value
        self.query_one("#expiry-status", Label).update(expiry_status(raw, self.today, self.tr))

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
            override=self.override,
        )
        self.in_flight = True
        self._issue(
            request, self.plan_id
        )  # the worker first; the form only greys its button meanwhile
        button = self.query_one("#issue", Button)
        button.label = self.tr("reception.intake.issuing")
        button.disabled = True
        if self.error_shown:  # the last attempt's error goes away
            self.error_shown = False
            self.query_one("#intake-status", Static).update("")

    @work(thread=True, exit_on_error=False, group="issue")
    def _issue(self, request: Any, plan_id: str | None = None) -> None:
        try:
            tickets = self.services.tickets
            if plan_id is not None:
                result = tickets.issue_plan(request, plan_id)
            else:
                result = tickets.issue(request)
        except Exception as exc:  # shown in the form; the same request id makes a retry safe
            self.post_message(IssueFailed(exc))
            return
        try:
            lines: list[str] | None = half_blocks(result.qr)
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
