"""`madoguchi reports --office ID`: the reports screen of the TUI."""

from __future__ import annotations

import argparse
from typing import Any

from queue_app.context import CliContext


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "reports",
        parents=[common],
        help="browse wait-time reports in the terminal",
        description="Pick an office and a day or a range; tables and charts.",
    )
    p.add_argument("--office", required=True, help="office id, e.g. sogo")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.migrate import check
    from queue_app.services import Services
    from screens.app import AppOptions, create_app

    ctx.config.office(args.office)
    check(ctx.engine)
    # Reports never sign tokens: they need no secret key (a chief's PC may lack it).
    services = Services(ctx.engine, ctx.config, ctx.clock, secret=b"reports-sign-nothing")
    app = create_app(services, AppOptions(office_id=args.office, mode="reports", lang=ctx.lang))
    app.run()
    return 0
