"""Issue 16, "smaller, all to fix": configuration integers have sane upper bounds, the
English closed-office message names the office in English, the field validator itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from queue_app.config import default_text, load_config
from queue_app.domain.errors import ConfigError, DomainError, InputError
from queue_app.domain.fields import MAX_ID, check_field, check_id, new_nonce, new_request_id
from queue_app.services import IssueRequest


@pytest.mark.parametrize(
    ("table", "key", "value"),
    [
        ("general", "target_wait_minutes", 10**12),
        ("general", "recall_limit", 10**9),
        ("general", "estimate_window_minutes", 2**63),
        ("inquiry", "purge_after_days", 10**7),
        ("inquiry", "seats_per_slot", 10**6),
        ("inquiry", "slot_minutes", 100_000),
        ("display", "crowded_minutes", 10**8),
    ],
)
def test_configuration_integers_have_upper_bounds(
    tmp_path: Path, table: str, key: str, value: int
) -> None:
    path = tmp_path / "madoguchi.toml"
    path.write_text(f"[{table}]\n{key} = {value}\n", "utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(str(path), env={})
    assert "at most" in err.value.message("en")
    assert key in err.value.message("en")


def test_default_configuration_is_within_the_bounds() -> None:
    assert "[general]" in default_text()
    load_config(env={})


def test_counter_and_service_minutes_bounded(tmp_path: Path) -> None:
    text = default_text().replace("{ number = 1,", "{ number = 100000,", 1)
    path = tmp_path / "madoguchi.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(ConfigError):
        load_config(str(path), env={})


def test_closed_office_message_in_english_names_the_office_in_english(
    services: Any, clock: Any
) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    clock.set(datetime(2026, 12, 5, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo")))  # a Saturday
    with pytest.raises(DomainError) as err:
        services.tickets.issue(IssueRequest("sogo", "ecert"))
    english = err.value.message("en")
    assert "Citizen Services Division" in english and "総合窓口課" not in english
    assert "総合窓口課" in err.value.message("ja")


# -- the validator ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "key"),
    [
        ("staff", "S" * 17, "err.field_length"),
        ("staff", "山田", "err.field_charset_code"),
        ("staff", "S\udcff1", "err.field_charset_text"),
        ("request_id", "k-123456789012", "err.personal_number"),
        ("override", "line\nbreak", "err.field_charset_text"),
        ("override", "番号 1234-5678-9012", "err.personal_number"),
        ("override", "x" * 191, "err.field_length"),
        ("decision", 12, "err.field_type"),
    ],
)
def test_check_field_refuses_without_echo(field: str, value: Any, key: str) -> None:
    with pytest.raises(InputError) as err:
        check_field(field, value)
    assert err.value.key == key
    for lang in ("ja", "en"):
        text = err.value.message(lang)
        assert field in text
        if isinstance(value, str) and len(value) > 3:
            assert value not in text


def test_check_field_accepts_ordinary_values() -> None:
    assert check_field("staff", " S001 ") == "S001"
    assert check_field("override", "停電のため 臨時受付") == "停電のため 臨時受付"
    assert check_field("request_id", "kiosk1-0001") == "kiosk1-0001"
    assert check_field("staff", None) is None


@pytest.mark.parametrize("value", ["0", "-1", str(MAX_ID + 1), str(2**63), "１２", "1e3", "", 0])
def test_check_id_range(value: Any) -> None:
    with pytest.raises(InputError):
        check_id(value)


def test_generated_values_pass_the_validator() -> None:
    for _ in range(200):
        assert check_field("request_id", new_request_id())
        nonce = new_nonce()
        assert len(nonce) == 16 and nonce.isalnum() and nonce.isupper()


# -- the token names one issuance ---------------------------------------------------------------


def test_token_carries_the_tickets_nonce_and_verify_checks_it(services: Any) -> None:
    from sqlalchemy import text

    from queue_app.domain.errors import DomainError

    first = services.tickets.issue(IssueRequest("sogo", "ecert"))
    second = services.tickets.issue(IssueRequest("sogo", "ecert"))
    nonce = first.ticket.nonce
    assert nonce and nonce != second.ticket.nonce
    assert first.token.split(".")[6] == nonce  # MDG1.T.office.day.id.label.NONCE.sig
    assert "nonce" not in first.ticket.to_json()
    assert services.tickets.verify_token(first.token, "sogo").id == first.ticket.id
    # the same id, number and day issued again (what a restore without care would do)
    with services.engine.begin() as conn:
        conn.execute(
            text("UPDATE ticket SET nonce = 'AAAAAAAAAAAAAAAA' WHERE id = :i"),
            {"i": first.ticket.id},
        )
    with pytest.raises(DomainError) as err:
        services.tickets.verify_token(first.token, "sogo")
    assert err.value.key == "err.token_other_issuance"


def test_ticket_issued_before_the_nonce_keeps_its_token(services: Any) -> None:
    from sqlalchemy import text

    from queue_app.domain.errors import DomainError
    from queue_app.domain.tokens import TokenClaims, sign
    from tests.conftest import SECRET

    issued = services.tickets.issue(IssueRequest("sogo", "ecert")).ticket
    old = sign(
        SECRET,
        TokenClaims("T", "sogo", issued.service_day, issued.id, issued.display_number),
    )
    with pytest.raises(DomainError):  # the ticket has a nonce: a token without it is not its
        services.tickets.verify_token(old, "sogo")
    with services.engine.begin() as conn:
        conn.execute(text("UPDATE ticket SET nonce = NULL WHERE id = :i"), {"i": issued.id})
    assert services.tickets.verify_token(old, "sogo").id == issued.id
