"""The intake's named plans (issue 13): `[[plans]]` offered at this office, each on one
number key after the procedures' keys (e.g. 1-5 procedures, 6-7 plans), and the line that
names the chosen plan's steps."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text

if TYPE_CHECKING:
    from queue_app.domain.config import Plan
    from queue_app.i18n import Translator

MAX_KEYS = 9  # the number keys 1-9


def office_plans(config: Any, office_id: str, first_key: int) -> list[Plan]:
    """The plans offered at the office that still get a number key."""
    return list(config.office_plans(office_id))[: max(0, MAX_KEYS - first_key + 1)]


def choices_text(
    tr: Translator,
    config: Any,
    service_ids: list[str],
    plans: list[Plan],
    service_id: str,
    plan_id: str | None,
) -> Text:
    """`1:電子証明書 2:証明書 ... | 6:転入 7:カード受取`, the chosen one in reverse."""
    text = Text()
    for i, sid in enumerate(service_ids):
        style = "reverse bold" if plan_id is None and sid == service_id else ""
        if i:
            text.append(" ")
        text.append(f"{i + 1}:{config.services[sid].name(tr.lang)}", style=style)
    for j, plan in enumerate(plans):
        text.append(" | " if j == 0 else " ")
        style = "reverse bold" if plan.id == plan_id else ""
        text.append(f"{len(service_ids) + j + 1}:{plan.name(tr.lang)}", style=style)
    return text


def steps_text(tr: Translator, config: Any, plan: Plan) -> str:
    """`プラン 転入: 1.転入・転出 → 2.電子証明書の更新 → 3.その他の手続`"""
    names = [
        f"{i}.{config.services[s].name(tr.lang) if s in config.services else s}"
        for i, s in enumerate(plan.steps, start=1)
    ]
    return tr("plans.intake.steps", plan=plan.name(tr.lang), steps=" → ".join(names))
