"""What a CLI command needs, built lazily from flags, environment and configuration.

Lookup order everywhere: built-in defaults, then the configuration file, then
`MADOGUCHI_*` environment variables, then command-line flags.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from queue_app.domain.errors import InputError
from queue_app.i18n import Translator, normalize_lang

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from queue_app.domain.calendar import OfficeCalendar
    from queue_app.domain.clock import Clock
    from queue_app.domain.config import Config
    from queue_app.services import Services

# Everything else is imported where it is used: a command pays only for what it touches
# (`renewal --today D` reads no clock, no configuration; tests/test_cli_light.py).


def clock_from_env(env: dict[str, str] | os._Environ[str] | None = None) -> Clock:
    """`MADOGUCHI_NOW=2026-12-01T09:00:00+09:00` fixes the clock (tests, demos, training)."""
    from queue_app.domain.clock import Clock

    env = os.environ if env is None else env
    raw = env.get("MADOGUCHI_NOW")
    if not raw:
        return Clock()
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError as exc:
        raise InputError("err.now_invalid", value=raw) from exc
    if moment.tzinfo is None:
        raise InputError("err.now_invalid", value=raw)
    return Clock.fixed(moment)


class CliContext:
    def __init__(self, args: argparse.Namespace, env: dict[str, str] | None = None) -> None:
        self.args = args
        self.env: dict[str, str] = dict(os.environ if env is None else env)
        self._closers: list[Any] = []

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        return cls(args)

    # -- language -------------------------------------------------------------
    @property
    def lang(self) -> str:
        flag = getattr(self.args, "lang", None)
        if flag:
            return normalize_lang(flag)
        if self.env.get("MADOGUCHI_LANG"):
            return normalize_lang(self.env["MADOGUCHI_LANG"])
        cfg = self.__dict__.get("config")
        if cfg is not None:
            return normalize_lang(cfg.settings.language)
        general = self.__dict__.get("zone_and_language")
        if general is not None:
            return normalize_lang(general[1])
        return "ja"

    @property
    def tr(self) -> Translator:
        return Translator(self.lang)

    # -- configuration --------------------------------------------------------
    @cached_property
    def config_path(self) -> str | None:
        from queue_app.config import config_path

        return str(config_path(getattr(self.args, "config", None), self.env))

    @cached_property
    def config(self) -> Config:
        from queue_app.config import load_config

        return load_config(getattr(self.args, "config", None), self.env)

    @cached_property
    def calendar(self) -> OfficeCalendar:
        from queue_app.domain.calendar import OfficeCalendar

        return OfficeCalendar(self.config)

    @cached_property
    def clock(self) -> Clock:
        return clock_from_env(self.env)

    @cached_property
    def zone_and_language(self) -> tuple[str, str]:
        """The configured time zone and language: from the configuration when it is read
        already, else read alone (`queue_app.config.load_general`: the same file, checked
        the same way up to there; offices, rules and the rest are not built)."""
        cfg = self.__dict__.get("config")
        if cfg is not None:
            return cfg.settings.timezone, cfg.settings.language
        from queue_app.config import load_general

        return load_general(getattr(self.args, "config", None), self.env)

    def today(self) -> date:
        """Today in the configured time zone (`renewal`, `assess` without --today): needs
        the time zone, not the whole configuration."""
        return self.clock.today(self.zone_and_language[0])

    # -- database -------------------------------------------------------------
    @cached_property
    def database_url(self) -> str:
        from queue_app.config import database_url

        return database_url(getattr(self.args, "db", None), self.env, self.config)

    @cached_property
    def engine(self) -> Engine:
        from db.engine import make_engine

        # a URL the user gave (flag, environment, configuration) must name an existing
        # folder, and no command but `init` / `db upgrade` creates the file: a typo must not
        # leave a new empty database behind
        explicit = bool(
            getattr(self.args, "db", None)
            or self.env.get("MADOGUCHI_DATABASE_URL")
            or self.config.settings.database_url
        )
        command = getattr(self.args, "command", None)
        creating = command == "init" or (
            command == "db" and getattr(self.args, "db_command", None) == "upgrade"
        )
        engine = make_engine(
            self.database_url, create_folder=creating or not explicit, create_file=creating
        )
        self._closers.append(engine.dispose)
        return engine

    @cached_property
    def services(self) -> Services:
        from db.migrate import check
        from queue_app.config import secret_key
        from queue_app.services import Services

        check(self.engine)  # a missing, older or newer schema gets one clear message
        return Services(
            engine=self.engine,
            config=self.config,
            clock=self.clock,
            secret=secret_key(self.env, self.config),
        )

    # -- output ---------------------------------------------------------------
    def out(self, text: str = "") -> None:
        sys.stdout.write(text + "\n")

    def out_json(self, obj: object) -> None:
        import json

        sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")

    def close(self) -> None:
        for closer in reversed(self._closers):
            try:
                closer()
            except Exception:  # closing must never hide the command's own result
                pass
        self._closers.clear()


def parse_date(value: str, flag: str) -> date:
    """Read a date as a clerk writes it (2027-05-07, 2027/5/7, R9.5.7, 令和9年5月7日...);
    a failure names the flag and what is wrong, never the rejected text."""
    from queue_app.domain import dates

    if not value.strip():
        raise InputError("err.date_empty", flag=flag)
    try:
        return dates.parse_date(value)
    except dates.DateInputError as exc:
        raise exc.for_field(flag) from None
