"""Render reports as a text table, CSV, JSON, or one self-contained HTML page.

The HTML has no external resource at all (inline CSS, inline SVG charts, no fonts or
scripts from the network), prints on A4 (`@page size A4`, `@media print`), and embeds the
charts' data as `<script type="application/json" id="report-data">` so tools and tests can
check what the charts show. Each SVG mark carries `data-key`/`data-value` attributes too.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Sequence
from typing import Any

from queue_app.domain.reporting import Figures
from queue_app.i18n import Translator
from queue_app.services.reports import DailyReport, Forecast, GroupRow, RangeReport

FORMATS = ("table", "csv", "json", "html")
Report = DailyReport | RangeReport | Forecast


def render(report: Report, fmt: str, lang: str = "ja") -> str:
    tr = Translator(lang)
    if fmt == "json":
        return json.dumps(report.to_json(tr.lang), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return _csv(report, tr)
    if fmt == "html":
        return _html(report, tr)
    return _table(report, tr)


# -- small formatting ----------------------------------------------------------------------
def _n(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _i(value: int | None) -> str:
    return "-" if value is None else str(value)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.1f}%"


def _wd(tr: Translator, weekday: int) -> str:
    return tr(f"weekday.{weekday}")


def _closed(tr: Translator, reasons: Sequence[Any]) -> str:
    sep = ", " if tr.lang == "en" else "、"
    return tr("rpt.closed", reason=sep.join(r.text(tr.lang) for r in reasons))


def _title(report: Report, tr: Translator) -> str:
    if isinstance(report, DailyReport):
        return tr(
            "rpt.title_daily",
            office=report.office.text(tr.lang),
            date=report.day.isoformat(),
            weekday=_wd(tr, report.day.weekday()),
        )
    if isinstance(report, RangeReport):
        return tr(
            "rpt.title_range",
            office=report.office.text(tr.lang),
            start=report.start.isoformat(),
            end=report.end.isoformat(),
        )
    return tr(
        "rpt.title_forecast",
        office=report.office.text(tr.lang),
        month=f"{report.year:04d}-{report.month:02d}",
    )


def _daily_figures(r: DailyReport, tr: Translator) -> list[tuple[str, str]]:
    f = r.totals
    rows = [
        (tr("rpt.issued"), str(f.issued)),
        (tr("rpt.served"), str(f.served)),
        (tr("rpt.no_show"), str(f.no_show)),
        (tr("rpt.cancelled"), str(f.cancelled)),
        (tr("rpt.transferred"), str(f.transferred)),
        (tr("rpt.wait_mean"), _n(f.wait_mean)),
        (tr("rpt.wait_median"), _n(r.wait_median)),
        (tr("rpt.wait_p90"), _n(r.wait_p90)),
        (tr("rpt.wait_max"), _n(f.wait_max)),
        (tr("rpt.service_mean"), _n(f.service_mean)),
        (tr("rpt.service_median"), _n(r.service_median)),
        (
            tr("rpt.over_target", m=r.target_minutes),
            f"{f.over_target} ({_pct(f.over_target_share)})",
        ),
    ]
    if r.last30_window:
        rows.append(
            (tr("rpt.last30", start=r.last30_window[0], end=r.last30_window[1]), str(f.last30))
        )
    rows.append((tr("rpt.last_finish"), r.last_finish or "-"))
    rows.append((tr("rpt.overtime"), _n(r.overtime_minutes)))
    return rows


def _notes(r: DailyReport, tr: Translator) -> list[str]:
    notes = [tr("rpt.wait_note")]
    if r.as_of is not None:
        notes.append(tr("rpt.provisional_note"))
    if r.totals.early and r.opens:
        notes.append(tr("rpt.early_note", n=r.totals.early, opens=r.opens))
    return notes


GROUP_HEAD = ("rpt.issued", "rpt.served", "rpt.no_show", "rpt.cancelled", "rpt.transferred")


def _group_cells(f: Figures) -> list[str]:
    return [
        str(f.issued),
        str(f.served),
        str(f.no_show),
        str(f.cancelled),
        str(f.transferred),
        _n(f.wait_mean),
        _n(f.wait_max),
        _pct(f.over_target_share),
    ]


def _group_head(tr: Translator, target: int) -> list[str]:
    return [tr(k) for k in GROUP_HEAD] + [
        tr("rpt.wait_mean"),
        tr("rpt.wait_max"),
        tr("rpt.over_target", m=target),
    ]


# -- text table ----------------------------------------------------------------------------
def _grid(head: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    from unicodedata import east_asian_width

    def width(s: str) -> int:
        return sum(2 if east_asian_width(c) in "WF" else 1 for c in s)

    cols = len(head)
    widths = [max(width(str(x[i])) for x in [head, *rows]) for i in range(cols)]

    def line(cells: Sequence[str]) -> str:
        out = []
        for i, c in enumerate(cells):
            pad = " " * (widths[i] - width(str(c)))
            out.append(str(c) + pad if i == 0 else pad + str(c))
        return "  ".join(out).rstrip()

    sep = "  ".join("-" * w for w in widths)
    return [line(head), sep, *(line(r) for r in rows)]


def _table(report: Report, tr: Translator) -> str:
    out = [_title(report, tr), ""]
    if isinstance(report, DailyReport):
        if not report.open:
            out.append(_closed(tr, report.closed_reasons))
            if report.totals.issued == 0:
                return "\n".join(out) + "\n"
            out.append("")
        else:
            hours = ", ".join(f"{a}-{b}" for a, b in report.hours)
            out += [tr("rpt.hours", hours=hours), ""]
        if report.as_of is not None:
            out += [tr("rpt.provisional", time=report.as_of), ""]
        if report.totals.issued == 0:
            out.append(tr("rpt.no_tickets"))
            return "\n".join(out) + "\n"
        out += _grid([tr("rpt.figure"), tr("rpt.value")], _daily_figures(report, tr))
        out += ["", tr("rpt.by_hour")]
        out += _grid(
            [tr("rpt.hour"), tr("rpt.arrivals"), tr("rpt.wait_mean"), tr("rpt.peak")],
            [
                [f"{h.hour:02d}", _i(h.arrivals), _n(h.wait_mean), _i(h.peak_waiting)]
                for h in report.by_hour
            ],
        )
        for title, groups in (
            ("rpt.by_service", report.by_service),
            ("rpt.by_kind", report.by_visit_kind),
        ):
            out += ["", tr(title)]
            out += _grid(
                [tr("rpt.group"), *_group_head(tr, report.target_minutes)],
                [[g.label.text(tr.lang), *_group_cells(g.figures)] for g in groups],
            )
        out += ["", *(f"※ {n}" for n in _notes(report, tr))]
    elif isinstance(report, RangeReport):
        rows = []
        for d in report.days:
            first = [d.day.isoformat(), _wd(tr, d.day.weekday())]
            if not d.open and d.figures.issued == 0:
                rows.append([*first, _closed(tr, d.closed_reasons), *[""] * 7])
            else:
                rows.append([*first, *_group_cells(d.figures)])
        rows.append([tr("rpt.total"), "", *_group_cells(report.totals)])
        out += _grid(
            [tr("rpt.date"), tr("rpt.weekday"), *_group_head(tr, report.target_minutes)], rows
        )
        out += ["", f"{tr('rpt.open_days')}: {report.open_days}"]
        for title, heat, digits in (
            ("rpt.heat_arrivals", report.heat_arrivals, 1),
            ("rpt.heat_wait", report.heat_wait, 1),
        ):
            out += ["", tr(title)]
            out += _grid(
                [tr("rpt.weekday"), *[f"{h:02d}" for h in report.hours]],
                [
                    [_wd(tr, wd), *[_n(heat[wd][h], digits) for h in report.hours]]
                    for wd in range(7)
                ],
            )
    else:
        out += _forecast_intro(report, tr)
        rows = []
        for fd in report.days:
            first = [fd.day.isoformat(), _wd(tr, fd.day.weekday())]
            if not fd.open:
                rows.append([*first, _closed(tr, fd.closed_reasons), "", "", ""])
                continue
            bands = " ".join(_level_mark(b.level) for b in fd.bands)
            rows.append(
                [
                    *first,
                    tr(f"rpt.level.{fd.level}"),
                    _n(fd.wait),
                    bands,
                    "・".join(tr(f"rpt.reason.{x}") for x in fd.reasons),
                ]
            )
        band_head = " ".join(f"{b.hour:02d}" for b in _first_bands(report))
        out += _grid(
            [
                tr("rpt.date"),
                tr("rpt.weekday"),
                tr("rpt.fc_level"),
                tr("rpt.fc_wait"),
                band_head,
                tr("rpt.fc_why"),
            ],
            rows,
        )
        out += [
            "",
            "○ "
            + tr("rpt.level.quiet")
            + "  △ "
            + tr("rpt.level.moderate")
            + "  × "
            + tr("rpt.level.crowded"),
        ]
    return "\n".join(out) + "\n"


def _level_mark(level: str) -> str:
    return {"quiet": "○ ", "moderate": "△ ", "crowded": "× "}.get(level, "- ")


def _first_bands(report: Forecast) -> Sequence[Any]:
    for d in report.days:
        if d.open and d.bands:
            return d.bands
    return ()


def _forecast_intro(report: Forecast, tr: Translator) -> list[str]:
    out = [
        tr(
            "rpt.fc_history",
            start=report.history_start.isoformat(),
            end=report.history_end.isoformat(),
            n=report.factors.history_days,
        ),
        tr("rpt.fc_legend", m=report.thresholds[0], c=report.thresholds[1]),
    ]
    if report.notice_dates:
        text = tr("rpt.fc_notices", dates=", ".join(d.isoformat() for d in report.notice_dates))
        if report.notice_inferred:
            text += " " + tr("rpt.fc_notices_inferred")
        elif report.notice_source == "config":
            text += " " + tr("rpt.fc_notices_config")
        out.append(text)
    out += [tr("rpt.fc_closing"), ""]
    return out


# -- CSV ---------------------------------------------------------------------------------------
FIG_COLUMNS = (
    "issued",
    "served",
    "no_show",
    "cancelled",
    "transferred",
    "early_arrivals",
    "issued_last_30_min",
    "waits_counted",
    "wait_mean_min",
    "wait_max_min",
    "over_target",
    "over_target_share",
    "service_counted",
    "service_mean_min",
)


def _csv(report: Report, tr: Translator) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    if isinstance(report, DailyReport):
        w.writerow(
            [
                "office",
                "date",
                "section",
                "key",
                "label",
                *FIG_COLUMNS,
                "wait_median_min",
                "wait_p90_min",
                "peak_waiting",
                "closed_reason",
            ]
        )
        base = [report.office_id, report.day.isoformat()]
        closed = "" if report.open else report.closed_text(tr.lang)
        total = report.totals.to_json()
        w.writerow(
            [
                *base,
                "total",
                "",
                tr("rpt.total"),
                *(_c(total[c]) for c in FIG_COLUMNS),
                _c(report.wait_median),
                _c(report.wait_p90),
                "",
                closed,
            ]
        )
        for h in report.by_hour:
            w.writerow(
                [
                    *base,
                    "hour",
                    h.hour,
                    f"{h.hour:02d}",
                    h.arrivals,
                    *[""] * 7,
                    _c(h.wait_mean),
                    *[""] * 5,
                    "",
                    "",
                    h.peak_waiting,
                    "",
                ]
            )
        for section, groups in (
            ("service", report.by_service),
            ("visit_kind", report.by_visit_kind),
        ):
            for g in groups:
                data = g.figures.to_json()
                w.writerow(
                    [
                        *base,
                        section,
                        g.key,
                        g.label.text(tr.lang),
                        *(_c(data[c]) for c in FIG_COLUMNS),
                        "",
                        "",
                        "",
                        "",
                    ]
                )
    elif isinstance(report, RangeReport):
        w.writerow(
            ["office", "date", "weekday", "open", "closed_reason", *FIG_COLUMNS, "overtime_min"]
        )
        for d in report.days:
            data = d.figures.to_json()
            reason = "" if d.open else ", ".join(r.text(tr.lang) for r in d.closed_reasons)
            w.writerow(
                [
                    report.office_id,
                    d.day.isoformat(),
                    _wd(tr, d.day.weekday()),
                    int(d.open),
                    reason,
                    *(_c(data[c]) for c in FIG_COLUMNS),
                    _c(round(d.overtime_minutes, 1)),
                ]
            )
        data = report.totals.to_json()
        w.writerow(
            [
                report.office_id,
                "total",
                "",
                report.open_days,
                "",
                *(_c(data[c]) for c in FIG_COLUMNS),
                "",
            ]
        )
    else:
        w.writerow(
            [
                "office",
                "date",
                "weekday",
                "open",
                "closed_reason",
                "day_level",
                "day_wait_min",
                "reasons",
                "band",
                "band_level",
                "band_wait_min",
            ]
        )
        for fd in report.days:
            fbase: list[object] = [
                report.office_id,
                fd.day.isoformat(),
                _wd(tr, fd.day.weekday()),
                int(fd.open),
            ]
            if not fd.open:
                w.writerow(
                    [
                        *fbase,
                        ", ".join(r.text(tr.lang) for r in fd.closed_reasons),
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                    ]
                )
                continue
            for b in fd.bands:
                w.writerow(
                    [
                        *fbase,
                        "",
                        fd.level,
                        _c(_round(fd.wait)),
                        " ".join(fd.reasons),
                        b.label,
                        b.level,
                        _c(round(b.wait, 1)),
                    ]
                )
    return buf.getvalue()


def _round(v: float | None) -> float | None:
    return None if v is None else round(v, 1)


def _c(value: object) -> object:
    return "" if value is None else value


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


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _html_table(head: Sequence[str], rows: Sequence[Sequence[object]], cls: str = "") -> str:
    h = "".join(f"<th>{_esc(c)}</th>" for c in head)
    body = "".join("<tr>" + "".join(f"<td>{_esc(c)}</td>" for c in r) + "</tr>" for r in rows)
    attr = f' class="{cls}"' if cls else ""
    return f"<table{attr}><thead><tr>{h}</tr></thead><tbody>{body}</tbody></table>"


def bar_chart(
    chart_id: str,
    title: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    cls: str = "bar",
    width: int = 680,
    height: int = 170,
) -> str:
    """A plain SVG bar chart; each bar is `<rect class=... data-key data-value>`."""
    pad_l, pad_b, pad_t = 34, 18, 16
    n = max(len(values), 1)
    top = max([v for v in values if v is not None] or [0]) or 1.0
    slot = (width - pad_l - 4) / n
    bar_w = max(slot * 0.7, 1)
    plot_h = height - pad_b - pad_t
    parts = [
        f'<svg id="{_esc(chart_id)}" class="chart" role="img" aria-label="{_esc(title)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{_esc(title)}</title>",
        f'<text x="{pad_l}" y="11">{_esc(title)}</text>',
        f'<line x1="{pad_l}" y1="{height - pad_b}" x2="{width - 2}" y2="{height - pad_b}" stroke="#666"/>',
        f'<text x="2" y="{pad_t + 8}">{_esc(_n(top))}</text>',
    ]
    every = max(1, n // 24)
    for i, (label, v) in enumerate(zip(labels, values, strict=True)):
        x = pad_l + i * slot + (slot - bar_w) / 2
        h = 0.0 if v is None else plot_h * v / top
        y = height - pad_b - h
        value = "" if v is None else f"{v:g}"
        parts.append(
            f'<rect class="{cls}" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
            f'data-key="{_esc(label)}" data-value="{value}"><title>{_esc(label)}: {_esc(_n(v))}'
            f"</title></rect>"
        )
        if i % every == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{height - 5}" text-anchor="middle">'
                f"{_esc(label)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


def heatmap(
    chart_id: str,
    title: str,
    rows: Sequence[str],
    cols: Sequence[int],
    values: Sequence[Sequence[float | None]],
) -> str:
    """Weekday x hour grid; each cell `<rect class="cell" data-row data-col data-value>`."""
    cell_w, cell_h, pad_l, pad_t = 40, 18, 30, 30
    width = pad_l + cell_w * len(cols) + 4
    height = pad_t + cell_h * len(rows) + 4
    top = max([v for r in values for v in r if v is not None] or [0]) or 1.0
    parts = [
        f'<svg id="{_esc(chart_id)}" class="chart" role="img" aria-label="{_esc(title)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{_esc(title)}</title>',
        f'<text x="2" y="11">{_esc(title)}</text>',
    ]
    for j, h in enumerate(cols):
        parts.append(
            f'<text x="{pad_l + j * cell_w + cell_w / 2}" y="{pad_t - 4}" '
            f'text-anchor="middle">{h:02d}</text>'
        )
    for i, name in enumerate(rows):
        parts.append(f'<text x="2" y="{pad_t + i * cell_h + 13}">{_esc(name)}</text>')
        for j, h in enumerate(cols):
            v = values[i][j]
            shade = 0.0 if v is None else v / top
            fill = "#eeeeee" if v is None else _shade(shade)
            text = "" if v is None else _n(v)
            x, y = pad_l + j * cell_w, pad_t + i * cell_h
            parts.append(
                f'<rect class="cell" x="{x}" y="{y}" width="{cell_w - 1}" height="{cell_h - 1}" '
                f'fill="{fill}" data-row="{i}" data-col="{h}" '
                f'data-value="{"" if v is None else f"{v:g}"}"/>'
                f'<text x="{x + cell_w / 2}" y="{y + 13}" text-anchor="middle">{text}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _shade(t: float) -> str:
    t = min(max(t, 0.0), 1.0)
    r = int(255 - (255 - 214) * t)
    g = int(255 - (255 - 69) * t)
    b = int(255 - (255 - 65) * t)
    return f"#{r:02x}{g:02x}{b:02x}"


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
) -> str:
    charts[chart_id] = {"type": "bar", "labels": list(labels), "values": list(values)}
    return bar_chart(chart_id, title, labels, values, cls)


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
    open_days = [d for d in r.days if d.open or d.figures.issued]
    labels = [d.day.strftime("%m-%d") for d in open_days]
    out.append(
        "<section>"
        + _chart_from(
            charts,
            "chart-days",
            tr("rpt.chart_days"),
            labels,
            [_round(d.figures.wait_mean) for d in open_days],
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
