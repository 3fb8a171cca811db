"""The counter view of visit plans and the pickup stage (交付), issue 13.

- The ticket on the left (current or opened) shows its plan under the details: the steps
  that came before (procedure and outcome, never personal data), the current one and the
  steps to come; read in a worker (`services.tickets.plan`) when the ticket or the office's
  revision changed, never on the one-second tick.
- Ctrl+O: the document of a ticket being prepared is ready (back office; the display's
  お渡しできます list). Ctrl+G: hand a ready ticket over at this counter. Ctrl+T: add, skip
  or move a step to come (with the clerk's staff code). The footer shows each key only
  while it applies to the ticket on the left, and the plan panel names them too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.message import Message
from textual.widgets import Static

from queue_app.domain.tickets import TicketState
from screens.reception.calling import ReceptionCalling
from screens.reception.gate import needs_services
from screens.reception.messages import ActionDone
from screens.reception.widgets import CurrentTicketPanel
from screens.widgets.keys import KeySpec, translated_bindings

if TYPE_CHECKING:
    from queue_app.services.plan_views import PlanView
    from queue_app.services.views import TicketView

STEP_MARK = {"done": "✓", "skipped": "-", "cancelled": "×", "current": "▶", "pending": "·"}
PREPARING = TicketState.PREPARING.value
READY = TicketState.READY.value
PLAN_KEYS: list[tuple[str, str, str, bool]] = [
    ("ctrl+o", "mark_ready", "plans.key.ready", False),
    ("ctrl+g", "hand_over", "plans.key.hand_over", False),
    ("ctrl+t", "edit_plan", "plans.key.edit", False),
]


class PlanLoaded(Message):
    def __init__(self, key: tuple[object, ...], plan: PlanView | None) -> None:
        super().__init__()
        self.key = key
        self.plan = plan


class ReceptionPlans(ReceptionCalling):
    KEYS = [*ReceptionCalling.KEYS, *PLAN_KEYS]
    plan_view: PlanView | None = None
    _plan_key: tuple[object, ...] | None = None
    _keys_for: tuple[int, str, str | None] | None = None

    def on_mount(self) -> None:
        panel = self.query_one(CurrentTicketPanel)
        plan = Static("", id="current-plan")
        plan.display = False
        panel.mount(plan)

    # -- the plan panel ----------------------------------------------------------------------
    def _render_current(self) -> None:
        super()._render_current()
        t = self.target()
        needs = t is not None and (t.plan_id is not None or t.state in (PREPARING, READY))
        key: tuple[object, ...] | None = (
            (t.id, t.state, t.service_id, self.revision) if t is not None and needs else None
        )
        keys_for = (t.id, t.state, t.plan_id) if t is not None else None
        if keys_for != self._keys_for:
            self._keys_for = keys_for
            self._show_plan_keys()
        if key != self._plan_key:
            self._plan_key = key
            if key is None:
                self.plan_view = None
                self._draw_plan()
            else:
                assert t is not None
                self._plan_worker(key, t.id)
        else:
            self._draw_plan()

    @work(thread=True, exit_on_error=False, group="plan", exclusive=True)
    def _plan_worker(self, key: tuple[object, ...], ticket_id: int) -> None:
        try:
            plan = self.services.tickets.plan(ticket_id)
        except Exception:  # the panel simply stays without the plan; the lists still work
            plan = None  # (also before the services are ready: read again once they are)
        self.post_message(PlanLoaded(key, plan))

    def _services_ready(self, error: BaseException | None) -> None:
        super()._services_ready(error)
        if error is None and self._plan_key is not None:
            self._plan_key = None  # the plan panel is read now that the services are up
            self._render_lists()

    @on(PlanLoaded)
    def _plan_loaded(self, message: PlanLoaded) -> None:
        if message.key != self._plan_key:
            return  # another ticket is on the left by now
        self.plan_view = message.plan
        self._draw_plan()

    def _draw_plan(self) -> None:
        try:
            widget = self.query_one("#current-plan", Static)
        except Exception:  # not mounted yet
            return
        t = self.target()
        plan = self.plan_view
        if t is None or plan is None or plan.ticket_id != t.id:
            widget.display = False
            return
        widget.display = True
        widget.update(plan_text(self, plan, t.state))

    # -- keys --------------------------------------------------------------------------------
    def _show_plan_keys(self) -> None:
        """The footer names Ctrl+O / Ctrl+G / Ctrl+T only while they apply to the ticket on
        the left (the keys themselves always answer, with a message when they do not)."""
        t = self.target()
        state = t.state if t is not None else None
        shown = {
            "mark_ready": state == PREPARING,
            "hand_over": state == READY,
            # a single-procedure ticket may get steps too (Ctrl+T); the footer names the
            # key for plan tickets only
            "edit_plan": t is not None
            and t.plan_id is not None
            and state not in ("done", "cancelled", "no_show"),
        }
        specs: list[KeySpec] = [
            (key, action, label, shown[action]) for key, action, label, *_ in PLAN_KEYS
        ]
        self._bindings = translated_bindings(self.tr, specs, base=self._bindings)
        self.refresh_bindings()

    @needs_services
    def action_mark_ready(self) -> None:
        t = self._need_target()
        if t is None:
            return
        if t.state != PREPARING:
            self.notify(self.tr("plans.not_preparing", number=t.display_number), timeout=4)
            return
        tickets, staff = self.services.tickets, self.staff
        self.start_action("ready", lambda: tickets.mark_ready(t.id, staff))

    @needs_services
    def action_hand_over(self) -> None:
        t = self._need_target()
        if t is None:
            return
        if t.state != READY:
            self.notify(self.tr("plans.not_ready", number=t.display_number), timeout=4)
            return
        tickets, counter, staff = self.services.tickets, self.counter_no, self.staff
        self.start_action("hand_over", lambda: tickets.hand_over(t.id, counter, staff))

    @needs_services
    def action_edit_plan(self) -> None:
        t = self._need_target()
        if t is None:
            return
        from screens.reception.modals.plan_edit import PlanEditScreen

        self.app.push_screen(PlanEditScreen(t, self.plan_view), self._plan_edited)

    def _plan_edited(self, edit: dict[str, object] | None) -> None:
        t = self.target()
        if not edit or t is None:
            return
        tickets, staff, tid = self.services.tickets, self.staff, t.id

        def edit_plan() -> TicketView:
            tickets.edit_plan(tid, staff=staff, **edit)  # type: ignore[arg-type]
            return tickets.get(tid)

        self.start_action("plan_edit", edit_plan)

    @on(ActionDone)
    def _plan_action_done(self, message: ActionDone) -> None:
        t = message.ticket
        if t is None:
            return
        number = t.display_number
        if message.kind == "ready":
            self.notify(self.tr("plans.marked_ready", number=number), timeout=3)
        elif message.kind == "hand_over":
            if t.state == TicketState.WAITING.value:
                name = self.config.services[t.service_id].name(self.tr.lang)
                self.notify(self.tr("plans.handed_over_next", number=number, service=name))
            else:
                self.notify(self.tr("plans.handed_over", number=number), timeout=3)
        elif message.kind == "plan_edit":
            self.notify(self.tr("plans.edited", number=number), timeout=3)
            self._plan_key = None  # read the plan again


def plan_text(screen: ReceptionPlans, plan: PlanView, state: str) -> Text:
    """The plan under the ticket: one line per step, the outcome of the steps done, then the
    keys that apply now."""
    tr, config = screen.tr, screen.config
    text = Text()
    if plan.is_plan:
        text.append(tr("plans.panel.title", n=len(plan.steps)), style="bold")
        for step in plan.steps:
            service = config.services.get(step.service_id)
            name = service.name(tr.lang) if service else step.service_id
            text.append(f"\n{STEP_MARK.get(step.state, ' ')} {step.position}.{name}")
            if step.state == "done" and step.outcome:
                text.append(f" ({tr('outcome.' + step.outcome)})", style="dim")
            elif step.state == "skipped":
                text.append(f" ({tr('step.skipped')})", style="dim")
    if plan.is_plan and state not in ("done", "cancelled", "no_show"):
        text.append("\n" + tr("plans.panel.key_edit"), style="dim")
    if state == PREPARING:
        text.append(("\n" if text else "") + tr("plans.panel.key_ready"), style="bold")
    elif state == READY:
        text.append(("\n" if text else "") + tr("plans.panel.key_hand_over"), style="bold")
    return text
