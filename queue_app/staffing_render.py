"""The staffing plan as a text table, CSV (UTF-8 with BOM, for Excel), JSON or one HTML page.

The HTML is self-contained (inline CSS and SVG, nothing from another host) and carries the
chart's data as `<script type="application/json" id="plan-data">`; every SVG mark has
`data-key`/`data-value` attributes so tests and tools can read what is drawn.
"""

from __future__ import annotations

import csv
import html
import io
import json
import math
from typing import Any

from queue_app.domain.counter_sim import SkillGroup
from queue_app.domain.staffing import PlanCheck
from queue_app.i18n import Translator
from queue_app.services.staffing import StaffingReport
from queue_app.staffing_explain import factors_html, unreachable_lines

FORMATS = ("table", "csv", "json", "html")
BOM = "\ufeff"


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _r(value: float | None, digits: int = 1) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(value, digits)


def _slots(report: StaffingReport) -> list[tuple[str, str]]:
    d = report.result.demand
    return [(_hhmm(m), _hhmm(d.slot_end(k))) for k, m in enumerate(d.slots)]


def _check_json(check: PlanCheck) -> dict[str, Any]:
    return {
        "share_half_hours_met": round(check.share_met, 3),
        "counter_half_hours": check.counter_half_hours,
        "overtime_min": round(check.outcome.overtime, 1),
        "left_share": round(check.outcome.left_share, 3),
    }


def plan_json(report: StaffingReport, lang: str = "ja") -> dict[str, Any]:
    res, hist = report.result, report.history
    groups = [g.key for g in res.groups]
    rows = []
    for k, (start, end) in enumerate(_slots(report)):
        demand = {s: round(r[k], 2) for s, r in res.demand.rates.items()}
        row: dict[str, Any] = {
            "start": start,
            "end": end,
            "arrivals": demand,
            "arrivals_total": round(sum(demand.values()), 2),
        }
        for check in (res.iterative, res.erlang_c, res.erlang_a):
            out = check.outcome.slots[k]
            row[check.name] = {
                "counters": dict(zip(groups, check.schedule[k], strict=True)),
                "total": sum(check.schedule[k]),
                "mean_wait_min": round(out.mean_wait, 1),
                "met_share": round(out.met_share, 3),
                "meets_target": check.meets(k),
            }
            if check.needed:
                row[check.name]["formula_counters"] = check.needed[k]
        rows.append(row)
    acc = report.accuracy
    return {
        "kind": "staffing_plan",
        "office": report.office_id,
        "date": report.day.isoformat(),
        "target": {"within_min": res.target.within, "share": res.target.share},
        "history": [hist.start.isoformat(), hist.end.isoformat()],
        "notice_dates": [d.isoformat() for d in hist.deliveries],
        "notice_source": hist.notice_source,
        "patience_min": _r(hist.patience.mean_minutes),
        "service_min": {s: [round(v[0], 2), round(v[1], 3)] for s, v in hist.service.items()},
        "groups": [
            {"key": g.key, "services": list(g.services), "counters": list(g.counters)}
            for g in res.groups
        ],
        "half_hours": rows,
        "check": {c.name: _check_json(c) for c in (res.iterative, res.erlang_c, res.erlang_a)},
        "unreachable": [_slots(report)[k][0] for k in res.unreachable],
        "replications": res.replications,
        "simulations": res.evaluations,
        "models": Translator(lang)("plan.models"),
        "forecast": report.model.to_json(),
        "backtest": acc.to_json() if acc else None,
    }


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.1f}%"


def accuracy_line(report: StaffingReport, tr: Translator) -> str:
    acc = report.accuracy
    if acc is None:
        return tr("plan.accuracy_none")
    f, naive, mean = acc.get("factors"), acc.get("seasonal_naive"), acc.get("weekday_mean")
    weeks = round(((acc.test_end - acc.test_start).days + 1) / 7)
    return tr(
        "plan.accuracy",
        weeks=weeks,
        start=acc.test_start.isoformat(),
        end=acc.test_end.isoformat(),
        mae=f.day_mae,
        mape=_pct(f.day_mape),
        slot_mae=f.slot_mae,
        naive=_pct(naive.day_mape),
        mean=_pct(mean.day_mape),
    )


