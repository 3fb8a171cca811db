"""The readable parts of a staffing plan, for `staffing_render`: the arrivals forecast's
factor table (what a person checks the forecast by) and what to do about half-hours that
even every counter cannot bring to the target."""

from __future__ import annotations

import html

from queue_app.domain.forecast import FEATURES
from queue_app.i18n import Translator
from queue_app.services.staffing import StaffingReport


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def unreachable_lines(report: StaffingReport, tr: Translator) -> list[str]:
    """The half-hours even every counter cannot bring to the target, and what would."""
    res = report.result
    if not res.unreachable:
        return []
    return [
        tr(
            "plan.unreachable", slots=", ".join(_hhmm(res.demand.slots[k]) for k in res.unreachable)
        ),
        tr("plan.unreachable_fix"),
    ]


def _level_key(level: str) -> tuple[int, str]:
    head = level.split("-", 1)[0]
    return (int(head), level) if head.isdigit() else (999, level)


def _label(feature: str, level: str, tr: Translator) -> str:
    if feature == "weekday":
        return tr("plan.factor.weekday", day=tr(f"weekday.{level}"))
    if feature == "month":
        return tr("plan.factor.month", month=level)
    if feature == "notice":
        return tr("plan.factor.notice", days=level)
    if feature == "after_closure":
        return tr(f"plan.factor.after_{level}") if level in ("holiday", "year_end") else level
    return tr("plan.factor.end_of_month")


def factor_table(report: StaffingReport, tr: Translator) -> tuple[list[str], list[list[str]]]:
    """Rows: the base (visitors on a day with every factor 1), then every fitted level of
    every factor; columns: the procedures (and named visit plans) with arrivals, and the
    number of training days behind the level."""
    model = report.model
    sids = [s for s, m in model.services.items() if m.base > 0]
    head = [tr("plan.factor.col"), *(report.name(s, tr.lang) for s in sids), tr("plan.factor.days")]
    rows = [
        [
            tr("plan.factor.base"),
            *(f"{model.services[s].base:.1f}" for s in sids),
            str(model.training_days),
        ]
    ]
    for feature in FEATURES:
        levels = {lv for s in sids for lv in model.services[s].factors.get(feature, {})}
        for level in sorted(levels, key=_level_key):
            days = max(model.services[s].days.get(feature, {}).get(level, 0) for s in sids)
            rows.append(
                [
                    _label(feature, level, tr),
                    *(f"×{model.services[s].factor(feature, level):.2f}" for s in sids),
                    str(days),
                ]
            )
    return head, rows


def factors_html(report: StaffingReport, tr: Translator) -> str:
    """The factor table as an HTML section (the plan's page)."""
    head, rows = factor_table(report, tr)
    return (
        f"<h2>{_esc(tr('plan.factor.title'))}</h2><p>{_esc(tr('plan.factor.note'))}</p>"
        '<table class="factors"><tr>'
        + "".join(f"<th{' class=l' if i == 0 else ''}>{_esc(h)}</th>" for i, h in enumerate(head))
        + "</tr>"
        + "".join(
            "<tr>"
            + "".join(f"<td{' class=l' if i == 0 else ''}>{_esc(c)}</td>" for i, c in enumerate(r))
            + "</tr>"
            for r in rows
        )
        + "</table>"
    )


__all__ = ["factor_table", "factors_html", "unreachable_lines"]
