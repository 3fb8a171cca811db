"""A throwaway PostgreSQL cluster for the test suite.

Why this exists: the service tests must run against real PostgreSQL as well as SQLite, on a
developer's machine and in CI, without anyone starting a server by hand. `ThrowawayCluster`
runs `initdb` into a temporary directory, starts the server on a free loopback port with
durability switched off (fast, and nothing here needs to survive a crash), hands out fresh
databases and roles, and removes everything on `stop()`.

PostgreSQL refuses to run as root, so when the tests run as root (CI does) the directory is
chowned to the `postgres` user and the server binaries run as that user.

Environment:

* ``MADOGUCHI_TEST_PG_URL``: a superuser URL of an existing server (for example
  ``postgresql+psycopg://postgres:secret@127.0.0.1:5432/postgres``). When set, no cluster is
  started; databases and roles are created on that server and dropped again afterwards.
* ``MADOGUCHI_SKIP_PG=1``: when neither binaries nor that URL are available, the PostgreSQL
  tests are skipped instead of failing (see ``tests/conftest.py``). Without it a missing
  PostgreSQL is an error, so CI can never silently skip the PostgreSQL half of the suite.

This module does not import pytest, so it can also be used from a script or a REPL.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy.engine import URL, make_url

ENV_URL = "MADOGUCHI_TEST_PG_URL"
ENV_SKIP = "MADOGUCHI_SKIP_PG"
SERVER_USER = "postgres"
START_TIMEOUT = 60.0


class PostgresUnavailable(RuntimeError):
    """Neither PostgreSQL server binaries nor MADOGUCHI_TEST_PG_URL were found."""


def skip_allowed() -> bool:
    """True when MADOGUCHI_SKIP_PG=1 lets the PostgreSQL tests be skipped if unavailable."""
    return os.environ.get(ENV_SKIP, "") == "1"


def find_bindir() -> Path | None:
    """The directory holding both `initdb` and `pg_ctl`: PATH first, then Debian's layout."""
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl and Path(initdb).parent == Path(pg_ctl).parent:
        return Path(initdb).parent

    def version(path: str) -> tuple[int, ...]:
        name = Path(path).parent.name
        return tuple(int(p) for p in name.split(".") if p.isdigit())

    for bindir in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True):
        if (Path(bindir) / "initdb").is_file() and (Path(bindir) / "pg_ctl").is_file():
            return Path(bindir)
    return None


def postgres_available() -> bool:
    """True when a cluster can be had: an external URL is configured or binaries exist."""
    return bool(os.environ.get(ENV_URL)) or find_bindir() is not None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _connect_kwargs(url: URL) -> dict[str, Any]:
    """psycopg.connect() keyword arguments for a SQLAlchemy URL."""
    kwargs: dict[str, Any] = {
        "host": url.host or "127.0.0.1",
        "port": url.port or 5432,
        "user": url.username or SERVER_USER,
        "dbname": url.database or "postgres",
        "connect_timeout": 10,
    }
    if url.password is not None:
        kwargs["password"] = url.password
    return kwargs


