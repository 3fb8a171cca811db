"""Ticket and slip files, and the print command.

`print_ticket` and `print_slip` draw a `Document` (services/documents.py: office, procedure,
number, time issued, people ahead, estimate, what to bring, the QR) as a PNG and an SVG on a
white background, under ``data_dir/tickets/`` (``slips/``), then `send_to_printer` runs the
configured ``print_command`` with the PNG path. Called from worker threads and the CLI: they
never raise, they return what happened so the caller can say it.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from queue_app import qr
from queue_app.config import data_dir
from queue_app.domain.config import Config
from queue_app.domain.inquiry_views import SlipView
from queue_app.domain.scan import extract_token, qr_text
from queue_app.services.documents import (
    Document,
    plain_document,
    slip_document,
    ticket_document,
)

if TYPE_CHECKING:
    from queue_app.domain.calendar import Calendar
    from queue_app.services.views import IssueResult


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
    """Write `<office>_<day>_<label>.png/.svg` (number, service, day, wait and the QR); an
    error is returned, never raised. `print_ticket` writes the full document."""
    # the ticket's own page when a public URL is configured (`[web] public_url`)
    data = qr_text(extract_token(token), config.settings.web.public_url)
    lines = [service_name, service_day, f"~{wait_minutes} min" if wait_minutes is not None else ""]
    doc = plain_document(label, lines, data)
    return write_document(doc, tickets_dir(config, env), _stem(office_id, service_day, label))


def write_document(doc: Document, folder: Path, stem: str) -> TicketFiles:
    """`stem`.png and `stem`.svg in `folder`; an error is returned, never raised."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        png = folder / f"{stem}.png"
        svg = folder / f"{stem}.svg"
        write_png(doc, png)
        write_svg(doc, svg)
        return TicketFiles(png, svg)
    except Exception as exc:  # disk full, permissions, a font problem: report it
        return TicketFiles(None, None, f"{type(exc).__name__}: {exc}")


def print_ticket(
    config: Config,
    calendar: Calendar,
    result: IssueResult,
    lang: str,
    env: Mapping[str, str] | None = None,
) -> tuple[TicketFiles, PrintStatus]:
    """The reception's and the CLI's one way to print: files, then `print_command`."""
    t = result.ticket
    doc = ticket_document(result, config, calendar, lang)
    stem = _stem(t.office_id, t.service_day.isoformat(), t.display_number)
    files = write_document(doc, tickets_dir(config, env), stem)
    if files.png is None:
        return files, PrintStatus(ok=False, problem=files.error)
    return files, send_to_printer(config.settings.print_command, files.png)


def print_slip(
    config: Config, slip: SlipView, lang: str, folder: Path | None = None
) -> tuple[TicketFiles, PrintStatus]:
    """The second-visit slip as a document, then `print_command` (the TUI and the CLI)."""
    doc = slip_document(slip, lang)
    target = folder if folder is not None else data_dir(os.environ, config) / "slips"
    files = write_document(doc, target, f"slip-{slip.appointment.code}")
    if files.png is None:
        return files, PrintStatus(ok=False, problem=files.error)
    return files, send_to_printer(config.settings.print_command, files.png)


# -- drawing --------------------------------------------------------------------------------
WIDTH = 576  # px: the print width of a common 80 mm receipt printer
MARGIN = 24
BOX = 6  # px per QR module
FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
)


@lru_cache(maxsize=16)
def _font(size: int) -> Any:
    from PIL import ImageFont

    for path in FONT_FILES:
        if os.path.exists(path):
            return ImageFont.truetype(path, size)
    try:  # fontconfig knows where the machine's Japanese font is
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", ":lang=ja"], capture_output=True, text=True, timeout=5
        ).stdout.strip()
        if found:
            return ImageFont.truetype(found, size)
    except (OSError, subprocess.SubprocessError):
        pass
    return ImageFont.load_default(size=size)


def _wrap(draw: Any, text: str, font: Any, width: int) -> list[str]:
    """Break `text` to fit `width` pixels (character by character: Japanese has no spaces;
    no line starts with 、。）」)."""
    lines: list[str] = []
    current = ""
    for ch in text:
        if draw.textlength(current + ch, font=font) <= width or not current:
            current += ch
        elif ch in "、。，．）」』】":
            current += ch
        else:
            lines.append(current)
            current = ch
    if current:
        lines.append(current)
    return lines


def _layout(doc: Document) -> list[tuple[str, int, bool]]:
    """(text, font size, bold) per block, top to bottom, before wrapping."""
    blocks: list[tuple[str, int, bool]] = []
    if doc.title:
        blocks.append((doc.title, 26, True))
    if doc.heading:
        blocks.append((doc.heading, 22, False))
    blocks.append((doc.big, 88, True))
    blocks += [(line, 24, False) for line in doc.lines]
    blocks += [("! " + w, 20, True) for w in doc.warnings]
    if doc.bring:
        blocks.append((doc.bring_title, 22, True))
        blocks += [("・" + item, 20, False) for item in doc.bring]
    if doc.note:
        blocks.append((doc.note, 18, False))
    return blocks


def write_png(doc: Document, path: Path) -> None:
    from PIL import Image, ImageDraw

    matrix = qr.matrix(doc.qr_data, border=4)
    size = len(matrix) * BOX
    measure = ImageDraw.Draw(Image.new("RGB", (WIDTH, 10), "white"))
    rows: list[tuple[str, Any, int]] = []
    for text, points, _bold in _layout(doc):
        font = _font(points)
        for line in _wrap(measure, text, font, WIDTH - 2 * MARGIN):
            rows.append((line, font, int(points * 1.35)))
    height = MARGIN + sum(r[2] for r in rows) + 12 + size + MARGIN
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    y = MARGIN
    for line, font, step in rows:
        draw.text((WIDTH // 2, y), line, fill="black", font=font, anchor="ma")
        y += step
    left = (WIDTH - size) // 2
    top = y + 12
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                x0, y0 = left + c * BOX, top + r * BOX
                draw.rectangle((x0, y0, x0 + BOX - 1, y0 + BOX - 1), fill="black")
    image.save(path)


def write_svg(doc: Document, path: Path) -> None:
    matrix = qr.matrix(doc.qr_data, border=4)
    size = len(matrix) * BOX
    per_line = {88: 12, 26: 20, 24: 22, 22: 24, 20: 26, 18: 30}  # CJK characters per line
    rows: list[tuple[str, int, bool]] = []
    for text, points, bold in _layout(doc):
        width = per_line.get(points, 24)
        chunks = [text[i : i + width] for i in range(0, len(text), width)] or [""]
        rows += [(chunk, points, bold) for chunk in chunks]
    height = MARGIN + sum(int(p * 1.35) for _, p, _ in rows) + 12 + size + MARGIN
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}">',
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    y = MARGIN
    for text, points, bold in rows:
        weight = ' font-weight="bold"' if bold else ""
        parts.append(
            f'<text x="{WIDTH // 2}" y="{y + points}" font-size="{points}"{weight} '
            f'text-anchor="middle" fill="#000000" font-family="Noto Sans CJK JP, '
            f'IPAexGothic, sans-serif">{escape(text)}</text>'
        )
        y += int(points * 1.35)
    left, top = (WIDTH - size) // 2, y + 12
    path_d = [
        f"M{left + c * BOX},{top + r * BOX}h{BOX}v{BOX}h-{BOX}z"
        for r, row in enumerate(matrix)
        for c, dark in enumerate(row)
        if dark
    ]
    parts.append(f'<path d="{"".join(path_d)}" fill="#000000"/>')
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
