"""`madoguchi config check|path|show`: validate and inspect the configuration."""

from __future__ import annotations

import argparse
from typing import Any

from queue_app.config import default_text
from queue_app.context import CliContext


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("config", parents=[common], help="check or show the configuration")
    inner = p.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    check = inner.add_parser("check", parents=[common], help="validate the configuration file")
    check.set_defaults(handler=run_check)
    path = inner.add_parser("path", parents=[common], help="print where the configuration file is")
    path.set_defaults(handler=run_path)
    show = inner.add_parser("default", parents=[common], help="print the default configuration")
    show.set_defaults(handler=run_default)


def run_check(args: argparse.Namespace, ctx: CliContext) -> int:
    config = ctx.config
    ctx.out(
        ctx.tr(
            "config.valid",
            path=ctx.config_path,
            offices=len(config.offices),
            services=len(config.services),
        )
    )
    return 0


def run_path(args: argparse.Namespace, ctx: CliContext) -> int:
    ctx.out(str(ctx.config_path))
    return 0


def run_default(args: argparse.Namespace, ctx: CliContext) -> int:
    ctx.out(default_text())
    return 0
