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
import types
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from queue_app.domain.errors import InputError, MadoguchiError, SetupError, file_problem

if TYPE_CHECKING:
    from queue_app.context import CliContext

# Every command: its name, the module under `queue_app/commands/` that registers it, and its
# one-line help. The help line is kept here so that `madoguchi --help` (and a command line
# naming one command) need not import and build the other eighteen: a kiosk or a cron job
# pays only for the command it runs. tests/test_cli_lazy.py checks this table against what
# each module registers.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("init", "write the default configuration, create the secret and the database"),
    "config": ("config_cmd", "check or show the configuration"),
    "calendar": ("calendar", "open days, hours and closure reasons of an office"),
    "renewal": ("renewal", "renewal window (更新手続期間) of the e-certificates"),
    "assess": ("assess", "check what a visitor brought for an e-certificate renewal"),
    "ticket": ("ticket", "issue, call and finish tickets"),
    "db": ("db_cmd", "database schema and backups"),
    "reception": ("reception", "reception staff terminal (受付・窓口端末)"),
    "display": (
        "display",
        "the waiting-room display (read-only), in the terminal or in a browser",
    ),
    "web": ("web", "the visitor's web pages: ticket status, office waits, TV board, slips"),
    "cases": ("cases", "document inquiry cases (文書照会)"),
    "appointments": ("appointments", "second-visit appointments (予約)"),
    "purge": (
        "purge",
        "erase personal data of closed inquiry cases (and expire overdue ones)",
    ),
    "report": ("report", "daily and range wait-time reports, congestion forecast"),
    "reports": ("reports", "browse wait-time reports in the terminal"),
    "demo": (
        "demo",
        "open a demo: weeks of history and a live simulated day (never the real data)",
    ),
    "simulate": (
        "simulate",
        "simulate a day's queue with N counters (arrivals learned from history)",
    ),
    "plan": ("plan", "half-hour staffing plan: counters per skill group (forecast + simulation)"),
    "audit": ("audit", "show the audit log of a day (監査記録)"),
}
# Commands that compute from the configuration alone and print (no database, no Textual):
# `dataclasses` is imported for them with its `inspect` deferred (`defer_inspect`)
LIGHT_COMMANDS = ("calendar", "renewal", "assess")
# options of the main parser that take a value (`--db URL`): skipped when looking for the
# command's name in a command line
VALUE_OPTIONS = ("--config", "--db", "--lang")


class SafeParser(argparse.ArgumentParser):
    """argparse, whose error messages never echo a value that could be a PIN or a 個人番号
    (argparse quotes the rejected value: `invalid choice: '1234'`)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        from queue_app.cli_help import redact

        self.exit(2, f"{self.prog}: error: {redact(message)}\n")

    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse makes a formatter at every add_argument (to check the metavar), and each
        # one imports `shutil` (with bz2 and lzma, ~3 ms) for the terminal's width: a
        # command that prints no help pays for it. The width is asked as shutil asks it.
        return self.formatter_class(prog=self.prog, width=help_width())  # type: ignore[call-arg]


def help_width() -> int:
    """What argparse's HelpFormatter takes by default: `shutil.get_terminal_size().columns`
    (COLUMNS, else the terminal of standard output, else 80), minus 2."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        out = sys.__stdout__
        try:
            columns = os.get_terminal_size(out.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):  # no standard output, or not a terminal
            columns = 0
        columns = columns or 80
    return columns - 2


def common_options() -> argparse.ArgumentParser:
    """Options accepted both before and after the subcommand name."""
    common = SafeParser(add_help=False)
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


