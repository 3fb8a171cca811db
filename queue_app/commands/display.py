"""`madoguchi display`: the waiting-room board, in a terminal or served to a browser.

The display opens the database READ-ONLY (SQLite `mode=ro`; PostgreSQL
`default_transaction_read_only`, and ideally a SELECT-only role, see docs/display.md) and
never needs the HMAC secret. `--web` serves the same board with textual-serve: every
browser connection starts its own `madoguchi display` process (without `--web`), which
reads everything from the database. The database URL and configuration path reach those
processes through the environment, never on a command line (no password in `ps`).
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from typing import Any

from queue_app.context import CliContext
from queue_app.domain.errors import DatabaseError, InputError

DEFAULT_PORT = 8000


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "display",
        parents=[common],
        help="the waiting-room display (read-only), in the terminal or in a browser",
        description="Show now calling, queues and estimates for one office, live. "
        "Keys: Ctrl+R redraw, Ctrl+Q quit.",
    )
    p.add_argument("--office", required=True, help="office id, e.g. sogo")
    p.add_argument("--web", action="store_true", help="serve the display to browsers")
    p.add_argument("--host", help="address to listen on with --web (default 127.0.0.1)")
    p.add_argument("--port", type=int, help=f"port with --web (default {DEFAULT_PORT})")
    p.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use (default http://HOST:PORT); add ?fontsize=28 for a TV",
    )
    p.add_argument(
        "--poll", type=float, default=0.25, metavar="SECONDS", help="revision poll interval"
    )
    p.add_argument("--no-chime", action="store_true", help="no terminal bell on a call")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    config = ctx.config
    config.office(args.office)  # an unknown office fails here, with the known ones listed
    if not 0.05 <= args.poll <= 10:
        raise InputError("err.display_poll", value=args.poll)
    if args.web:
        from queue_app.commands.display_web import check_port

        args.host = "127.0.0.1" if args.host is None else args.host
        args.port = DEFAULT_PORT if args.port is None else args.port
        check_port(args.port)
        return serve_web(args, ctx)
    # an address for a display that serves none is a mistake the user should hear about
    # (`display --port 70000` used to start the terminal display and ignore it)
    web_only = {"--host": args.host, "--port": args.port, "--public-url": args.public_url}
    given = [flag for flag, value in web_only.items() if value is not None]
    if given:
        raise InputError("err.display_web_only", options=" ".join(given))
    return run_terminal(args, ctx)


def display_source(ctx: CliContext) -> Any:
    """The board's bare read-only source: no SQLAlchemy, SQLModel or pydantic in a display
    process (`queue_app/services/board_source.py` says why). The schema is checked with one
    SELECT; only when it is not this program's newest does the full check (Alembic) run, to
    say what is wrong."""
    from queue_app.services.board_source import DisplaySource

    source = DisplaySource(ctx.database_url, ctx.config, ctx.clock)
    ctx._closers.append(source.close)
    if not source.schema_is_current():
        from db.engine import make_engine
        from db.migrate import check

        engine = make_engine(ctx.database_url, read_only=True)
        ctx._closers.append(engine.dispose)
        try:
            check(engine)
        except DatabaseError as exc:
            # a server that is down now may be up in a minute: the board shows 再接続中…
            # and keeps trying. A missing or wrong schema is a setup mistake: say so, stop.
            if exc.key != "err.db_unavailable":
                raise
    return source


def run_terminal(args: argparse.Namespace, ctx: CliContext) -> int:
    from screens.app import AppOptions, create_app

    source = display_source(ctx)
    options = AppOptions(
        office_id=args.office,
        mode="display",
        lang=ctx.lang,
        poll_interval=args.poll,
        announce_command=ctx.config.settings.announce_command,
        chime=not args.no_chime,
    )
    app = create_app(None, options, modes=["display"], board_source=source)
    if sys.platform != "win32":  # no busy loop when stdin is not a terminal
        from screens.display.driver import display_driver

        app.driver_class = display_driver(app.driver_class)
    app.run()
    return 0


def child_command(args: argparse.Namespace, ctx: CliContext) -> str:
    """The command textual-serve runs per browser: this display, without --web."""
    argv = [sys.executable, "-m", "queue_app.cli", "display", "--office", args.office]
    argv += ["--lang", ctx.lang, "--poll", str(args.poll), "--no-chime"]
    return shlex.join(argv)


def serve_web(args: argparse.Namespace, ctx: CliContext) -> int:
    from queue_app.commands.display_web import (
        accepted,
        check_bind,
        check_hosts,
        make_server,
        serve,
    )

    # the children inherit these: same configuration, same database, same clock
    os.environ["MADOGUCHI_DATABASE_URL"] = ctx.database_url
    config_flag = getattr(args, "config", None)
    if config_flag:
        os.environ["MADOGUCHI_CONFIG"] = os.path.abspath(config_flag)
    allowed = ctx.config.settings.web.allowed_hosts  # the site's names, as `madoguchi web`
    check_hosts(allowed, args.host, args.public_url)
    display_source(ctx)  # fail now, in the operator's terminal, if the setup is wrong
    check_bind(args.host, args.port)
    public_url = args.public_url or f"http://{args.host}:{args.port}"
    hosts = accepted(allowed, args.host, args.public_url or "")
    if args.host in ("0.0.0.0", "::"):
        ctx.out(ctx.tr("display.bind_public", host=args.host))
    ctx.out(ctx.tr("display.web_serving", url=public_url))
    title = ctx.config.office(args.office).name(ctx.lang)
    command = child_command(args, ctx)
    server = make_server(command, args.host, args.port, title, public_url, ctx.tr, hosts)
    serve(server, args.host, args.port)
    return 0
