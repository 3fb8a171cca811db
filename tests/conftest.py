"""Shared pytest fixtures.

Database fixtures: a service test written once against ``db_url`` runs on SQLite and on a
real PostgreSQL (a throwaway cluster started once per session by ``pg_cluster``; see
``tests/pgcluster.py`` for the MADOGUCHI_TEST_PG_URL and MADOGUCHI_SKIP_PG switches).

Every test is also isolated from the user's real configuration and data (``_isolate_env``).
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

try:  # `python -m pytest` puts the repository root on sys.path ...
    from tests.pgcluster import (
        PostgresUnavailable,
        ThrowawayCluster,
        postgres_available,
        skip_allowed,
    )
except ModuleNotFoundError:  # ... a bare `pytest` only puts tests/ there
    from pgcluster import (  # type: ignore[no-redef]
        PostgresUnavailable,
        ThrowawayCluster,
        postgres_available,
        skip_allowed,
    )

PG_FIXTURES = frozenset({"pg_cluster", "pg_url"})


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that uses a PostgreSQL fixture `postgres` (so `-m "not postgres"` works).

    A missing requirement is a failure, not a skip: PostgreSQL and Debian's Chromium are
    installed by scripts/system-packages.sh. Only an explicit MADOGUCHI_SKIP_PG=1 (tests
    marked `postgres`) or MADOGUCHI_SKIP_BROWSER=1 (tests marked `browser`) turns the missing
    program into a skip."""
    skip_pg = skip_browser = None
    if skip_allowed() and not postgres_available():
        skip_pg = pytest.mark.skip(reason="PostgreSQL unavailable and MADOGUCHI_SKIP_PG=1")
    if os.environ.get("MADOGUCHI_SKIP_BROWSER") == "1" and not os.path.exists(CHROMIUM):
        skip_browser = pytest.mark.skip(reason="Chromium unavailable and MADOGUCHI_SKIP_BROWSER=1")
    for item in items:
        if PG_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.postgres)
        if skip_pg is not None and item.get_closest_marker("postgres") is not None:
            item.add_marker(skip_pg)
        if skip_browser is not None and item.get_closest_marker("browser") is not None:
            item.add_marker(skip_browser)


@pytest.fixture(autouse=True)
def _isolate_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests away from the developer's real config, data and database: a test that needs
    one of these variables sets it itself."""
    monkeypatch.setenv("MADOGUCHI_CONFIG", str(tmp_path / "no-such-config.toml"))
    monkeypatch.setenv("MADOGUCHI_DATA_DIR", str(tmp_path / "data"))
    for name in ("MADOGUCHI_DATABASE_URL", "MADOGUCHI_LANG", "MADOGUCHI_NOW"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def _steady_cursors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Input and TextArea made during a test has a steady (non-blinking) cursor.

    A blinking cursor is drawn or not depending on when its 0.5 s timer last fired, so a
    snapshot or a rendered-text assertion would depend on the machine's speed. Done here,
    once, for every test and every widget (subclasses included), not per snapshot."""
    from textual.widgets import Input, TextArea

    for cls in (Input, TextArea):
        original = cls.__init__

        def steady_init(self, *args, __original=original, **kwargs):  # type: ignore[no-untyped-def]
            __original(self, *args, **kwargs)
            self.cursor_blink = False

        monkeypatch.setattr(cls, "__init__", steady_init)


@pytest.fixture(autouse=True)
def _seeded_nonces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ticket nonces (`fields.new_nonce`) are random in production; in a test they come from
    a seeded generator, so a ticket's QR in a snapshot is the same on every run (and each
    ticket's nonce still differs from the others')."""
    import random
    import types

    from queue_app.domain import fields

    rng = random.Random(20261201)
    monkeypatch.setattr(fields, "secrets", types.SimpleNamespace(token_bytes=rng.randbytes))


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[ThrowawayCluster]:
    """One PostgreSQL server per session (initdb takes seconds; databases are cheap).

    Missing PostgreSQL is an error, not a skip, unless MADOGUCHI_SKIP_PG=1. The atexit hook
    stops the server even if the session ends without running fixture teardown.
    """
    try:
        cluster = ThrowawayCluster.from_env()
    except PostgresUnavailable as exc:
        if skip_allowed():
            pytest.skip(str(exc))
        raise
    atexit.register(cluster.stop)
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()
        atexit.unregister(cluster.stop)


@pytest.fixture
def pg_url(pg_cluster: ThrowawayCluster, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh, empty database for this test only; dropped afterwards (open connections are
    terminated, so a leaked engine cannot block the drop)."""
    slug = re.sub(r"[^a-z0-9]+", "_", request.node.name.lower())[:30].strip("_")
    name = f"t_{slug}_{uuid.uuid4().hex[:8]}"
    url = pg_cluster.create_database(name)
    try:
        yield url
    finally:
        pg_cluster.drop_database(name)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite database file in this test's temporary directory."""
    return f"sqlite:///{tmp_path}/madoguchi.db"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """The same test twice: once on SQLite, once on PostgreSQL (test ids `[sqlite]`,
    `[postgres]`)."""
    fixture = "pg_url" if request.param == "postgres" else "sqlite_url"
    return str(request.getfixturevalue(fixture))


# -- application fixtures --
# Shared by every service and screen test: a migrated database, the default configuration,
# a clock fixed on an ordinary open Tuesday morning in Tokyo, and a per-test HMAC secret.


@pytest.fixture
def config():  # type: ignore[no-untyped-def]
    from queue_app.config import load_config

    return load_config(env={})


@pytest.fixture
def clock():  # type: ignore[no-untyped-def]
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from queue_app.domain.clock import MutableClock

    return MutableClock(datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo")))


SECRET = b"test-secret-0123456789abcdef0123456789abcdef"


def make_services(url: str, config, clock):  # type: ignore[no-untyped-def]
    """Build migrated Services on `url` (used by fixtures and by multi-process tests)."""
    from db.engine import make_engine
    from db.migrate import upgrade
    from queue_app.services import Services

    engine = make_engine(url)
    upgrade(engine)
    return Services(engine=engine, config=config, clock=clock, secret=SECRET)


@pytest.fixture
def services(db_url: str, config, clock):  # type: ignore[no-untyped-def]
    """Services on SQLite and on PostgreSQL (the test runs twice)."""
    svc = make_services(db_url, config, clock)
    yield svc
    svc.engine.dispose()


@pytest.fixture
def sqlite_services(sqlite_url: str, config, clock):  # type: ignore[no-untyped-def]
    """Services on a SQLite file only (screen tests, quick checks)."""
    svc = make_services(sqlite_url, config, clock)
    yield svc
    svc.engine.dispose()


def _cli(url: str, config, clock, tmp_path: Path, monkeypatch, capsys):  # type: ignore[no-untyped-def]
    from tests.faults_support import make_cli

    made = make_cli(url, config, clock, tmp_path, monkeypatch, capsys)
    yield made
    made.services.engine.dispose()


@pytest.fixture
def cli(db_url: str, config, clock, tmp_path: Path, monkeypatch, capsys):  # type: ignore[no-untyped-def]
    """The `madoguchi` command run in-process on a migrated database, SQLite and PostgreSQL
    (tests/faults_support.Cli)."""
    yield from _cli(db_url, config, clock, tmp_path, monkeypatch, capsys)


@pytest.fixture
def sqlite_cli(sqlite_url: str, config, clock, tmp_path: Path, monkeypatch, capsys):  # type: ignore[no-untyped-def]
    """`cli` on SQLite only."""
    yield from _cli(sqlite_url, config, clock, tmp_path, monkeypatch, capsys)
