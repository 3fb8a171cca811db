"""The HTML report: self-contained, its charts match the embedded data, and it opens (and
prints to A4) in headless Chromium without console errors.

Chromium is Debian's package (/usr/bin/chromium, driven by Playwright for Python, never a
downloaded browser); a missing Chromium fails the browser tests unless
MADOGUCHI_SKIP_BROWSER=1 (tests/conftest.py).
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from queue_app.report_render import render
from tests.conftest import make_services
from tests.report_fixtures import build_history, report_config

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def reports(sqlite_url, clock):  # type: ignore[no-untyped-def]
    svc = make_services(sqlite_url, report_config(), clock)
    build_history(svc, clock)
    clock.set(clock.now().replace(day=10))
    yield svc.reports
    svc.engine.dispose()


class Marks(HTMLParser):
    """Collects the SVG marks (bars, heatmap cells) and the embedded JSON."""

    def __init__(self) -> None:
        super().__init__()
        self.svg: str | None = None
        self.marks: dict[str, list[dict[str, str | None]]] = {}
        self._in_data = False
        self.data = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "svg":
            self.svg = a.get("id")
            self.marks.setdefault(self.svg or "", [])
        elif tag == "rect" and self.svg and a.get("data-value") is not None:
            self.marks[self.svg].append(a)
        elif tag == "script" and a.get("id") == "report-data":
            self._in_data = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self.svg = None
        if tag == "script":
            self._in_data = False

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.data += data


def parse(page: str) -> Marks:
    m = Marks()
    m.feed(page)
    return m


def _num(v: str | None) -> float | None:
    return None if v in (None, "") else float(v)  # type: ignore[arg-type]


def test_daily_html_charts_match_data(reports) -> None:  # type: ignore[no-untyped-def]
    report = reports.daily("sogo", date(2026, 12, 1))
    page = render(report, "html", "ja")
    m = parse(page)
    data = json.loads(m.data)
    charts = data["charts"]
    assert data["report"]["totals"]["issued"] == 5
    assert charts["chart-arrivals"]["labels"] == [f"{h:02d}" for h in range(8, 18)]
    assert charts["chart-arrivals"]["values"] == [2, 2, 0, 0, 0, 0, 0, 0, 1, 0]
    assert charts["chart-wait"]["values"][:2] == [22.5, 10.0]
    assert charts["chart-peak"]["values"] == [2, 2, 0, 0, 0, 0, 0, 0, 1, 1]
    for chart_id, spec in charts.items():
        bars = m.marks[chart_id]
        assert [b["data-key"] for b in bars] == spec["labels"]
        assert [_num(b["data-value"]) for b in bars] == spec["values"]
    # the tallest bar is the biggest value, an empty hour has zero height
    arrivals = m.marks["chart-arrivals"]
    heights = [float(b["height"] or 0) for b in arrivals]
    assert heights[0] == max(heights) and heights[2] == 0
    assert "開庁前(08:30)に発券された1件" in page


def test_html_is_self_contained_and_printable(reports) -> None:  # type: ignore[no-untyped-def]
    for report in (
        reports.daily("sogo", date(2026, 12, 1)),
        reports.range("sogo", date(2026, 11, 30), date(2026, 12, 6)),
        reports.forecast("sogo", 2027, 1),  # learned from December (today is 2026-12-10)
    ):
        page = render(report, "html", "en")
        urls = re.findall(r"""(?:src|href)\s*=\s*["']?([^"' >]+)""", page)
        assert urls == []
        assert "http" not in page.replace("http://www.w3.org/2000/svg", "")
        assert "@page { size: A4" in page and "@media print" in page


def test_range_heatmap_cells_match_data(reports) -> None:  # type: ignore[no-untyped-def]
    report = reports.range("sogo", date(2026, 11, 30), date(2026, 12, 6))
    m = parse(render(report, "html", "ja"))
    charts = json.loads(m.data)["charts"]
    heat = charts["heat-arrivals"]
    cells = m.marks["heat-arrivals"]
    assert len(cells) == 7 * len(heat["cols"])
    tue8 = next(c for c in cells if c["data-row"] == "1" and c["data-col"] == "8")
    assert _num(tue8["data-value"]) == 2.0 == heat["values"][1][heat["cols"].index(8)]
    sat = [c for c in cells if c["data-row"] == "5"]
    assert all(c["data-value"] == "" for c in sat)  # closed: no value, not zero
    days = m.marks["chart-days"]
    assert [d["data-key"] for d in days] == ["11-30", "12-01", "12-02", "12-03", "12-04"]
    assert _num(days[1]["data-value"]) == 23.8  # 23.75 rounded for the chart


def _open_in_chromium(tmp_path: Path, name: str, page_html: str) -> tuple[list[str], dict]:  # type: ignore[type-arg]
    assert Path(CHROMIUM).exists(), "Debian's chromium is required: bash scripts/system-packages.sh"
    target = tmp_path / name
    target.write_text(page_html, encoding="utf-8")
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.on(
                "console",
                lambda msg: (
                    errors.append(f"console {msg.type}: {msg.text}")
                    if msg.type == "error"
                    else None
                ),
            )
            page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
            page.on(
                "request",
                lambda req: (
                    None
                    if req.url.startswith(("file:", "data:", "about:"))
                    else errors.append(f"network: {req.url}")
                ),
            )
            page.goto(target.as_uri())
            page.wait_for_load_state("load")
            info = page.evaluate(
                """() => ({
                    svgs: document.querySelectorAll('svg.chart').length,
                    data: JSON.parse(document.getElementById('report-data').textContent),
                    bars: Array.from(document.querySelectorAll('#chart-arrivals rect'))
                              .map(r => r.getBBox().height),
                })"""
            )
            page.emulate_media(media="print")
            pdf = page.pdf(format="A4", print_background=True)
            info["pdf_bytes"] = len(pdf)
        finally:
            browser.close()
    return errors, info


@pytest.mark.browser
def test_daily_html_opens_in_chromium(reports, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = render(reports.daily("sogo", date(2026, 12, 1)), "html", "ja")
    errors, info = _open_in_chromium(tmp_path, "daily.html", page)
    assert errors == []
    assert info["svgs"] == 3
    assert info["data"]["report"]["totals"]["served"] == 3
    assert info["bars"][0] > 0 and info["bars"][2] == 0  # rendered bar heights
    assert info["pdf_bytes"] > 1000


@pytest.mark.browser
def test_range_and_forecast_html_open_in_chromium(reports, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for name, report in (
        ("range.html", reports.range("sogo", date(2026, 11, 30), date(2026, 12, 6))),
        ("forecast.html", reports.forecast("sogo", 2027, 1)),
    ):
        errors, info = _open_in_chromium(tmp_path, name, render(report, "html", "ja"))
        assert errors == [], name
        assert info["svgs"] >= 1 and info["pdf_bytes"] > 1000


def _target_lines(page: str) -> dict[str, tuple[float, float, float]]:
    """chart id -> (target value, the line's y, the y of the chart's zero line)."""
    found: dict[str, tuple[float, float, float]] = {}
    for chart_id, svg in re.findall(r'<svg id="([^"]+)"(.*?)</svg>', page, re.S):
        line = re.search(r'<line class="target"[^>]*y1="([\d.]+)"[^>]*data-value="([\d.]+)"', svg)
        base = re.search(r'<line class="axis"[^>]*y1="([\d.]+)"', svg)
        if line and base:
            found[chart_id] = (float(line.group(2)), float(line.group(1)), float(base.group(1)))
    return found


def test_wait_charts_draw_the_target_line(reports) -> None:  # type: ignore[no-untyped-def]
    """Every chart of waiting minutes shows the target, at its height on the chart's scale,
    labelled; charts of counts (arrivals, people waiting) do not."""
    pages = {
        "daily": render(reports.daily("sogo", date(2026, 12, 1)), "html", "ja"),
        "range": render(reports.range("sogo", date(2026, 11, 30), date(2026, 12, 6)), "html", "ja"),
        "forecast": render(reports.forecast("sogo", 2027, 1), "html", "en"),
    }
    wanted = {"daily": "chart-wait", "range": "chart-days", "forecast": "chart-profile"}
    for name, page in pages.items():
        lines = _target_lines(page)
        assert set(lines) == {wanted[name]}, (name, lines)
        value, y, zero = lines[wanted[name]]
        assert value == 30.0  # general.target_wait_minutes
        top = max(float(v) for v in json.loads(parse(page).data)["charts"][wanted[name]]["values"]
                  if v is not None)  # fmt: skip
        assert y < zero  # above the zero line ...
        bars = parse(page).marks[wanted[name]]
        tallest = max(bars, key=lambda b: float(b["height"] or 0))
        # ... at the same scale as the bars: a bar of `top` minutes reaches top/30 of the way
        ratio = float(tallest["height"] or 0) / (zero - y)
        assert abs(ratio - top / value) < 0.02, (name, ratio, top / value)
    assert "目標 30分" in pages["daily"] and "target 30 min" in pages["forecast"]
