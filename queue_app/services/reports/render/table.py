"""Reports as a plain text table (the terminal's default)."""

from __future__ import annotations

from collections.abc import Sequence

from queue_app.i18n import Translator
from queue_app.services.reports.models import DailyReport, RangeReport
from queue_app.services.reports.render.common import (
    Report,
    _closed,
    _daily_figures,
    _first_bands,
    _forecast_intro,
    _group_cells,
    _group_head,
    _i,
    _level_mark,
    _n,
    _notes,
    _title,
    _wd,
)


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
        if report.future:
            out += [report.future_text(tr.lang), ""]
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
        if report.future:
            out += [report.future_text(tr.lang), ""]
        rows = []
        for d in report.days:
            first = [d.day.isoformat(), _wd(tr, d.day.weekday())]
            if not d.open and d.figures.issued == 0:
                rows.append([*first, _closed(tr, d.closed_reasons), *[""] * 7])
            elif d.future:
                rows.append([*first, tr("rpt.future_day"), *[""] * 7])
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