def _group(report: StaffingReport, group: SkillGroup, tr: Translator) -> str:
    """ "窓口1 (各種証明書の発行・その他の手続)": the counters and what they handle."""
    return tr(
        "plan.group",
        counters=",".join(str(c) for c in group.counters),
        services="・".join(report.name(s, tr.lang) for s in group.services)
        if tr.lang != "en"
        else ", ".join(report.name(s, tr.lang) for s in group.services),
    )


def _head(report: StaffingReport, tr: Translator) -> list[str]:
    res, hist = report.result, report.history
    d = res.demand
    patience = hist.patience.mean_minutes
    return [
        tr(
            "plan.title",
            office=report.name(report.office_id, tr.lang),
            date=report.day.isoformat(),
            weekday=tr(f"weekday.{report.day.weekday()}"),
            opens=_hhmm(d.slots[0]),
            closes=_hhmm(d.close),
        ),
        tr("plan.target", share=f"{res.target.share * 100:.0f}", within=f"{res.target.within:g}"),
        tr(
            "plan.history",
            start=hist.start.isoformat(),
            end=hist.end.isoformat(),
            days=report.model.training_days,
            notices=", ".join(
                x.isoformat() for x in hist.deliveries if 0 <= (report.day - x).days <= 45
            )
            or "-",
        ),
        tr(
            "plan.patience",
            left=hist.patience.left,
            patience=tr("plan.patience_none")
            if math.isinf(patience)
            else tr("plan.minutes", value=patience),
        ),
        tr(
            "plan.groups",
            groups="; ".join(
                f"G{i + 1} = {_group(report, g, tr)}" for i, g in enumerate(res.groups)
            ),
        ),
        accuracy_line(report, tr),
    ]


def render_table(report: StaffingReport, tr: Translator) -> str:
    from queue_app.services.reports.render.table import _grid  # the reports' aligned grid

    res = report.result
    lines = _head(report, tr)
    labels = "  ".join(f"G{i + 1}" for i in range(len(res.groups)))
    lines += ["", tr("plan.header", groups=labels)]
    for k, (start, end) in enumerate(_slots(report)):
        it = res.iterative.outcome.slots[k]
        counts = "  ".join(f"{n:>2}" for n in res.iterative.schedule[k])
        c_n, a_n = res.erlang_c.needed[k], res.erlang_a.needed[k]
        mark = "" if res.iterative.meets(k) else " !"
        lines.append(
            f"{start}-{end}  {res.demand.arrivals(k):8.1f}  {counts}  "
            f"{sum(res.iterative.schedule[k]):6d}  {it.mean_wait:7.1f}  "
            f"{it.met_share * 100:6.0f}%{mark:2}  {c_n if c_n is not None else '-':>7}  "
            f"{a_n if a_n is not None else '-':>7}"
        )
    lines += unreachable_lines(report, tr)
    lines += ["", tr("plan.check", days=3 * res.replications)]
    lines += _grid(
        [tr(f"plan.col.{c}") for c in ("plan", "share_met", "counter_hh", "overtime", "left")],
        [
            [
                tr("plan.name." + check.name),
                f"{check.share_met * 100:.1f}%",
                str(check.counter_half_hours),
                f"{check.outcome.overtime:.1f}",
                f"{check.outcome.left_share * 100:.1f}%",
            ]
            for check in (res.iterative, res.erlang_c, res.erlang_a)
        ],
    )
    lines += ["", tr("plan.models")]
    return "\n".join(lines) + "\n"


