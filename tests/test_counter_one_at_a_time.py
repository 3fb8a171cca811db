"""A counter calls one visitor at a time (issue 11): while a ticket is called or being served
at a counter, calling another there is refused, naming the open ticket; nothing changes.
Enforced inside the call transaction, so two terminals of one counter calling at the same
moment still leave one open ticket (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest

from queue_app.domain.errors import DomainError, MadoguchiError
from queue_app.domain.tickets import (
    OpenTicket,
    check_counter_free,
    recall_makes_no_show,
    recalls_left,
)
from queue_app.services import IssueRequest
from tests.helpers_engine import snapshot
from tests.waiting import DEADLINE, join_all


def _issue(services: Any, n: int, service: str = "ecert") -> list[int]:
    return [services.tickets.issue(IssueRequest("sogo", service)).ticket.id for _ in range(n)]


# -- the rule itself (pure) ----------------------------------------------------------------


def test_rule_names_the_open_ticket() -> None:
    check_counter_free("sogo", 3, [])
    check_counter_free("sogo", 3, [OpenTicket(1, "A-001", "done")])
    with pytest.raises(DomainError) as err:
        check_counter_free("sogo", 3, [OpenTicket(7, "A-007", "serving")])
    assert err.value.key == "err.counter_busy"
    text = err.value.message("ja")
    assert "A-007" in text and "3番窓口" in text and "対応中" in text
    assert "finish" in text and "no-show" in text and "requeue" in text
    english = err.value.message("en")
    assert "counter 3 still has A-007 (serving)" in english


def test_recall_warning_helpers() -> None:
    # limit 3: recalls 1..3 keep the ticket called, the 4th marks it absent
    assert [recalls_left(n, 3) for n in range(5)] == [3, 2, 1, 0, 0]
    assert [recall_makes_no_show(n, 3) for n in range(4)] == [False, False, False, True]


# -- in the service, on both engines ----------------------------------------------------------


@pytest.mark.parametrize("open_state", ["called", "serving"])
def test_second_call_at_a_busy_counter_is_refused(services: Any, open_state: str) -> None:
    first, second = _issue(services, 2)
    tickets = services.tickets
    tickets.call_next("sogo", 3, "S001")
    if open_state == "serving":
        tickets.start(first, 3, "S001")
    before = snapshot(services, second)
    for attempt in (
        lambda: tickets.call_next("sogo", 3, "S001"),
        lambda: tickets.call(second, 3, "S001"),
    ):
        with pytest.raises(DomainError) as err:
            attempt()
        assert err.value.key == "err.counter_busy"
        assert err.value.params["number"] == "A-001" and err.value.params["state"] == open_state
        assert snapshot(services, second) == before  # no state, no event, no revision
    # another counter may call meanwhile
    assert tickets.call_next("sogo", 4, "S002").id == second
    assert [t.display_number for t in tickets.open_at_counter("sogo", 3)] == ["A-001"]


@pytest.mark.parametrize("release", ["finish", "no_show", "requeue", "transfer", "cancel"])
def test_counter_is_free_again_after_the_current_ticket_leaves(services: Any, release: str) -> None:
    first, second = _issue(services, 2)
    tickets = services.tickets
    tickets.call_next("sogo", 3, "S001")
    if release == "finish":
        tickets.start(first, 3, "S001")
        tickets.finish(first, "renewed", 3, "S001")
    elif release == "transfer":
        tickets.transfer(first, "card_pickup", None, 3, "S001")
    else:
        getattr(tickets, release)(first, 3, "S001")
    assert tickets.open_at_counter("sogo", 3) == []
    called = tickets.call_next("sogo", 3, "S001")
    assert called is not None and called.state == "called"
    # back in the queue with its arrival time, the first is called again first
    assert called.id == (first if release in ("requeue", "transfer") else second)


def test_recall_of_the_open_ticket_is_still_allowed(services: Any) -> None:
    (first,) = _issue(services, 1)
    services.tickets.call_next("sogo", 3)
    assert services.tickets.recall(first, 3).recall_count == 1


def test_a_ticket_left_open_on_an_earlier_day_does_not_block_today(
    services: Any, clock: Any
) -> None:
    (old,) = _issue(services, 1)
    services.tickets.call_next("sogo", 3)
    clock.set(clock.now() + timedelta(days=1))  # Wednesday: sogo is open
    (today,) = _issue(services, 1)
    assert services.tickets.call_next("sogo", 3).id == today
    assert services.tickets.get(old).state == "called"


def _press_f3(
    tickets: Any, barrier: threading.Barrier, won: list[int], refused: list[str], errors: list[str]
) -> None:
    barrier.wait(timeout=DEADLINE)
    try:
        won.append(tickets.call_next("sogo", 3, "S001").id)
    except MadoguchiError as exc:
        (refused if exc.key == "err.counter_busy" else errors).append(exc.key)


def test_two_terminals_of_one_counter_calling_at_once(services: Any) -> None:
    """Both press F3 at the same moment, ten times over: one call wins each round, the other
    is refused by the rule, never two open tickets."""
    _issue(services, 20)
    tickets = services.tickets
    for _ in range(10):
        barrier = threading.Barrier(2)
        won: list[int] = []
        refused: list[str] = []
        errors: list[str] = []
        threads = [
            threading.Thread(target=_press_f3, args=(tickets, barrier, won, refused, errors))
            for _ in range(2)
        ]
        for t in threads:
            t.start()
        join_all(threads)
        assert errors == [] and len(won) == 1 and refused == ["err.counter_busy"]
        open_now = tickets.open_at_counter("sogo", 3)
        assert [t.id for t in open_now] == won
        tickets.start(won[0], 3)
        tickets.finish(won[0], "renewed", 3)


# -- on the command line ------------------------------------------------------------------


@pytest.fixture
def home(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    from queue_app.cli import main

    monkeypatch.setenv("MADOGUCHI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MADOGUCHI_CONFIG", str(tmp_path / "madoguchi.toml"))
    monkeypatch.setenv("MADOGUCHI_NOW", "2026-12-01T09:00:00+09:00")
    assert main(["init"]) == 0
    return tmp_path


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from queue_app.cli import main

    capsys.readouterr()
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


STAFF = ("--office", "sogo", "--staff", "S001")


def test_cli_refuses_a_second_call_naming_the_open_ticket(
    home: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(2):
        assert _cli(capsys, "ticket", "issue", "--office", "sogo", "--service", "ecert")[0] == 0
    assert _cli(capsys, "ticket", "call", "--counter", "3", *STAFF)[0] == 0
    code, out, err = _cli(capsys, "ticket", "call", "--counter", "3", *STAFF)
    assert code == 2 and "Traceback" not in err
    assert "A-001" in err and "呼出中" in err and "3番窓口" in err
    assert "ticket finish" in err or "finish|no-show|requeue" in err
    code, _, err = _cli(capsys, "ticket", "call", "--counter", "3", "--ticket", "A-002", *STAFF)
    assert code == 2 and "A-001" in err
    assert _cli(capsys, "ticket", "no-show", "A-001", *STAFF)[0] == 0
    code, out, _ = _cli(capsys, "ticket", "call", "--counter", "3", *STAFF)
    assert code == 0 and "A-002" in out


def test_cli_says_when_only_other_procedures_wait(
    home: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _cli(capsys, "ticket", "issue", "--office", "sogo", "--service", "moving")[0] == 0
    code, out, _ = _cli(capsys, "ticket", "call", "--counter", "3", *STAFF)
    assert code == 0 and "1 人" in out and "この窓口では扱わない手続" in out
    code, out, _ = _cli(capsys, "ticket", "call", "--counter", "5", *STAFF)
    assert code == 0 and "C-001" in out
    code, out, _ = _cli(capsys, "ticket", "call", "--counter", "3", *STAFF, "--lang", "en")
    assert code == 0 and out.strip() == "nobody is waiting"


def test_cli_warns_at_the_last_recall(home: Any, capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli(capsys, "ticket", "issue", "--office", "sogo", "--service", "ecert")[0] == 0
    assert _cli(capsys, "ticket", "call", "--counter", "3", *STAFF)[0] == 0
    outs = [_cli(capsys, "ticket", "recall", "A-001", *STAFF)[1] for _ in range(3)]
    assert ["最後の呼び出し" in out for out in outs] == [False, False, True]
    code, out, _ = _cli(capsys, "ticket", "recall", "A-001", *STAFF)
    assert code == 0 and "不在" in out
