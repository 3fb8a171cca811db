"""The `madoguchi` command: parses flags, builds config, engine and services, runs a subcommand.

Each subcommand lives in `queue_app/commands/<name>.py` with a `register(subparsers, common)`
function; this module only wires them together and turns errors into one clear line and an
exit code (2 for bad input or configuration, 3 for the database), never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from queue_app.context import CliContext
from queue_app.domain.errors import InputError, MadoguchiError, SetupError

COMMANDS = (
    "init",
    "config_cmd",
    "calendar",
    "renewal",
    "assess",
    "ticket",
    "db_cmd",
    "reception",
    "display",
    "web",
    "cases",
    "appointments",
    "purge",
    "report",
    "reports",
    "demo",
    "simulate",
    "plan",
    "audit",
)


class SafeParser(argparse.ArgumentParser):
    """argparse, whose error messages never echo a value that could be a PIN or a 個人番号
    (argparse quotes the rejected value: `invalid choice: '1234'`)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        from queue_app.cli_help import redact

        self.exit(2, f"{self.prog}: error: {redact(message)}\n")


def common_options() -> argparse.ArgumentParser:
    """Options accepted both before and after the subcommand name."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config", metavar="PATH", default=argparse.SUPPRESS, help="configuration file (TOML)"
    )
    common.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="database URL (sqlite:/// or postgresql+psycopg://)",
    )
    common.add_argument(
        "--lang", choices=["ja", "en"], default=argparse.SUPPRESS, help="language of the output"
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = SafeParser(
        prog="madoguchi",
        description="Madoguchi (窓口): counter queue and appointment manager.",
        parents=[common],
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"queue_app.commands.{name}")
        except ModuleNotFoundError as exc:  # a command not built yet must not break the rest
            if exc.name == f"queue_app.commands.{name}":
                continue
            raise
        module.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from queue_app.cli_help import help_lang, localize

    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    localize(parser, help_lang(argv, os.environ))  # --help and usage errors in the UI language
    args = parser.parse_args(argv)
    ctx = CliContext.from_args(args)
    try:
        _check_staff(args, ctx)
        code = args.handler(args, ctx)
    except MadoguchiError as exc:
        return _fail(exc, ctx)
    except UnicodeError:  # undecodable bytes in an argument reached an encoder
        return _fail(InputError("err.bad_text_argument"), ctx)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `madoguchi ... | head`: the reader left, that is not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:  # never a traceback: one line, and how to see the details
        if os.environ.get("MADOGUCHI_DEBUG"):
            raise
        return _fail(SetupError("err.unexpected", error=type(exc).__name__), ctx)
    finally:
        ctx.close()
    return int(code or 0)


def _check_staff(args: argparse.Namespace, ctx: CliContext) -> None:
    """Every `--staff` names a registered code when `[[staff]]` is configured (each command
    that changes a ticket also requires one: `queue_app.commands.ticket_common.staff_for`).
    `reception` checks its own code (and asks for it when omitted)."""
    code = getattr(args, "staff", None)
    if code is None or args.command == "reception" or getattr(args, "staff_is_filter", False):
        return
    from queue_app.domain.staff import check_staff

    office = getattr(args, "office", None)
    known = office if isinstance(office, str) and office in ctx.config.offices else None
    check_staff(ctx.config.staff, code, office_id=known)


def _fail(exc: MadoguchiError, ctx: CliContext) -> int:
    try:
        lang = ctx.lang
    except Exception:  # the configuration itself may be what failed
        lang = "ja"
    text = f"madoguchi: {exc.message(lang)}\n"
    sys.stderr.write(text.encode("utf-8", "replace").decode("utf-8"))
    return exc.exit_code


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
