"""Ticket files and the print command.

`write_ticket_files` draws the ticket (number, service, date, estimated wait and the QR) as a
PNG and an SVG under ``data_dir/tickets/``; `send_to_printer` runs the configured
``print_command`` with the PNG path. Both are called from a worker thread: they never raise,
they return what happened so the screen can say it.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from queue_app import qr
from queue_app.config import data_dir
from queue_app.domain.config import Config
from queue_app.domain.scan import extract_token, qr_text


@dataclass(frozen=True)
class TicketFiles:
    png: Path | None
    svg: Path | None
    error: str | None = None


@dataclass(frozen=True)
class PrintStatus:
    ok: bool
    command: str = ""
    problem: str | None = None
    configured: bool = True


def tickets_dir(config: Config, env: Mapping[str, str] | None = None) -> Path:
    return data_dir(os.environ if env is None else env, config) / "tickets"


def _stem(office_id: str, day: str, label: str) -> str:
    return f"{office_id}_{day}_{label}".replace("/", "_")


def write_ticket_files(
    config: Config,
    *,
    office_id: str,
    service_day: str,
    label: str,
    service_name: str,
    token: str,
    wait_minutes: int | None,
    env: Mapping[str, str] | None = None,
) -> TicketFiles:
    """Write `<office>_<day>_<label>.png/.svg`; an error is returned, never raised."""
    folder = tickets_dir(config, env)
    stem = _stem(office_id, service_day, label)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        png = folder / f"{stem}.png"
        svg = folder / f"{stem}.svg"
        lines = [service_day, f"~{wait_minutes} min" if wait_minutes is not None else ""]
        # the ticket's own page when a public URL is configured (`[web] public_url`)
        data = qr_text(extract_token(token), config.settings.web.public_url)
        _write_png(png, label, lines, data)
        _write_svg(svg, label, [service_name, *lines], data)
        return TicketFiles(png, svg)
    except Exception as exc:  # disk full, permissions, a font problem: report it
        return TicketFiles(None, None, f"{type(exc).__name__}: {exc}")


def _write_png(path: Path, label: str, lines: list[str], token: str) -> None:
    from PIL import Image, ImageDraw, ImageFont

    box = 6
    matrix = qr.matrix(token, border=4)
    size = len(matrix) * box
    width = max(size, 360)
    top = 130
    image = Image.new("RGB", (width, top + size + 10), "white")
    draw = ImageDraw.Draw(image)
    big = ImageFont.load_default(size=64)
    small = ImageFont.load_default(size=20)
    draw.text((width // 2, 10), label, fill="black", font=big, anchor="ma")
    y = 84
    for line in lines:
        if line:
            draw.text((width // 2, y), line, fill="black", font=small, anchor="ma")
            y += 22
    left = (width - size) // 2
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                x0, y0 = left + c * box, top + r * box
                draw.rectangle((x0, y0, x0 + box - 1, y0 + box - 1), fill="black")
    image.save(path)


def _write_svg(path: Path, label: str, lines: list[str], token: str) -> None:
    matrix = qr.matrix(token, border=4)
    box = 6
    size = len(matrix) * box
    width = max(size, 360)
    top = 150
    left = (width - size) // 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{top + size + 10}">',
        f'<rect width="{width}" height="{top + size + 10}" fill="white"/>',
        f'<text x="{width // 2}" y="70" font-size="64" text-anchor="middle" '
        f'font-family="sans-serif">{escape(label)}</text>',
    ]
    y = 100
    for line in lines:
        if line:
            parts.append(
                f'<text x="{width // 2}" y="{y}" font-size="18" text-anchor="middle" '
                f'font-family="sans-serif">{escape(line)}</text>'
            )
            y += 22
    path_d = []
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                path_d.append(f"M{left + c * box},{top + r * box}h{box}v{box}h-{box}z")
    parts.append(f'<path d="{"".join(path_d)}" fill="black"/>')
    parts.append("</svg>")
    path.write_text("\n".join(parts), "utf-8")


def send_to_printer(command: str, png: Path, timeout: float = 15.0) -> PrintStatus:
    """Run `command <png>`; waits at most `timeout` seconds (call it from a worker thread)."""
    if not command.strip():
        return PrintStatus(ok=False, configured=False)
    try:
        argv = [*shlex.split(command), str(png)]
    except ValueError as exc:
        return PrintStatus(ok=False, command=command, problem=str(exc))
    try:
        proc = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
    except OSError as exc:
        return PrintStatus(ok=False, command=command, problem=exc.strerror or str(exc))
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        return PrintStatus(ok=True, command=command, problem=None)  # still running: spooled
    if proc.returncode != 0:
        text = (err or b"").decode("utf-8", "replace").strip().splitlines()
        return PrintStatus(
            ok=False, command=command, problem=text[-1] if text else f"exit {proc.returncode}"
        )
    return PrintStatus(ok=True, command=command)