def build_parser(only: str | None | bool = True, stubs: bool = True) -> argparse.ArgumentParser:
    """The `madoguchi` parser. `only=True` (the default): every command in full. `only` a
    command's name: that command in full and the others as stubs (their name and help line,
    enough for the command list), or not at all with `stubs=False` (a command line that
    names the command first never shows the list: see `named_first`); `only=None`: stubs
    only (`madoguchi --help`)."""
    common = common_options()
    parser = SafeParser(
        prog="madoguchi",
        description="Madoguchi (窓口): counter queue and appointment manager.",
        parents=[common],
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (module_name, help_line) in COMMANDS.items():
        if only is True or only == name:
            importlib.import_module(f"queue_app.commands.{module_name}").register(sub, common)
        elif stubs:
            stub = sub.add_parser(name, help=help_line, add_help=False)
            stub.set_defaults(handler=None)
    return parser


def command_in(argv: Sequence[str]) -> str | None:
    """The command a command line names: its first word that is a command's name, past the
    values of the main options (`--db URL`); None when it names none (`--help`, a typo)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--":
            return None
        elif arg in VALUE_OPTIONS:
            skip = True
        elif arg in COMMANDS:
            return arg
    return None


def named_first(argv: Sequence[str], name: str | None) -> bool:
    """Whether `name` is the command line's first word past the main options and their
    values (`--lang en renewal ...`). Then the main parser can neither print its help (no
    `-h` before the command) nor refuse the command's name, the only places the list of
    commands is shown: the other commands' stubs are not built (~3 ms)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in VALUE_OPTIONS:
            skip = True
        elif not (arg.partition("=")[0] in VALUE_OPTIONS and "=" in arg):
            return name is not None and arg == name
    return False


def parse(argv: Sequence[str], lang: str) -> argparse.Namespace:
    """Parse with only the named command built; should the guess be wrong (a stub was
    chosen, e.g. a configuration file named like a command), parse again with all of them."""
    from queue_app.cli_help import localize

    name = command_in(argv)
    parser = build_parser(name, stubs=not named_first(argv, name))
    localize(parser, lang)  # --help and usage errors in the UI language
    args, extra = parser.parse_known_args(argv)
    if getattr(args, "handler", None) is None:
        parser = build_parser()
        localize(parser, lang)
        return parser.parse_args(argv)
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    return args


class _DeferredInspect(types.ModuleType):
    """What `dataclasses` gets for `inspect` (see `defer_inspect`): the real module, imported
    at the first attribute asked."""

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module("inspect"), name)


class _DataclassesLoader:
    """Runs the real loader of `dataclasses` with `sys.modules["inspect"]` a stand-in, and
    takes the stand-in away right after: only `dataclasses`' own name refers to it."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def create_module(self, spec: Any) -> Any:
        return self.loader.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        if "inspect" in sys.modules:  # imported meanwhile: nothing to defer
            self.loader.exec_module(module)
            return
        stand_in = _DeferredInspect("inspect")
        sys.modules["inspect"] = stand_in
        try:
            self.loader.exec_module(module)
        finally:
            if sys.modules.get("inspect") is stand_in:
                del sys.modules["inspect"]


class _DataclassesFinder:
    """Finds `dataclasses` once, as the path finder does, with `_DataclassesLoader`."""

    @classmethod
    def find_spec(cls, name: str, path: Any = None, target: Any = None) -> Any:
        if name != "dataclasses":
            return None
        sys.meta_path.remove(cls)  # type: ignore[arg-type]
        from importlib.machinery import PathFinder

        spec = PathFinder.find_spec(name)
        if spec is not None and spec.loader is not None:
            spec.loader = _DataclassesLoader(spec.loader)  # type: ignore[assignment]
        return spec


def defer_inspect() -> None:
    """Let `dataclasses`, when it is imported, have its `inspect` deferred.

    `dataclasses` (the configuration's records, the calendar's days) imports `inspect` at
    its top and uses it only to write a docstring for a class that has none (each of ours
    has one: `records.record`); `inspect` and what it imports (ast, dis, tokenize,
    linecache) are ~8 ms of `madoguchi calendar` (docs/benchmarks.md). While `dataclasses`
    runs, `sys.modules["inspect"]` is a stand-in that imports the real module at its first
    use; it is removed right after, so every other `import inspect` gets the real module.
    Only for `LIGHT_COMMANDS` (a command that does not import `dataclasses` pays nothing),
    and only when neither module is imported yet.
    """
    if "dataclasses" in sys.modules or "inspect" in sys.modules:
        return
    if _DataclassesFinder not in sys.meta_path:
        sys.meta_path.insert(0, _DataclassesFinder)  # type: ignore[arg-type]


def main(argv: Sequence[str] | None = None) -> int:
    from queue_app.cli_help import help_lang

    argv = list(sys.argv[1:] if argv is None else argv)
    if command_in(argv) in LIGHT_COMMANDS:
        defer_inspect()
    args = parse(argv, help_lang(argv, os.environ))
    from queue_app.context import CliContext  # after parsing: `--help` never needs it

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
    except Exception as exc:
        # a file the system refused (`--out` of 400 characters...) is named; anything else
        # is one line and how to see the details, never a traceback
        if isinstance(exc, OSError) and exc.filename is not None:
            return _fail(file_problem(exc), ctx)
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
    """The console script. Ctrl-C before `main` is under way (loading the commands,
    parsing) ends like Ctrl-C during a command: exit 130, no traceback."""
    try:
        code = main()
    except KeyboardInterrupt:
        code = 130
    sys.exit(code)


if __name__ == "__main__":
    run()
