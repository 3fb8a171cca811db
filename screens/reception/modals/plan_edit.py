"""Ctrl+T: change the steps to come of a ticket's visit plan (add, skip, reorder).

One list of every change that makes sense now (arrow keys, Enter): add a procedure of this
office as the next step or the last, skip a step to come, or move one to another place.
The reception records the change with the clerk's staff code (`services.tickets.edit_plan`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from screens.reception.common import translated_bindings
from screens.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from queue_app.i18n import Translator
    from queue_app.services.plan_views import PlanView
    from queue_app.services.views import TicketView


def plan_choices(
    tr: Translator, config: Any, office_services: list[str], plan: PlanView | None, current: str
) -> list[tuple[str, str, dict[str, object]]]:
    """(option id, label, edit_plan arguments) of every change that applies now."""

    def name(sid: str) -> str:
        service = config.services.get(sid)
        return service.name(tr.lang) if service else sid

    steps = plan.steps if plan is not None else ()
    pending = [s.service_id for s in steps if s.state == "pending"]
    in_plan = {s.service_id for s in steps} | {current}
    out: list[tuple[str, str, dict[str, object]]] = []
    for sid in office_services:
        if sid in in_plan:
            continue
        if pending:
            out.append(
                (
                    f"add-{sid}-1",
                    tr("plans.edit.add_next", service=name(sid)),
                    {"add": sid, "at": 1},
                )
            )
        out.append((f"add-{sid}", tr("plans.edit.add_last", service=name(sid)), {"add": sid}))
    for sid in pending:
        out.append((f"skip-{sid}", tr("plans.edit.skip", service=name(sid)), {"skip": sid}))
    for i, sid in enumerate(pending, start=1):
        for place in range(1, len(pending) + 1):
            if place != i:
                label = tr("plans.edit.move", service=name(sid), place=place)
                out.append((f"move-{sid}-{place}", label, {"move": (sid, place)}))
    return out


class PlanEditScreen(ModalScreen["dict[str, object] | None"]):
    """Choose one change (Enter); Esc changes nothing."""

    DEFAULT_CSS = """
    #plan-edit-box { width: 70; max-width: 100%; height: auto; }
    #plan-edit-box OptionList { height: auto; max-height: 14; }
    """

    def __init__(self, ticket: TicketView, plan: PlanView | None) -> None:
        super().__init__()
        app: Any = self.app
        self.tr: Translator = app.tr
        self.ticket = ticket
        config = app.services.config
        office = config.office(ticket.office_id)
        served = [s for s in office.services if any(s in c.services for c in office.counters)]
        self.choices = plan_choices(self.tr, config, served, plan, ticket.service_id)
        self._bindings = translated_bindings(
            self.tr, [("escape", "cancel", "reception.key.cancel")], base=self._bindings
        )

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Vertical(id="plan-edit-box", classes="dialog"):
            yield Label(
                tr("plans.edit.title", number=self.ticket.display_number), classes="dialog-title"
            )
            yield OptionList(
                *[Option(label, id=oid) for oid, label, _ in self.choices], id="plan-edit"
            )
        yield KeyFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#plan-edit", OptionList).focus()

    @on(OptionList.OptionSelected, "#plan-edit")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        for oid, _label, edit in self.choices:
            if oid == event.option.id:
                self.dismiss(edit)
                return

    def action_cancel(self) -> None:
        self.dismiss(None)
