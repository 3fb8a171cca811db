"""Argument blocks and outputs several subcommands share (one place for their flags, help
and messages).

Left alike on purpose: each module's `register` opens with `sub.add_parser(name,
parents=[common], help=..., description=...)` (argparse's own shape, one per command)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # types only: the CLI's light commands never import the database layer
    from queue_app.context import CliContext
    from queue_app.services import Services


def staff_and_json(
    p: argparse.ArgumentParser,
    staff_help: str | None = "staff code",
    json_help: str | None = "print JSON",
) -> None:
    """`--staff CODE` (who did it, for the audit log) and `--json`."""
    p.add_argument("--staff", help=staff_help)
    p.add_argument("--json", action="store_true", help=json_help)


def slot(p: argparse.ArgumentParser, time_help: str = "slot start") -> None:
    """`--date D --time HH:MM`: an appointment slot."""
    p.add_argument("--date", required=True, metavar="D", help="YYYY-MM-DD")
    p.add_argument("--time", required=True, metavar="HH:MM", help=time_help)


def today_and_json(p: argparse.ArgumentParser, today_help: str) -> None:
    """`--today DATE` (the day a renewal window is judged on) and `--json`."""
    p.add_argument("--today", metavar="DATE", help=today_help)
    p.add_argument("--json", action="store_true", help="print JSON instead of text")


def format_and_out(p: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    """`--format` (table by default) and `--out FILE`: a rendered report or plan."""
    p.add_argument("--format", default="table", choices=formats, help="output format")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of the screen")


def write_out(ctx: CliContext, path: str, text: str, written_key: str) -> None:
    """Write a rendered report or plan to `--out FILE` and say so. A file that cannot be
    written is the environment (exit 3, like `--png`), named with why; the text goes
    through a temporary file, so a failure never leaves half a report under the name."""
    from queue_app.commands.outputs import check_writable, write_via_temp
    from queue_app.domain.errors import SetupError

    target = check_writable(path, "--out")
    try:
        write_via_temp(target, target.suffix, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    except OSError as exc:
        problem = exc.strerror or type(exc).__name__
        raise SetupError(
            "err.output_unwritable", flag="--out", path=str(target), problem=problem
        ) from None
    ctx.out(ctx.tr(written_key, path=path))


def history_services(ctx: CliContext) -> Services:
    """Services for a command that only reads the history and never signs a token (no
    secret needed): reports, plans, simulations. (The display reads on the bare driver:
    `commands/display.py`.)"""
    from queue_app.services import Services

    return Services(ctx.engine, ctx.config, ctx.clock, b"")
