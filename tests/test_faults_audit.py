"""Issue 16, second pass (a clumsy or hostile user at the real command): what the first
pass let through. A number typed into a numeric flag is echoed no more than one typed into
a text flag; a run of more than 12 digits is still a 12-digit run; an unwritable report
`--out` is the environment (exit 3) like `--png`; a database URL's password is never
printed; Ctrl-C while the command starts is no traceback; a configuration saved "UTF-8
with BOM" (Windows Notepad) is read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from queue_app.domain.errors import InputError, shown_value
from tests.faults_support import Cli, clean_exit, stored_twelve_digit_runs

ISSUE = ("ticket", "issue", "--office", "sogo", "--service", "ecert")


# -- numbers typed into numeric flags are not echoed either -------------------------------------


@pytest.mark.parametrize("value", [1234, 123456789012, 1234.0, 123456789012.0, 1.2345678901234e19])
def test_a_rejected_number_that_could_be_a_pin_is_hidden(value: object) -> None:
    for lang in ("ja", "en"):
        assert shown_value(value, lang) != value
    assert shown_value(3) == 3 and shown_value(0.5) == 0.5 and shown_value(True) is True


PIN_LIKE = ("1234", "123456789012")
NUMERIC_FLAGS = [
    *[("ticket", "call", "--office", "sogo", "--counter", n, "--staff", "S001") for n in PIN_LIKE],
    *[("plan", "--office", "sogo", "--date", "2026-12-01", "--within", n) for n in PIN_LIKE],
    *[("plan", "--office", "sogo", "--date", "2026-12-01", "--share", n) for n in PIN_LIKE],
    # 1234 is a port a server could listen on: only the impossible one
    ("display", "--office", "sogo", "--web", "--port", "123456789012"),
    ("web", "--port", "123456789012"),
]


@pytest.mark.parametrize("argv", NUMERIC_FLAGS, ids=lambda argv: " ".join(argv[:2] + argv[-2:]))
def test_numeric_flags_do_not_echo_a_pin_or_a_personal_number(
    sqlite_cli: Cli, argv: tuple[str, ...]
) -> None:
    number = next(a for a in argv if a in PIN_LIKE)
    for lang in ("ja", "en"):
        code, out, err = sqlite_cli.run("--lang", lang, *argv)
        clean_exit(code, err, 2)
        assert number not in out + err


# -- more than 12 digits is still a 12-digit run ---------------------------------------------


@pytest.mark.parametrize("flag", ["--request-id", "--decision"])
@pytest.mark.parametrize("value", ["1234567890123", "12345678901234567890", "k1234567890123"])
def test_a_longer_digit_run_is_never_stored(cli: Cli, flag: str, value: str) -> None:
    code, out, err = cli.run(*ISSUE, flag, value)
    clean_exit(code, err, 2)
    assert value not in out + err
    assert cli.count() == 0
    assert stored_twelve_digit_runs(cli.services.engine) == []


def test_the_validator_refuses_any_run_of_twelve_or_more_digits() -> None:
    from queue_app.domain.fields import check_field

    for value in ("1234567890123", "x" + "9" * 20, "１２３４５６７８９０１２３"):
        with pytest.raises(InputError):
            check_field("override", value)
    assert check_field("override", "電話 048-473-1111") == "電話 048-473-1111"
    assert check_field("override", "12345678901") == "12345678901"


# -- report and plan `--out`: the environment, checked, never half a file ------------------------


def test_unwritable_report_out_is_an_environment_error(sqlite_cli: Cli) -> None:
    for target in (Path("/proc/r.html"), sqlite_cli.tmp / "missing" / "r.html", sqlite_cli.tmp):
        code, out, err = sqlite_cli.run(
            "--lang", "en", "report", "daily", "--office", "sogo", "--date", "2026-12-01",
            "--format", "html", "--out", str(target),
        )  # fmt: skip
        clean_exit(code, err, 3)
        assert str(target) in err


def test_report_out_is_written_whole(sqlite_cli: Cli) -> None:
    target = sqlite_cli.tmp / "day.csv"
    code, out, err = sqlite_cli.run(
        "report", "daily", "--office", "sogo", "--date", "2026-12-01",
        "--format", "csv", "--out", str(target),
    )  # fmt: skip
    assert code == 0, err
    assert target.read_text(encoding="utf-8").strip()
    assert [p.name for p in sqlite_cli.tmp.iterdir() if p.name.startswith(".day.csv")] == []


# -- a database URL's password is never printed -----------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://clerk:hunter2secret@[::1/madoguchi",
        "postgresql+psycopg://clerk:hunter2secret@dbhost:notaport/madoguchi",
        "mysql://clerk:hunter2secret@dbhost/madoguchi",
    ],
)
def test_a_bad_database_url_never_shows_its_password(sqlite_cli: Cli, url: str) -> None:
    code, out, err = sqlite_cli.run("--db", url, "ticket", "list", "--office", "sogo")
    clean_exit(code, err, 2)  # a URL that cannot be used is a wrong value typed: usage
    assert "hunter2secret" not in out + err
    assert "clerk" in err  # the rest of the URL is shown, so the user sees which one


# -- Ctrl-C before the command is under way -----------------------------------------------------


def test_ctrl_c_while_starting_is_no_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import queue_app.cli as cli_module

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_module, "build_parser", interrupted)
    with pytest.raises(SystemExit) as exit_:
        cli_module.run()
    assert exit_.value.code == 130
    assert "Traceback" not in capsys.readouterr().err


# -- a configuration saved as UTF-8 with BOM ----------------------------------------------------


def test_configuration_with_a_byte_order_mark_is_read(sqlite_cli: Cli) -> None:
    config = sqlite_cli.tmp / "bom.toml"
    config.write_bytes(b'\xef\xbb\xbf[general]\nlanguage = "en"\n')
    code, out, err = sqlite_cli.run("--config", str(config), "config", "check")
    assert code == 0, err


# -- a restore cut short after the copy must not lose the high-water mark -----------------------


def test_restore_interrupted_before_the_mark_keeps_the_database(
    sqlite_url: str, config: Any, clock: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGKILL or Ctrl-C after the backup is copied in but before the mark is applied: the
    database must still be the one that knows every number issued (so a second restore
    carries the mark), never the backup without it."""
    from db import highwater
    from db.backup import backup
    from db.restore import restore
    from queue_app.services import IssueRequest
    from tests.conftest import make_services

    services = make_services(sqlite_url, config, clock)
    for _ in range(2):
        services.tickets.issue(IssueRequest("sogo", "ecert"))
    out = tmp_path / "b.db"
    backup(sqlite_url, out)
    for _ in range(3):  # handed to visitors after the backup: A-003 .. A-005
        services.tickets.issue(IssueRequest("sogo", "ecert"))
    services.engine.dispose()

    def killed(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt  # stands for the SIGKILL: nothing after this line runs

    with monkeypatch.context() as patch:
        patch.setattr(highwater, "apply", killed)
        with pytest.raises(KeyboardInterrupt):
            restore(sqlite_url, out)
    services = make_services(sqlite_url, config, clock)
    assert len(services.tickets.list("sogo")) == 5  # still the live database
    services.engine.dispose()

    restore(sqlite_url, out)  # run again: the mark is read from the live database
    services = make_services(sqlite_url, config, clock)
    try:
        assert services.tickets.issue(IssueRequest("sogo", "ecert")).ticket.number == 6
    finally:
        services.engine.dispose()
    leftovers = [p.name for p in Path(sqlite_url.removeprefix("sqlite:///")).parent.iterdir()]
    assert not [name for name in leftovers if "restoring" in name], leftovers