def render_csv(report: StaffingReport) -> str:
    res = report.result
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    groups = [g.key for g in res.groups]
    w.writerow(
        [
            "office",
            "date",
            "start",
            "end",
            "arrivals",
            *(f"counters:{g}" for g in groups),
            "counters_total",
            "mean_wait_min",
            "met_share",
            "erlang_c_counters",
            "erlang_c_met_share",
            "erlang_a_counters",
            "erlang_a_met_share",
        ]
    )
    for k, (start, end) in enumerate(_slots(report)):
        it = res.iterative.outcome.slots[k]
        w.writerow(
            [
                report.office_id,
                report.day.isoformat(),
                start,
                end,
                f"{res.demand.arrivals(k):.2f}",
                *res.iterative.schedule[k],
                sum(res.iterative.schedule[k]),
                f"{it.mean_wait:.1f}",
                f"{it.met_share:.3f}",
                sum(res.erlang_c.schedule[k]),
                f"{res.erlang_c.outcome.slots[k].met_share:.3f}",
                sum(res.erlang_a.schedule[k]),
                f"{res.erlang_a.outcome.slots[k].met_share:.3f}",
            ]
        )
    return BOM + buf.getvalue()


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _chart(report: StaffingReport, tr: Translator) -> str:
    res = report.result
    n = len(res.demand.slots)
    w, h, left, right, top, bottom = 900, 320, 50, 50, 20, 40
    pw, ph = w - left - right, h - top - bottom
    demand = [res.demand.arrivals(k) for k in range(n)]
    counters = [sum(r) for r in res.iterative.schedule]
    erlang = [sum(r) for r in res.erlang_c.schedule]
    waits = [s.mean_wait for s in res.iterative.outcome.slots]
    y_max = max([*demand, *counters, *erlang, 1.0]) * 1.1
    w_max = max([*waits, res.target.within, 1.0]) * 1.2
    bw = pw / max(1, n)

    def x(k: float) -> float:
        return left + k * bw

    def y(v: float) -> float:
        return top + ph - v / y_max * ph

    def yw(v: float) -> float:
        return top + ph - v / w_max * ph

    parts = [
        f'<svg class="chart" role="img" aria-label="{_esc(tr("plan.chart", within=f"{res.target.within:g}"))}" '
        f'viewBox="0 0 {w} {h}" width="{w}" height="{h}" xmlns="http://www.w3.org/2000/svg">',
        f'<line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}" stroke="#333"/>',
    ]
    slots = _slots(report)
    for k in range(n):
        bh = demand[k] / y_max * ph
        parts.append(
            f'<rect class="demand" data-key="{slots[k][0]}" data-value="{demand[k]:.2f}" '
            f'x="{x(k) + 2:.1f}" y="{top + ph - bh:.1f}" width="{bw - 4:.1f}" height="{bh:.1f}" '
            'fill="#b7d3ee"/>'
        )
        if k % 2 == 0:
            parts.append(f'<text x="{x(k):.1f}" y="{h - 20}" font-size="11">{slots[k][0]}</text>')

    def steps(values: list[int], cls: str, style: str) -> str:
        pts = []
        for k, v in enumerate(values):
            pts += [f"{x(k):.1f},{y(v):.1f}", f"{x(k + 1):.1f},{y(v):.1f}"]
        data = " ".join(str(v) for v in values)
        return (
            f'<polyline class="{cls}" data-value="{data}" points="{" ".join(pts)}" '
            f'fill="none" {style}/>'
        )

    parts.append(steps(counters, "counters", 'stroke="#1a5fb4" stroke-width="3"'))
    parts.append(
        steps(erlang, "erlang-c", 'stroke="#5e5c64" stroke-width="2" stroke-dasharray="6 4"')
    )
    wpts = " ".join(f"{x(k + 0.5):.1f},{yw(v):.1f}" for k, v in enumerate(waits))
    parts.append(
        f'<polyline class="wait" data-value="{" ".join(f"{v:.1f}" for v in waits)}" '
        f'points="{wpts}" fill="none" stroke="#c01c28" stroke-width="2"/>'
    )
    ty = yw(res.target.within)
    parts.append(
        f'<line class="target" data-value="{res.target.within:g}" x1="{left}" y1="{ty:.1f}" '
        f'x2="{left + pw}" y2="{ty:.1f}" stroke="#c01c28" stroke-dasharray="2 3"/>'
        f'<text x="{left + pw + 4}" y="{ty + 4:.1f}" font-size="11">{res.target.within:g}</text>'
        f'<text x="4" y="{top + 10}" font-size="11">{y_max:.0f}</text>'
        f'<text x="{left + pw + 4}" y="{top + 10}" font-size="11">{w_max:.0f}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


CSS = (
    "body{font-family:sans-serif;margin:1.5em;color:#1c1c1c}"
    "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #999;padding:2px 6px;"
    "text-align:right}th{background:#eee}td.l,th.l{text-align:left}.miss{color:#a51d2d;"
    "font-weight:bold}pre{white-space:pre-wrap}@page{size:A4 landscape}"
    "@media print{body{margin:0}.chart{width:100%;height:auto}}"
)


def render_html(report: StaffingReport, tr: Translator) -> str:
    res = report.result
    head = _head(report, tr)
    data = json.dumps(plan_json(report, tr.lang), ensure_ascii=False).replace("</", "<\\/")
    groups = res.groups
    rows = []
    for k, (start, end) in enumerate(_slots(report)):
        it = res.iterative.outcome.slots[k]
        cls = "" if res.iterative.meets(k) else ' class="miss"'
        rows.append(
            f"<tr><td class=l>{start}-{end}</td><td>{res.demand.arrivals(k):.1f}</td>"
            + "".join(f"<td>{v}</td>" for v in res.iterative.schedule[k])
            + f"<td>{sum(res.iterative.schedule[k])}</td><td>{it.mean_wait:.1f}</td>"
            f"<td{cls}>{it.met_share * 100:.0f}%</td><td>{sum(res.erlang_c.schedule[k])}</td>"
            f"<td>{res.erlang_c.outcome.slots[k].met_share * 100:.0f}%</td>"
            f"<td>{sum(res.erlang_a.schedule[k])}</td></tr>"
        )
    check = "".join(
        f"<tr><td class=l>{_esc(tr('plan.name.' + c.name))}</td><td>{c.share_met * 100:.1f}%</td>"
        f"<td>{c.counter_half_hours}</td><td>{c.outcome.overtime:.1f}</td>"
        f"<td>{c.outcome.left_share * 100:.1f}%</td></tr>"
        for c in (res.iterative, res.erlang_c, res.erlang_a)
    )
    ghead = "".join(f"<th>{_esc(_group(report, g, tr))}</th>" for g in groups)
    return (
        f'<!DOCTYPE html><html lang="{tr.lang}"><head><meta charset="utf-8">'
        f"<title>{_esc(head[0])}</title><style>{CSS}</style></head><body>"
        f"<h1>{_esc(head[0])}</h1>"
        + "".join(f"<p>{_esc(line)}</p>" for line in head[1:])
        + "".join(f'<p class="miss">{_esc(line)}</p>' for line in unreachable_lines(report, tr))
        + f"<figure>{_chart(report, tr)}<figcaption>"
        f"{_esc(tr('plan.chart', within=f'{res.target.within:g}'))}</figcaption></figure>"
        f"<table><tr><th class=l></th><th>{_esc(tr('plan.col.arrivals'))}</th>{ghead}"
        f"<th>{_esc(tr('plan.col.total'))}</th><th>{_esc(tr('plan.col.wait'))}</th>"
        f"<th>{_esc(tr('plan.col.met'))}</th><th>Erlang C</th>"
        f"<th>Erlang C {_esc(tr('plan.col.met'))}</th><th>Erlang-A</th></tr>"
        + "".join(rows)
        + f"</table><h2>{_esc(tr('plan.check', days=3 * res.replications))}</h2>"
        f"<table><tr><th class=l></th><th>{_esc(tr('plan.col.share_met'))}</th>"
        f"<th>{_esc(tr('plan.col.counter_hh'))}</th><th>{_esc(tr('plan.col.overtime'))}</th>"
        f"<th>{_esc(tr('plan.col.left'))}</th></tr>{check}</table>"
        f"{factors_html(report, tr)}"
        f"<pre>{_esc(tr('plan.models'))}</pre>"
        f'<script type="application/json" id="plan-data">{data}</script></body></html>\n'
    )


def render(report: StaffingReport, fmt: str, lang: str = "ja") -> str:
    tr = Translator(lang)
    if fmt == "json":
        return json.dumps(plan_json(report, tr.lang), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return render_csv(report)
    if fmt == "html":
        return render_html(report, tr)
    return render_table(report, tr)
