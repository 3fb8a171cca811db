"""Reports as one self-contained HTML page.

No external resource at all (inline CSS, inline SVG charts, no fonts or scripts from the
network), prints on A4 (`@page size A4`, `@media print`), and embeds the charts' data as
`<script type="application/json" id="report-data">` so tools and tests can check what the
charts show."""

from __future__ import annotations

import json
from collections.abc import Sequence

from queue_app.i18n import Translator
from queue_app.services.reports.models import DailyReport, Forecast, GroupRow, RangeReport
from queue_app.services.reports.render.common import (
    Report,
    _closed,
    _daily_figures,
    _esc,
    _forecast_intro,
    _group_cells,
    _group_head,
    _i,
    _n,
    _notes,
    _round,
    _title,
    _wd,
)
from queue_app.services.reports.render.svg import bar_chart, heatmap

# -- HTML ------------------------------------------------------------------------------------
CSS = """
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif;
  color: #111; margin: 16px auto; max-width: 190mm; font-size: 10.5pt; }
h1 { font-size: 15pt; margin: 0 0 4px; } h2 { font-size: 12pt; margin: 14px 0 4px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0; }
th, td { border: 1px solid #999; padding: 2px 5px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
th { background: #eee; }
.closed { font-size: 14pt; font-weight: bold; padding: 20px; border: 2px solid #999; }
.provisional { font-weight: bold; color: #8a4b00; }
.note { font-size: 9.5pt; color: #333; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font-size: 10px; fill: #222; }
.bar { fill: #3b6fb6; } .bar2 { fill: #e08a2c; }
.quiet { fill: #cfe8cf; background: #cfe8cf; } .moderate { fill: #ffe08a; background: #ffe08a; }
.crowded { fill: #f3a3a3; background: #f3a3a3; } .off { fill: #ddd; background: #ddd; }
.cal td { vertical-align: top; text-align: left; height: 18mm; width: 14.2%; font-size: 8.5pt; }
.cal .day { font-weight: bold; }
.bands { display: flex; gap: 1px; margin-top: 2px; } .bands span { flex: 1; height: 6px; }
.toolbar { text-align: right; }
@media print {
  .toolbar { display: none; }
  body { margin: 0; max-width: none; }
  section, table, svg { break-inside: avoid; }
  th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .quiet, .moderate, .crowded, .off, .bar, .bar2 { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _html_table(head: Sequence[str], rows: Sequence[Sequence[object]], cls: str = "") -> str:
    h = "".join(f"<th>{_esc(c)}</th>" for c in head)
    body = "".join("<tr>" + "".join(f"<td>{_esc(c)}</td>" for c in r) + "</tr>" for r in rows)
    attr = f' class="{cls}"' if cls else ""
    return f"<table{attr}><thead><tr>{h}</tr></thead><tbody>{body}</tbody></table>"


def _html(report: Report, tr: Translator) -> str:
    title = _title(report, tr)
    charts: dict[str, dict[str, object]] = {}
    body: list[str] = [f"<h1>{_esc(title)}</h1>"]
    if isinstance(report, DailyReport):
        body += _html_daily(report, tr, charts)
    elif isinstance(report, RangeReport):
        body += _html_range(report, tr, charts)
    else:
        body += _html_forecast(report, tr, charts)
    data = {"report": report.to_json(tr.lang), "charts": charts}
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return (
        f'<!DOCTYPE html>\n<html lang="{tr.lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_esc(title)}</title><style>{CSS}</style></head><body>"
        f'<div class="toolbar"><button type="button" id="print">{_esc(tr("rpt.print"))}'
        f"</button></div>"
        + "".join(body)
        + f'<script type="application/json" id="report-data">{payload}</script>'
        "<script>document.getElementById('print').addEventListener('click',"
        "function(){window.print();});</script>"
        "</body></html>\n"
    )


def _chart_from(
    charts: dict[str, dict[str, object]],
    chart_id: str,
    title: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    cls: str = "bar",
    target: float | None = None,
    target_label: str = "",
) -> str:
    """A bar chart and its data; charts of waiting minutes pass the target to draw its line."""
    charts[chart_id] = {"type": "bar", "labels": list(labels), "values": list(values)}
    if target is not None:
        charts[chart_id]["target"] = target
    return bar_chart(chart_id, title, labels, values, cls, target=target, target_label=target_label)


def _html_daily(r: DailyReport, tr: Translator, charts: dict[str, dict[str, object]]) -> list[str]:
    out: list[str] = []
    if not r.open:
        out.append(f'<p class="closed">{_esc(_closed(tr, r.closed_reasons))}</p>')
        if r.totals.issued == 0:
            return out
    else:
        hours = ", ".join(f"{a}-{b}" for a, b in r.hours)
        out.append(f"<p>{_esc(tr('rpt.hours', hours=hours))}</p>")
    if r.as_of is not None:
        out.append(f'<p class="provisional">{_esc(tr("rpt.provisional", time=r.as_of))}</p>')
    if r.future:
        out.append(f'<p class="provisional">{_esc(r.future_text(tr.lang))}</p>')
    if r.totals.issued == 0:
        out.append(f"<p>{_esc(tr('rpt.no_tickets'))}</p>")
        return out
    out.append(
        "<section>"
        + _html_table([tr("rpt.figure"), tr("rpt.value")], _daily_figures(r, tr))
        + "</section>"
    )
    labels = [f"{h.hour:02d}" for h in r.by_hour]
    out.append("<section><h2>" + _esc(tr("rpt.chart_hour")) + "</h2>")
    out.append(
        _chart_from(
            charts,
            "chart-arrivals",
            tr("rpt.arrivals"),
            labels,
            [None if h.arrivals is None else float(h.arrivals) for h in r.by_hour],
        )
    )
    out.append(
        _chart_from(
            charts,
            "chart-wait",
            tr("rpt.wait_mean"),
            labels,
            [_round(h.wait_mean) for h in r.by_hour],
            "bar2",
            float(r.target_minutes),
            tr("rpt.target_line", m=r.target_minutes),
        )
    )
    out.append(
        _chart_from(
            charts,
            "chart-peak",
            tr("rpt.peak"),
            labels,
            [None if h.peak_waiting is None else float(h.peak_waiting) for h in r.by_hour],
        )
    )
    out.append("</section>")
    out.append(
        "<section><h2>"
        + _esc(tr("rpt.by_hour"))
        + "</h2>"
        + _html_table(
            [tr("rpt.hour"), tr("rpt.arrivals"), tr("rpt.wait_mean"), tr("rpt.peak")],
            [
                [f"{h.hour:02d}", _i(h.arrivals), _n(h.wait_mean), _i(h.peak_waiting)]
                for h in r.by_hour
            ],
        )
        + "</section>"
    )
    for key, groups in (("rpt.by_service", r.by_service), ("rpt.by_kind", r.by_visit_kind)):
        out.append(_html_groups(tr, key, groups, r.target_minutes))
    out.append("".join(f'<p class="note">※ {_esc(n)}</p>' for n in _notes(r, tr)))
    return out


def _html_groups(tr: Translator, key: str, groups: Sequence[GroupRow], target: int) -> str:
    return (
        "<section><h2>"
        + _esc(tr(key))
        + "</h2>"
        + _html_table(
            [tr("rpt.group"), *_group_head(tr, target)],
            [[g.label.text(tr.lang), *_group_cells(g.figures)] for g in groups],
        )
        + "</section>"
    )


def _html_range(r: RangeReport, tr: Translator, charts: dict[str, dict[str, object]]) -> list[str]:
    out: list[str] = []
    if r.future:
        out.append(f'<p class="provisional">{_esc(r.future_text(tr.lang))}</p>')
    open_days = [d for d in r.days if d.counted_open or d.figures.issued]
    labels = [d.day.strftime("%m-%d") for d in open_days]
    out.append(
        "<section>"
        + _chart_from(
            charts,
            "chart-days",
            tr("rpt.chart_days"),
            labels,
            [_round(d.figures.wait_mean) for d in open_days],
            target=float(r.target_minutes),
            target_label=tr("rpt.target_line", m=r.target_minutes),
        )
        + "</section>"
    )
    names = [_wd(tr, wd) for wd in range(7)]
    for chart_id, key, heat in (
        ("heat-arrivals", "rpt.heat_arrivals", r.heat_arrivals),
        ("heat-wait", "rpt.heat_wait", r.heat_wait),
    ):
        values = [[_round(heat[wd][h]) for h in r.hours] for wd in range(7)]
        charts[chart_id] = {
            "type": "heatmap",
            "rows": names,
            "cols": list(r.hours),
            "values": values,
        }
        out.append(
            "<section><h2>"
            + _esc(tr(key))
            + "</h2>"
            + heatmap(chart_id, tr(key), names, r.hours, values)
            + "</section>"
        )
    rows = []
    for d in r.days:
        first = [d.day.isoformat(), _wd(tr, d.day.weekday())]
        if not d.open and d.figures.issued == 0:
            rows.append([*first, _closed(tr, d.closed_reasons), *[""] * 7])
        elif d.future:
            rows.append([*first, tr("rpt.future_day"), *[""] * 7])
        else:
            rows.append([*first, *_group_cells(d.figures)])
    rows.append([tr("rpt.total"), "", *_group_cells(r.totals)])
    out.append(
        "<section>"
        + _html_table([tr("rpt.date"), tr("rpt.weekday"), *_group_head(tr, r.target_minutes)], rows)
        + "</section>"
    )
    return out


def _html_forecast(r: Forecast, tr: Translator, charts: dict[str, dict[str, object]]) -> list[str]:
    out = [f'<p class="note">{_esc(line)}</p>' for line in _forecast_intro(r, tr) if line]
    head = "".join(f"<th>{_esc(_wd(tr, wd))}</th>" for wd in range(7))
    cells: list[str] = ["<td></td>"] * r.days[0].day.weekday() if r.days else []
    for d in r.days:
        if not d.open:
            inner = (
                f'<div class="day">{d.day.day}</div>'
                f"<div>{_esc(_closed(tr, d.closed_reasons))}</div>"
            )
            cells.append(
                f'<td class="off" data-date="{d.day.isoformat()}" data-level="closed">{inner}</td>'
            )
            continue
        bands = "".join(
            f'<span class="{b.level}" title="{_esc(b.label)} {_esc(tr(f"rpt.level.{b.level}"))}"></span>'
            for b in d.bands
        )
        why = "・".join(tr(f"rpt.reason.{x}") for x in d.reasons)
        inner = (
            f'<div class="day">{d.day.day}</div><div>{_esc(tr(f"rpt.level.{d.level}"))}</div>'
            f'<div class="note">{_esc(why)}</div><div class="bands">{bands}</div>'
        )
        cells.append(
            f'<td class="{d.level}" data-date="{d.day.isoformat()}" data-level="{d.level}">{inner}</td>'
        )
    while len(cells) % 7:
        cells.append("<td></td>")
    rows = "".join("<tr>" + "".join(cells[i : i + 7]) + "</tr>" for i in range(0, len(cells), 7))
    out.append(f'<table class="cal"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>')
    charts["calendar"] = {
        "type": "calendar",
        "days": [
            {"date": d.day.isoformat(), "level": d.level if d.open else "closed"} for d in r.days
        ],
    }
    # per-band chart of an ordinary weekday's expected wait (hour profile)
    prof = sorted(r.factors.hour_profile.items())
    out.append(
        "<section>"
        + _chart_from(
            charts,
            "chart-profile",
            tr("rpt.fc_wait"),
            [f"{h:02d}" for h, _ in prof],
            [round(v, 1) for _, v in prof],
            "bar2",
            float(r.target_minutes),
            tr("rpt.target_line", m=r.target_minutes),
        )
        + "</section>"
    )
    table_rows = []
    for d in r.days:
        if not d.open:
            table_rows.append(
                [d.day.isoformat(), _wd(tr, d.day.weekday()), _closed(tr, d.closed_reasons), "", ""]
            )
        else:
            table_rows.append(
                [
                    d.day.isoformat(),
                    _wd(tr, d.day.weekday()),
                    tr(f"rpt.level.{d.level}"),
                    _n(d.wait),
                    "・".join(tr(f"rpt.reason.{x}") for x in d.reasons),
                ]
            )
    out.append(
        "<section>"
        + _html_table(
            [
                tr("rpt.date"),
                tr("rpt.weekday"),
                tr("rpt.fc_level"),
                tr("rpt.fc_wait"),
                tr("rpt.fc_why"),
            ],
            table_rows,
        )
        + "</section>"
    )
    return out
