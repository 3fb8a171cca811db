"""Reports as CSV (one row per hour, day or forecast band)."""

from __future__ import annotations

import csv
import io

from queue_app.i18n import Translator
from queue_app.services.reports.models import DailyReport, RangeReport
from queue_app.services.reports.render.common import (
    Report,
    _round,
    _wd,
)

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
            if d.future and d.open:  # not an open day with zero tickets: it has not come yet
                first = [report.office_id, d.day.isoformat(), _wd(tr, d.day.weekday())]
                w.writerow([*first, "", tr("rpt.future_day"), *[""] * (len(FIG_COLUMNS) + 1)])
                continue
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


def _c(value: object) -> object:
    return "" if value is None else value
