"""`madoguchi init`: write the default configuration, the signing secret, migrate the DB."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from queue_app.config import config_path, ensure_secret, secret_path, write_default
from queue_app.context import CliContext


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "init",
        parents=[common],
        help="write the default configuration, create the secret and the database",
        description="Set up Madoguchi on this machine; running it again changes nothing.",
    )
    p.add_argument(
        "--force-config", action="store_true", help="overwrite an existing configuration file"
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.migrate import upgrade

    path = Path(config_path(getattr(args, "config", None), ctx.env))
    written = write_default(path, force=args.force_config)
    ctx.out(ctx.tr("init.config_written" if written else "init.config_kept", path=path))
    config = ctx.config  # validates the (possibly edited) file before touching anything else
    secret = secret_path(ctx.env, config)
    created = ensure_secret(secret)
    ctx.out(ctx.tr("init.secret_written" if created else "init.secret_kept", path=secret))
    revision = upgrade(ctx.engine)
    ctx.out(ctx.tr("init.db_ready", url=_safe_url(ctx.database_url), revision=revision))
    return 0


def _safe_url(url: str) -> str:
    """Never print a password that sits in a database URL."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url
