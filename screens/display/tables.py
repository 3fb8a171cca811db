"""The display's tables (waiting per procedure, other offices) and the ready list (お渡しで
きます), drawn from a snapshot."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from queue_app.i18n import Translator, wait_text
from queue_app.services.board import BoardSnapshot

LEVEL_STYLE = {"quiet": "green", "moderate": "yellow", "crowded": "bold red"}


def queues_table(tr: Translator, snap: BoardSnapshot) -> Table:
    """The waiting list per procedure: name, people waiting, estimate, level."""
    lang = tr.lang
    table = Table(box=None, expand=False, padding=(0, 1), show_edge=False)
    table.add_column(tr("display.col_service"), no_wrap=True, overflow="ellipsis", max_width=44)
    table.add_column(tr("display.col_waiting"), justify="right", no_wrap=True)
    table.add_column(tr("display.col_estimate"), justify="right", no_wrap=True)
    table.add_column(tr("display.col_level"), no_wrap=True)
    for q in snap.queues:
        name = Text(f"{q.prefix} ", style="bold")
        name.append(q.name(lang))
        if not q.open:
            table.add_row(name, "", "", Text(tr("display.service_closed"), style="dim"))
            continue
        estimate = wait_text(tr, q.estimate_minutes if q.waiting else 0)
        table.add_row(
            name,
            tr("display.people", n=q.waiting),
            estimate,
            Text(tr(f"level.{q.level}"), style=LEVEL_STYLE.get(q.level, "")),
        )
    return table


def others_grid(tr: Translator, snap: BoardSnapshot) -> Table:
    """The other offices: open with their wait, or closed (and why)."""
    lang = tr.lang
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True, overflow="ellipsis")
    grid.add_column(no_wrap=True)
    title = Text(tr("display.others"), style="bold")
    for i, other in enumerate(snap.others):
        head = title if i == 0 else Text("")
        if other.open_now:
            line = tr(
                "display.other_open",
                name=other.name(lang),
                n=other.waiting,
                wait=wait_text(tr, other.estimate_minutes if other.waiting else 0),
            )
            level = Text(tr(f"level.{other.level}"), style=LEVEL_STYLE[other.level])
            grid.add_row(head, Text(line), level)
        else:
            if other.closed_reason is not None:
                line = tr(
                    "display.other_closed_today",
                    name=other.name(lang),
                    reason=other.closed_reason.text(lang),
                )
            else:
                line = tr("display.other_closed", name=other.name(lang))
            grid.add_row(head, Text(line, style="dim"), Text(""))
    return grid


def ready_text(tr: Translator, snap: BoardSnapshot) -> Text:
    """The pickup list beside the calls: the numbers ready to hand over (oldest first), then
    how many are still being prepared."""
    text = Text()
    if snap.ready:
        for i, entry in enumerate(snap.ready):
            if i:
                text.append("  ")
            text.append(entry.display_number, style="bold")
    else:
        text.append(tr("pickup.none_ready"), style="dim")
    if snap.preparing:
        text.append("\n")
        text.append(tr("display.preparing_count", n=len(snap.preparing)), style="dim")
    return text
