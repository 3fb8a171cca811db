"""Inline SVG charts for the HTML report: bar chart and heatmap, each mark carrying
`data-key`/`data-value` attributes."""

from __future__ import annotations

from collections.abc import Sequence

from queue_app.services.reports.render.common import (
    _esc,
    _n,
)


def bar_chart(
    chart_id: str,
    title: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    cls: str = "bar",
    width: int = 680,
    height: int = 170,
    target: float | None = None,
    target_label: str = "",
) -> str:
    """A plain SVG bar chart; each bar is `<rect class=... data-key data-value>`.

    With `target` (minutes of waiting), a dashed `<line class="target" data-value>` is drawn
    at that height on the bars' scale (the scale grows to show it), labelled `target_label`."""
    pad_l, pad_b, pad_t = 34, 18, 16
    n = max(len(values), 1)
    top = max([v for v in values if v is not None] + [target or 0] or [0]) or 1.0
    slot = (width - pad_l - 4) / n
    bar_w = max(slot * 0.7, 1)
    plot_h = height - pad_b - pad_t
    parts = [
        f'<svg id="{_esc(chart_id)}" class="chart" role="img" aria-label="{_esc(title)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{_esc(title)}</title>",
        f'<text x="{pad_l}" y="11">{_esc(title)}</text>',
        f'<line class="axis" x1="{pad_l}" y1="{height - pad_b}" x2="{width - 2}" '
        f'y2="{height - pad_b}" stroke="#666"/>',
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
    if target is not None:
        y = height - pad_b - plot_h * target / top
        parts.append(
            f'<line class="target" x1="{pad_l}" y1="{y:.1f}" x2="{width - 2}" y2="{y:.1f}" '
            f'stroke="#c0392b" stroke-width="1.5" stroke-dasharray="6 3" '
            f'data-value="{target:g}"><title>{_esc(target_label)}</title></line>'
            f'<text class="target-label" x="{width - 4}" y="{y - 3:.1f}" text-anchor="end" '
            f'fill="#c0392b">{_esc(target_label)}</text>'
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
