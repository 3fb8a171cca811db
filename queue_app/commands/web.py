"""`madoguchi web`: the visitor's pages (ticket, office, board, slip) from one server process.

It reads the database READ-ONLY like the display (SQLite `mode=ro`; on PostgreSQL
`default_transaction_read_only`, ideally a SELECT-only role) and needs the signing secret only
to verify the tokens in ticket and slip addresses. Options override `[web]` in the
configuration. See docs/web.md (nginx, LAN binding).
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
from typing import Any

from queue_app.context import CliContext
from queue_app.domain.errors import InputError


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "web",
        parents=[common],
        help="the visitor's web pages: ticket status, office waits, TV board, slips",
        description="Serve the visitors' pages (read-only) over HTTP, live by server-sent events.",
    )
    p.add_argument("--host", help="address to listen on (default [web] host, 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default [web] port, 8080)")
    p.add_argument(
        "--public-url",
        metavar="URL",
        help="the address phones use, e.g. https://madoguchi.city.example.jp (default [web] public_url)",
    )
    p.set_defaults(handler=run)


def settings_from(args: argparse.Namespace, ctx: CliContext) -> Any:
    settings = ctx.config.settings.web
    changes: dict[str, Any] = {}
    if args.host:
        changes["host"] = args.host
    if args.port is not None:
        if not 1 <= args.port <= 65535:
            raise InputError("err.web_port")
        changes["port"] = args.port
    if args.public_url is not None:
        url = args.public_url.strip()
        if url and not url.startswith(("http://", "https://")):
            raise InputError("err.web_public_url", value=url)
        changes["public_url"] = url.rstrip("/")
    return dataclasses.replace(settings, **changes)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    import uvicorn

    from db.engine import make_engine
    from db.migrate import check
    from queue_app.config import secret_key
    from queue_app.services import Services
    from web.app import create_app
    from web.security import needs_allowed_hosts

    settings = settings_from(args, ctx)
    if needs_allowed_hosts(settings.allowed_hosts, settings.host, settings.public_url):
        raise InputError("err.web_allowed_hosts", host=settings.host)
    engine = make_engine(ctx.database_url, read_only=True)
    ctx._closers.append(engine.dispose)
    check(engine)
    services = Services(engine, ctx.config, ctx.clock, secret=secret_key(ctx.env, ctx.config))
    app = create_app(services, settings)
    public = settings.public_url or f"http://{settings.host}:{settings.port}"
    if settings.host in ("0.0.0.0", "::"):
        ctx.out(ctx.tr("web.bind_public", host=settings.host))
    ctx.out(ctx.tr("web.serving", url=public))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        access_log=False,  # the guard logs one line per refused request, nothing else
        proxy_headers=bool(settings.trusted_proxies),
        forwarded_allow_ips=list(settings.trusted_proxies) or None,
        server_header=False,
        log_level="warning",
        timeout_graceful_shutdown=3,
    )
    return 0