class ThrowawayCluster:
    """A PostgreSQL server for one test session: started by `start()`, removed by `stop()`.

    With ``superuser_url`` (or ``MADOGUCHI_TEST_PG_URL`` via `from_env`) an existing server is
    used instead; `stop()` then only drops the roles this object created.
    """

    def __init__(self, superuser_url: str | None = None) -> None:
        self.external = superuser_url is not None
        self._url: URL | None = make_url(superuser_url) if superuser_url else None
        self.bindir: Path | None = None
        self.root: Path | None = None
        self.port: int | None = None
        self._run_as: str | None = None
        self._roles: list[str] = []
        self._started = False

    @classmethod
    def from_env(cls) -> ThrowawayCluster:
        """A cluster for MADOGUCHI_TEST_PG_URL if set, else a local throwaway one.

        Raises PostgresUnavailable (with a message saying how to fix it) when neither exists.
        """
        url = os.environ.get(ENV_URL)
        if url:
            return cls(url)
        if find_bindir() is None:
            raise PostgresUnavailable(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH nor in "
                "/usr/lib/postgresql/*/bin. Install them (Debian: apt-get install postgresql), "
                f"or point {ENV_URL} at a superuser URL of a running server, or set "
                f"{ENV_SKIP}=1 to skip the PostgreSQL tests."
            )
        return cls()

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> ThrowawayCluster:
        """Start the server (or check the external one) and wait until it accepts connections."""
        if self._started:
            return self
        if self.external:
            self._wait_ready(deadline=time.monotonic() + 10)
            self._started = True
            return self
        self.bindir = find_bindir()
        if self.bindir is None:
            raise PostgresUnavailable("PostgreSQL server binaries (initdb, pg_ctl) not found")
        self._run_as = SERVER_USER if os.geteuid() == 0 else None
        # /tmp when root: the server user must be able to reach the directory, and the
        # socket path must stay short (about 100 bytes at most).
        base = "/tmp" if self._run_as and os.path.isdir("/tmp") else None
        self.root = Path(tempfile.mkdtemp(prefix="madoguchi-pg-", dir=base))
        try:
            (self.root / "sock").mkdir()
            if self._run_as:
                entry = pwd.getpwnam(self._run_as)
                for path in (self.root, self.root / "sock"):
                    os.chown(path, entry.pw_uid, entry.pw_gid)
            self._run(
                [
                    str(self.bindir / "initdb"),
                    "-D", str(self.root / "data"),
                    "-A", "trust",
                    "-U", SERVER_USER,
                    "--encoding", "UTF8",
                    "--locale", "C",
                    "--no-sync",
                ]
            )  # fmt: skip
            self._start_server()
        except BaseException:
            self.stop()
            raise
        self._started = True
        return self

    def _start_server(self) -> None:
        assert self.root is not None and self.bindir is not None
        last_error = ""
        for _attempt in range(3):  # the free port may be taken between probe and bind
            port = free_port()
            options = (
                f"-k {self.root / 'sock'} -p {port} -c listen_addresses=127.0.0.1 "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                "-c max_connections=200"
            )
            result = self._run(
                [
                    str(self.bindir / "pg_ctl"),
                    "-D", str(self.root / "data"),
                    "-l", str(self.root / "server.log"),
                    "-o", options,
                    "-w", "-t", str(int(START_TIMEOUT)),
                    "start",
                ],
                check=False,
            )  # fmt: skip
            if result.returncode == 0:
                self.port = port
                self._url = make_url(
                    f"postgresql+psycopg://{SERVER_USER}@127.0.0.1:{port}/postgres"
                )
                self._wait_ready(deadline=time.monotonic() + START_TIMEOUT)
                return
            last_error = result.stdout + self.server_log()
        raise RuntimeError(f"PostgreSQL did not start:\n{last_error}")

    def _wait_ready(self, deadline: float) -> None:
        """Connect in a loop until the server answers or the deadline passes."""
        error: Exception | None = None
        while time.monotonic() < deadline:
            try:
                with psycopg.connect(**self._kwargs(), autocommit=True) as conn:
                    conn.execute("select 1")
                return
            except psycopg.OperationalError as exc:
                error = exc
                time.sleep(0.1)
        raise RuntimeError(f"PostgreSQL at {self.url} is not ready: {error}\n{self.server_log()}")

    def stop(self) -> None:
        """Stop the server and remove its directory (external server: drop created roles).

        Safe to call more than once, and after a failed `start()`.
        """
        if self.external:
            if self._started:
                for role in reversed(self._roles):
                    try:
                        self.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
                    except psycopg.Error:
                        pass
            self._roles.clear()
            self._started = False
            return
        if self.root is None:
            return
        if self.bindir is not None and (self.root / "data" / "postmaster.pid").exists():
            self._run(
                [
                    str(self.bindir / "pg_ctl"),
                    "-D",
                    str(self.root / "data"),
                    "-m",
                    "fast",
                    "-w",
                    "stop",
                ],
                check=False,
            )
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = None
        self._started = False

    def __enter__(self) -> ThrowawayCluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- databases and roles ---------------------------------------------------------------

    @property
    def url(self) -> str:
        """The superuser URL of the server's `postgres` database."""
        if self._url is None:
            raise RuntimeError("cluster not started")
        return self._url.render_as_string(hide_password=False)

    def url_for(self, database: str, user: str | None = None, password: str | None = None) -> str:
        """A SQLAlchemy URL for `database`, as the superuser or as `user`/`password`."""
        if self._url is None:
            raise RuntimeError("cluster not started")
        url = self._url.set(drivername="postgresql+psycopg", database=database)
        if user is not None:
            url = url.set(username=user, password=password)
        return url.render_as_string(hide_password=False)

    def execute(
        self,
        statement: str | sql.Composable,
        params: Sequence[Any] | None = None,
        *,
        database: str = "postgres",
    ) -> list[tuple[Any, ...]]:
        """Run one statement as superuser in `database` (autocommit); return its rows, if any."""
        with psycopg.connect(**self._kwargs(database), autocommit=True) as conn:
            cur = conn.execute(statement, params)  # type: ignore[arg-type]
            return cur.fetchall() if cur.description is not None else []

    def create_database(self, name: str) -> str:
        """Create database `name` (UTF8, owned by the superuser) and return its URL."""
        self.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'").format(
                sql.Identifier(name)
            )
        )
        return self.url_for(name)

    def drop_database(self, name: str) -> None:
        """Drop database `name`, terminating any connections still open to it."""
        self.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )

    def create_role(
        self,
        name: str,
        password: str,
        *,
        database: str | None = None,
        read_only: bool = False,
        grants: Iterable[str] = (),
        login: bool = True,
    ) -> str:
        """Create role `name` and return a URL that connects as it.

        `database` (a name or a URL from `create_database`/`pg_url`) is the database the
        returned URL points at; the role gets CONNECT on it. `read_only=True` grants SELECT on
        every table and sequence of schema public, now and (through default privileges of the
        superuser) on tables created later. `grants` are further SQL statements run as
        superuser in that database, e.g. ``"GRANT INSERT ON ticket TO reader"``. Roles are
        cluster-wide: use unique names; on an external server they are dropped by `stop()`.
        """
        if database is not None and "://" in database:
            database = make_url(database).database
        role = sql.Identifier(name)
        self.execute(
            sql.SQL("CREATE ROLE {} WITH {} PASSWORD {}").format(
                role, sql.SQL("LOGIN" if login else "NOLOGIN"), sql.Literal(password)
            )
        )
        self._roles.append(name)
        if database is None:
            return self.url_for("postgres", name, password)
        self.execute(
            sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), role)
        )
        statements: list[sql.Composable | str] = []
        if read_only:
            statements += [
                sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(role),
                sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA public TO {}").format(role),
                sql.SQL("GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(role),
                sql.SQL(
                    "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {}"
                ).format(role),
                sql.SQL(
                    "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON SEQUENCES TO {}"
                ).format(role),
            ]
        statements += list(grants)
        for statement in statements:
            self.execute(statement, database=database)
        return self.url_for(database, name, password)

    def drop_role(self, name: str, *, databases: Iterable[str] = ()) -> None:
        """Drop role `name`; first drop what it owns/was granted in each of `databases`."""
        role = sql.Identifier(name)
        for database in databases:
            self.execute(sql.SQL("DROP OWNED BY {}").format(role), database=database)
        self.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(role))
        if name in self._roles:
            self._roles.remove(name)

    # -- helpers ---------------------------------------------------------------------------

    def server_log(self) -> str:
        """The server's log file (empty for an external server); handy in failure messages."""
        if self.root is None:
            return ""
        try:
            return (self.root / "server.log").read_text(errors="replace")
        except OSError:
            return ""

    def _kwargs(self, database: str = "postgres") -> dict[str, Any]:
        if self._url is None:
            raise RuntimeError("cluster not started")
        return _connect_kwargs(self._url.set(database=database))

    def _run(self, cmd: list[str], *, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run a server binary, as `postgres` when we are root; raise with its output if asked."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env.update(LC_ALL="C", LANG="C", TZ="UTC")
        kwargs: dict[str, Any] = {}
        if self._run_as:
            entry = pwd.getpwnam(self._run_as)
            kwargs.update(user=entry.pw_uid, group=entry.pw_gid, extra_groups=[])
            env.update(HOME=entry.pw_dir, USER=self._run_as, LOGNAME=self._run_as)
        result = subprocess.run(
            cmd,
            cwd=self.root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=START_TIMEOUT + 30,
            check=False,
            **kwargs,
        )
        if check and result.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({result.returncode}):\n{result.stdout}")
        return result
