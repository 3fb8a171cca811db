"""Small formatting shared by the renderers: numbers, titles, figures, notes, group rows."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from queue_app.domain.reporting import Figures
from queue_app.i18n import Translator
from queue_app.services.reports.models import DailyReport, Forecast, RangeReport

Report = DailyReport | RangeReport | Forecast


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
    if r.totals.after_close and r.closes:
        notes.append(tr("rpt.after_close_note", n=r.totals.after_close, closes=r.closes))
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
        report.accuracy_text(tr.lang),
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


def _round(v: float | None) -> float | None:
    return None if v is None else round(v, 1)


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)
