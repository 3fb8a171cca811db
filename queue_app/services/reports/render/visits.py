"""The visits report (time in the building, issue 13) as a text table, CSV or HTML page."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from queue_app.domain.visit_times import PlanFigures, Spread, StepFigures
from queue_app.i18n import Translator
from queue_app.services.reports.render.common import _esc, _n, _pct
from queue_app.services.reports.visits import VisitReport


def visits_title(r: VisitReport, tr: Translator) -> str:
    """The report's title line (also the reports screen's)."""
    span = r.start.isoformat() if r.start == r.end else f"{r.start} – {r.end}"
    return tr("rpt.visits.title", office=r.office.text(tr.lang), span=span)


def visits_summary(r: VisitReport, tr: Translator) -> list[tuple[str, str]]:
    """(label, value) of the headline figures (also the reports screen's)."""
    f = r.figures
    return [
        (tr("rpt.visits.visits"), str(f.visits)),
        (tr("rpt.visits.completed"), str(f.completed)),
        (tr("rpt.visits.multi"), f"{f.multi_counter} ({_pct(f.multi_counter_share)})"),
        (tr("rpt.visits.building_p50"), _n(f.building.p50)),
        (tr("rpt.visits.building_p90"), _n(f.building.p90)),
    ]


def _plan_head(tr: Translator) -> list[str]:
    return [
        tr("rpt.visits.plan"),
        tr("rpt.visits.visits"),
        tr("rpt.visits.completed"),
        tr("rpt.visits.building_p50"),
        tr("rpt.visits.building_p90"),
        tr("rpt.visits.longest_wait"),
    ]


def _plan_cells(r: VisitReport, p: PlanFigures, tr: Translator) -> list[str]:
    longest = p.longest_wait
    where = (
        f"{longest.position}. {r.service_label(longest.service_id, tr.lang)} ({_n(longest.wait.p50)})"
        if longest
        else "-"
    )
    return [
        r.plan_label(p.key, tr.lang),
        str(p.visits),
        str(p.completed),
        _n(p.building.p50),
        _n(p.building.p90),
        where,
    ]


def _step_head(tr: Translator, first: str) -> list[str]:
    return [
        first,
        tr("rpt.visits.steps_n"),
        tr("rpt.visits.wait_p50"),
        tr("rpt.visits.wait_p90"),
        tr("rpt.visits.service_p50"),
        tr("rpt.visits.preparing_p50"),
        tr("rpt.visits.preparing_p90"),
        tr("rpt.visits.pickup_wait_p50"),
    ]


def _step_cells(r: VisitReport, s: StepFigures, tr: Translator) -> list[str]:
    name = r.service_label(s.service_id, tr.lang)
    label = f"{s.position}. {name}" if s.position else name

    def n(x: Spread, p90: bool = False) -> str:
        return _n(x.p90 if p90 else x.p50) if x.n else "-"

    return [
        label,
        str(s.wait.n),
        n(s.wait),
        n(s.wait, True),
        n(s.service),
        n(s.preparing),
        n(s.preparing, True),
        n(s.pickup_wait),
    ]


def _sections(r: VisitReport, tr: Translator) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, head, rows) of each table: plans, each plan's steps, every procedure."""
    out = [
        (
            tr("rpt.visits.per_plan"),
            _plan_head(tr),
            [_plan_cells(r, p, tr) for p in r.figures.plans],
        )
    ]
    for p in r.figures.plans:
        if p.steps:
            out.append(
                (
                    tr("rpt.visits.plan_steps", plan=r.plan_label(p.key, tr.lang)),
                    _step_head(tr, tr("rpt.visits.step")),
                    [_step_cells(r, s, tr) for s in p.steps],
                )
            )
    out.append(
        (
            tr("rpt.visits.per_service"),
            _step_head(tr, tr("rpt.visits.service")),
            [_step_cells(r, s, tr) for s in r.figures.per_service],
        )
    )
    return out


def visits_table(r: VisitReport, tr: Translator) -> str:
    from queue_app.services.reports.render.table import _grid

    lines = [visits_title(r, tr), ""]
    lines += [f"{k}: {v}" for k, v in visits_summary(r, tr)]
    if r.future_text(tr.lang):
        lines += ["", r.future_text(tr.lang)]
    if not r.figures.visits:
        lines += ["", tr("rpt.visits.none")]
        return "\n".join(lines) + "\n"
    for title, head, rows in _sections(r, tr):
        lines += ["", title, *_grid(head, rows)]
    lines += ["", tr("rpt.visits.note")]
    return "\n".join(lines) + "\n"


def visits_csv(r: VisitReport, tr: Translator) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([visits_title(r, tr)])
    for k, v in visits_summary(r, tr):
        w.writerow([k, v])
    if r.future_text(tr.lang):
        w.writerow([r.future_text(tr.lang)])
    for title, head, rows in _sections(r, tr):
        w.writerow([])
        w.writerow([title])
        w.writerow(head)
        w.writerows(rows)
    return buf.getvalue()


def _html_table(title: str, head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    th = "".join(f"<th>{_esc(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{_esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<h2>{_esc(title)}</h2><table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def visits_html(r: VisitReport, tr: Translator) -> str:
    summary = "".join(
        f"<tr><th>{_esc(k)}</th><td>{_esc(v)}</td></tr>" for k, v in visits_summary(r, tr)
    )
    tables = "".join(_html_table(t, h, rows) for t, h, rows in _sections(r, tr))
    if r.future_text(tr.lang):
        tables = f'<p class="provisional">{_esc(r.future_text(tr.lang))}</p>' + tables
    return (
        f'<!DOCTYPE html><html lang="{tr.lang}"><head><meta charset="utf-8">'
        f"<title>{_esc(visits_title(r, tr))}</title><style>"
        "body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;margin:.5em 0}"
        "td,th{border:1px solid #888;padding:.2em .5em;text-align:right}"
        "td:first-child,th:first-child{text-align:left}</style></head><body>"
        f"<h1>{_esc(visits_title(r, tr))}</h1><table>{summary}</table>{tables}"
        f"<p>{_esc(tr('rpt.visits.note'))}</p></body></html>\n"
    )
