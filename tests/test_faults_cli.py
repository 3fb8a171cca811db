"""Issue 16 through the `madoguchi` command (in-process), on SQLite and PostgreSQL:
bad input gets one clear line and exit 2, a broken environment exit 3, never a traceback;
no rejected value that could be a PIN or a 個人番号 is echoed or stored; `--png`/`--svg`
never leave a ticket nobody received; reads never wait for another process's write lock."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.faults_support import Cli, clean_exit, stored_twelve_digit_runs

ISSUE = ("ticket", "issue", "--office", "sogo", "--service", "ecert")


# -- privacy: nothing that could be a PIN or a 個人番号 is echoed or stored -------------------


def test_pin_typed_into_a_status_flag_is_not_echoed(cli: Cli) -> None:
    code, out, err = cli.run("assess", "--visit", "self", "--pin-user", "1234")
    clean_exit(code, err, 2)
    assert "1234" not in out + err
    code, out, err = cli.run("assess", "--visit", "self", "--pin-sign", "abcd1234xy")
    clean_exit(code, err, 2)
    assert "abcd1234xy" not in out + err


@pytest.mark.parametrize(
    "flag",
    [
        "--staff",
        "--request-id",
        "--decision",
        "--override",
        "--visit",
    ],
)
def test_twelve_digits_in_any_issue_field_are_refused_and_not_echoed(cli: Cli, flag: str) -> None:
    code, out, err = cli.run(*ISSUE, flag, "1234 5678 9012")
    clean_exit(code, err, 2)
    assert "9012" not in out + err
    assert cli.count() == 0
    assert stored_twelve_digit_runs(cli.services.engine) == []


def test_huge_staff_code_is_an_input_error_not_an_outage(cli: Cli) -> None:
    code, out, err = cli.run(*ISSUE, "--staff", "S" * 120_000)
    clean_exit(code, err, 2)
    assert cli.count() == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("staff", "S" * 120_000),
        ("request_id", "r" * 65),
        ("decision", "d" * 33),
        ("override", "o" * 5000),
        ("staff", "123456789012"),
        ("request_id", "kiosk-1234-5678-9012"),
        ("decision", "１２３４５６７８９０１２"),
        ("override", "\udcff\udcfe"),
    ],
)
def test_service_boundary_checks_every_stored_field(cli: Cli, field: str, value: str) -> None:
    """The validator sits in the service: a kiosk, the TUI and the web get the same rules
    as the CLI, before the database sees the value (PostgreSQL answered 'cannot be
    reached' to a 120,000-character staff code)."""
    from queue_app.domain.errors import InputError
    from queue_app.services import IssueRequest

    request = IssueRequest("sogo", "ecert", **{field: value})  # type: ignore[arg-type]
    with pytest.raises(InputError) as err:
        cli.services.tickets.issue(request)
    assert err.value.exit_code == 2
    assert value not in err.value.message("en") and value not in err.value.message("ja")
    assert cli.count() == 0
    assert stored_twelve_digit_runs(cli.services.engine) == []


@pytest.mark.parametrize("flag", ["--staff", "--override"])
def test_undecodable_bytes_in_an_argument(cli: Cli, flag: str) -> None:
    raw = b"S\xff\xfe01".decode("utf-8", "surrogateescape")  # what Python makes of argv bytes
    code, out, err = cli.run(*ISSUE, flag, raw)
    clean_exit(code, err, 2)
    assert cli.count() == 0


# -- huge ids, odd tokens: one line, the right exit code ----------------------------------------


@pytest.mark.parametrize("ref", [str(2**63), str(2**31), str(2**64 + 5), "9" * 40, "-1", "0"])
def test_ids_out_of_range(cli: Cli, ref: str) -> None:
    for argv in (
        ("ticket", "finish", ref),
        ("ticket", "start", ref, "--counter", "1"),
        ("cases", "show", "--case", ref),
    ):
        code, out, err = cli.run(*argv)
        clean_exit(code, err, 2)
        assert ref not in err or len(ref) < 4


def test_token_with_non_ascii_signature(cli: Cli) -> None:
    code, out, err = cli.run(*ISSUE, "--json")
    assert code == 0, err
    import json

    token = json.loads(out)["token"]
    body, _sig = token.rsplit(".", 1)
    for forged in (f"{body}.ＡＢＣＤ", f"{body}.é", f"{body}.\udcff", token + "ü"):
        code, out, err = cli.run("ticket", "verify", forged)
        clean_exit(code, err, 2)


def test_verify_of_a_finished_ticket_fails_for_the_scanner(cli: Cli) -> None:
    import json

    code, out, err = cli.run(*ISSUE, "--json")
    data = json.loads(out)
    tid = str(data["ticket"]["id"] if "ticket" in data else data["id"])
    assert cli.run("ticket", "verify", data["token"])[0] == 0
    clerk = ("--counter", "3", "--staff", "S001")
    assert cli.run("ticket", "call", "--office", "sogo", *clerk)[0] == 0
    assert cli.run("ticket", "start", tid, *clerk)[0] == 0
    assert cli.run("ticket", "finish", tid, "--outcome", "renewed", *clerk)[0] == 0
    code, out, err = cli.run("--lang", "en", "ticket", "verify", data["token"])
    clean_exit(code, err, 2)
    assert "already" in err


# -- output files: never a ticket nobody received ---------------------------------------------


@pytest.mark.parametrize("flag", ["--png", "--svg"])
def test_unwritable_output_is_refused_before_the_ticket_exists(cli: Cli, flag: str) -> None:
    for path in (cli.tmp / "no-such-folder" / "t.png", cli.tmp, Path("/proc/t.png")):
        code, out, err = cli.run(*ISSUE, flag, str(path))
        clean_exit(code, err, 3)
        assert str(path) in err
    assert cli.count() == 0


def test_output_that_fails_after_issue_still_reports_the_number(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from queue_app.services import printing

    def full_disk(document: object, path: Path) -> None:  # the ticket document's PNG
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(printing, "write_png", full_disk)
    target = cli.tmp / "ticket.png"
    code, out, err = cli.run(*ISSUE, "--png", str(target))
    clean_exit(code, err, 3)
    assert "A-001" in out and "A-001" in err and "No space left" in err
    assert not target.exists() and not list(cli.tmp.glob(".ticket.png.*"))
    assert cli.count() == 1


def test_backup_to_an_unwritable_place(sqlite_cli: Cli) -> None:
    for out in (Path("/proc/x/backup.db"), sqlite_cli.tmp):
        code, _, err = sqlite_cli.run("db", "backup", "--out", str(out))
        clean_exit(code, err, 3)
        assert str(out) in err


# -- broken files: configuration, secret, database -------------------------------------------


def test_configuration_and_secret_that_are_not_utf8(
    sqlite_cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = sqlite_cli.tmp / "bad.toml"
    bad.write_bytes(b'[general]\nlanguage = "\xff\xfe"\n')
    code, _, err = sqlite_cli.run("--config", str(bad), "ticket", "list", "--office", "sogo")
    clean_exit(code, err, 2)
    assert "UTF-8" in err
    secret = sqlite_cli.tmp / "bin.key"
    secret.write_bytes(bytes(range(256)))
    secret.chmod(0o600)
    monkeypatch.setenv("MADOGUCHI_SECRET_FILE", str(secret))
    code, _, err = sqlite_cli.run(*ISSUE)
    clean_exit(code, err, 3)


def test_secret_readable_by_others_is_refused(
    sqlite_cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = sqlite_cli.tmp / "secret.key"
    secret.chmod(0o644)
    code, _, err = sqlite_cli.run("--lang", "en", *ISSUE)
    clean_exit(code, err, 3)
    assert "chmod 600" in err
    assert sqlite_cli.count() == 0
    secret.chmod(0o600)
    assert sqlite_cli.run(*ISSUE)[0] == 0


def test_database_of_random_bytes(sqlite_cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    junk = sqlite_cli.tmp / "junk.db"
    junk.write_bytes(bytes(range(256)) * 64)
    monkeypatch.setenv("MADOGUCHI_DATABASE_URL", f"sqlite:///{junk}")
    for argv in (("ticket", "list", "--office", "sogo"), ISSUE, ("db", "current")):
        code, _, err = sqlite_cli.run(*argv)
        clean_exit(code, err, 3)
        assert str(junk) in err


def test_sqlite_url_in_a_missing_folder_creates_nothing(
    sqlite_cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = sqlite_cli.tmp / "typo" / "madoguchi.db"
    monkeypatch.setenv("MADOGUCHI_DATABASE_URL", f"sqlite:///{missing}")
    code, _, err = sqlite_cli.run("ticket", "list", "--office", "sogo")
    clean_exit(code, err, 3)
    assert not missing.parent.exists()


def test_sqlite_url_to_a_missing_file_creates_nothing(
    sqlite_cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A typo in the file name (folder right) is refused by every command that only uses a
    database, naming the path and the fix; only `db upgrade` (and `init`) create the file."""
    missing = sqlite_cli.tmp / "madoguchi-typo.db"
    monkeypatch.setenv("MADOGUCHI_DATABASE_URL", f"sqlite:///{missing}")
    for argv in (("ticket", "list", "--office", "sogo"), ISSUE, ("db", "current")):
        code, _, err = sqlite_cli.run(*argv)
        clean_exit(code, err, 3)
        assert str(missing) in err and "madoguchi init" in err
        assert not missing.exists(), argv
    code, _, err = sqlite_cli.run("db", "upgrade")
    assert code == 0, err
    assert missing.exists()
    code, out, err = sqlite_cli.run("ticket", "list", "--office", "sogo")
    assert code == 0, err


@pytest.mark.parametrize("url", ["nonsense", "mysql://root@localhost/x", "sqlite://"])
def test_a_database_url_that_is_not_one_is_a_usage_error(
    sqlite_cli: Cli, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--db nonsense` is a wrong value typed by the user: exit 2 (usage), saying which forms
    work, like every other bad option value."""
    code, _, err = sqlite_cli.run("--db", url, "ticket", "list", "--office", "sogo")
    clean_exit(code, err, 2)
    assert "sqlite:///" in err and "postgresql+psycopg://" in err


def test_database_file_is_private(tmp_path: Path) -> None:
    from db.engine import make_engine
    from db.migrate import upgrade

    path = tmp_path / "new.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    assert path.stat().st_mode & 0o777 == 0o600


# -- small ones --------------------------------------------------------------------------------


def test_empty_date_and_negative_runs(cli: Cli) -> None:
    code, _, err = cli.run("ticket", "list", "--office", "sogo", "--date", "")
    clean_exit(code, err, 2)
    code, _, err = cli.run(
        "--lang", "en", "simulate", "--office", "sogo", "--date", "2026-12-01", "--runs", "-5"
    )
    clean_exit(code, err, 2)
    assert "--runs" in err and "1 to 5000" in err


# -- SQLite locks: reads never wait for the write lock; writes say who holds it ----------------


def test_reads_do_not_need_the_write_lock(sqlite_cli: Cli) -> None:
    assert sqlite_cli.run(*ISSUE)[0] == 0
    path = sqlite_cli.url.removeprefix("sqlite:///")
    holder = sqlite3.connect(path, isolation_level=None, timeout=0.1)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO revision (office_id, value) VALUES ('lock-holder', 1)")
    try:
        for argv in (
            ("ticket", "list", "--office", "sogo"),
            ("db", "current"),
            ("cases", "list"),
        ):
            code, out, err = sqlite_cli.run(*argv)
            assert code == 0, (argv, err)
        code, _, err = sqlite_cli.run("--lang", "en", *ISSUE)
        clean_exit(code, err, 3)
        assert "locked by another process" in err
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert sqlite_cli.run(*ISSUE)[0] == 0


def test_read_only_engine_refuses_attach(sqlite_cli: Cli, tmp_path: Path) -> None:
    """The display's connection is `mode=ro`; ATTACH would open another file read-write
    through it. The authorizer refuses it."""
    from sqlalchemy import text
    from sqlalchemy.exc import DatabaseError as SADatabaseError

    from db.engine import make_engine

    engine = make_engine(sqlite_cli.url, read_only=True)
    other = tmp_path / "other.db"
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM ticket")).scalar() == 0
            with pytest.raises(SADatabaseError, match="not authorized"):
                conn.execute(text(f"ATTACH DATABASE '{other}' AS w"))
    finally:
        engine.dispose()
    assert not other.exists()
