"""Argument blocks several subcommands share (one place for their flags and help)."""

from __future__ import annotations

import argparse


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
