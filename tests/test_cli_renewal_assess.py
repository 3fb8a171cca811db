"""`madoguchi renewal` and `madoguchi assess` through `queue_app.cli.main`.

Every test passes --today, so no configuration or clock is needed.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from queue_app.cli import main


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    code = main([*argv, "--json"])
    out = capsys.readouterr().out
    assert code == 0, out
    data = json.loads(out)
    assert isinstance(data, dict)
    return data


def run_text(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


# -- renewal ------------------------------------------------------------------------------


def test_renewal_page_example_too_early(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "renewal", "--expiry", "2027-03-24", "--today", "2026-12-01")
    assert data["window_start"] == "2026-12-25"
    assert data["window_end"] == "2027-03-24"
    assert data["status"] == "too_early"
    assert data["expiry"] == "2027-03-24"
    assert data["today"] == "2026-12-01"
    assert data["days_until_window"] == 24
    assert data["days_left"] is None
    assert isinstance(data["warning"], str) and "6" in data["warning"]


@pytest.mark.parametrize(
    ("expiry", "today", "start", "status", "has_warning"),
    [
        ("2026-05-31", "2026-03-01", "2026-03-01", "open", False),
        ("2026-05-30", "2026-02-28", "2026-03-01", "too_early", True),
        ("2026-08-31", "2026-08-31", "2026-06-01", "open", False),
        ("2026-03-31", "2026-04-01", "2026-01-01", "expired", True),
        ("2028-02-29", "2027-11-30", "2027-11-30", "open", False),
    ],
)
def test_renewal_json_cases(
    capsys: pytest.CaptureFixture[str],
    expiry: str,
    today: str,
    start: str,
    status: str,
    has_warning: bool,
) -> None:
    data = run_json(capsys, "renewal", "--expiry", expiry, "--today", today)
    assert (data["window_start"], data["window_end"], data["status"]) == (start, expiry, status)
    assert (data["warning"] is not None) == has_warning


def test_renewal_expired_warning_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys, "renewal", "--expiry", "2027-03-24", "--today", "2027-04-03", "--lang", "en"
    )
    assert data["status"] == "expired"
    assert data["days_since_expiry"] == 10
    assert "free" in str(data["warning"]) and "e-Tax" in str(data["warning"])


def test_renewal_text_japanese_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_text(capsys, "renewal", "--expiry", "2027-03-24", "--today", "2027-03-24")
    assert "更新手続期間: 2026-12-25 〜 2027-03-24" in out
    assert "更新手続期間中" in out
    assert "本日が有効期限日" in out
    assert "注意" not in out


def test_renewal_text_english(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_text(
        capsys, "--lang", "en", "renewal", "--expiry", "2027-03-24", "--today", "2026-12-01"
    )
    assert "renewal window: 2026-12-25 to 2027-03-24" in out
    assert "before the renewal window" in out
    assert "5th birthday" in out


def test_renewal_today_from_madoguchi_now(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MADOGUCHI_NOW", "2026-12-25T09:00:00+09:00")
    data = run_json(capsys, "renewal", "--expiry", "2027-03-24")
    assert data["today"] == "2026-12-25"
    assert data["status"] == "open"


# -- assess -------------------------------------------------------------------------------


def test_assess_self_serve_today(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "assess", "--visit", "self", "--brought", "card", "notice")
    assert data["decision"] == "serve_today"
    assert data["missing"] == []
    assert data["missing_labels"] == []
    assert data["inquiry_reason"] is None
    assert data["renewal"] is None
    assert data["warnings"] == []


def test_assess_brought_is_repeatable_and_multi_valued(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys,
        "assess",
        "--visit",
        "agent_with_answer",
        "--brought",
        "card",
        "notice",
        "--brought",
        "answer_form",
        "--brought",
        "photo_id",
    )
    assert data["decision"] == "serve_today"
    assert data["brought"] == ["card", "notice", "answer_form", "photo_id"]


def test_assess_comma_and_dash_spellings(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys, "assess", "--visit", "Agent-Second", "--brought", "card,answer-form,PHOTO_ID"
    )
    assert data["visit"] == "agent_second"
    assert data["decision"] == "serve_today"


def test_assess_cannot_proceed_lists_missing(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "assess", "--visit", "agent_second", "--brought", "nonphoto_id")
    assert data["decision"] == "cannot_proceed"
    assert data["missing"] == ["card", "answer_form", "photo_id"]
    labels = data["missing_labels"]
    assert isinstance(labels, list) and len(labels) == 3
    assert "マイナンバーカード" in labels[0]


def test_assess_agent_with_answer_nonphoto_hint(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys,
        "assess",
        "--visit",
        "agent_with_answer",
        "--brought",
        "card",
        "answer_form",
        "nonphoto_id",
        "--lang",
        "en",
    )
    assert data["decision"] == "cannot_proceed"
    assert data["missing"] == ["photo_id"]
    assert any("first-visit" in r for r in data["reasons"])


def test_assess_pin_reset_inquiry(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys, "assess", "--visit", "self", "--brought", "card", "--pin-sign", "locked"
    )
    assert data["decision"] == "document_inquiry"
    assert data["inquiry_reason_key"] == "assess.inquiry.pin_reset"
    assert "暗証番号の再設定" in str(data["inquiry_reason"])
    assert data["pin_sign"] == "locked"


def test_assess_pin_ignored_for_certificate_not_renewed(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys,
        "assess",
        "--visit",
        "self",
        "--brought",
        "card",
        "--pin-sign",
        "locked",
        "--renew",
        "user",
    )
    assert data["decision"] == "serve_today"
    assert data["renew"] == ["user"]


def test_assess_guardian_sign_needs_ward(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys,
        "assess",
        "--visit",
        "guardian",
        "--brought",
        "card",
        "photo_id",
        "registry_cert",
        "--renew",
        "sign",
    )
    assert data["decision"] == "cannot_proceed"
    assert data["missing"] == ["ward_present"]


def test_assess_card_expiring(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "assess", "--visit", "self", "--card-expiring")
    assert data["decision"] == "new_card_application"
    assert data["missing"] == []
    assert "交付申請書" in data["reasons"][0]


def test_assess_with_renewal_window(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys,
        "assess",
        "--visit",
        "agent_first",
        "--brought",
        "card",
        "nonphoto_id",
        "--expiry",
        "2027-03-24",
        "--today",
        "2026-12-01",
    )
    assert data["decision"] == "document_inquiry"
    assert data["inquiry_reason_key"] == "assess.inquiry.agent_first"
    renewal = data["renewal"]
    assert isinstance(renewal, dict)
    assert renewal["window_start"] == "2026-12-25"
    assert renewal["status"] == "too_early"
    assert "renewal.warn.too_early" in data["warning_keys"]


def test_assess_text_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_text(
        capsys,
        "assess",
        "--visit",
        "guardian",
        "--brought",
        "card",
        "registry_cert",
        "--renew",
        "user",
    )
    assert "来庁者: 成年後見人" in out
    assert "判定: 文書照会" in out
    assert "顔写真付き本人確認書類のない成年後見人" in out


def test_assess_text_english(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_text(capsys, "assess", "--lang", "en", "--visit", "agent_second", "--brought", "card")
    assert "visitor: agent, second visit" in out
    assert "decision: cannot proceed today" in out
    assert "missing:" in out
    assert "government-issued photo ID" in out


# -- bad input: exit code 2 and a clear message ------------------------------------------


@pytest.mark.parametrize(
    ("argv", "needles"),
    [
        (
            ["assess", "--visit", "robot"],
            ["--visit", "robot", "self", "agent_with_answer", "guardian"],
        ),
        (
            ["assess", "--visit", "self", "--brought", "card", "passport"],
            ["--brought", "passport", "photo_id", "nonphoto_id", "registry_cert"],
        ),
        (
            ["assess", "--visit", "self", "--pin-user", "maybe"],
            ["--pin-user", "maybe", "known", "forgotten", "locked"],
        ),
        (
            ["assess", "--visit", "self", "--renew", "all"],
            ["--renew", "all", "user", "sign", "both"],
        ),
        (
            ["assess", "--visit", "self", "--expiry", "2027-02-30", "--today", "2027-01-01"],
            ["--expiry", "2027年2月30日"],
        ),
        (
            ["renewal", "--expiry", "24/03/2027", "--today", "2026-12-01"],
            ["--expiry", "R9.5.7", "令和9年5月7日"],
        ),
        (
            ["renewal", "--expiry", "2027-03-24", "--today", "tomorrow"],
            ["--today", "2027/5/7"],
        ),
    ],
)
def test_bad_values_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], needles: list[str]
) -> None:
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err.startswith("madoguchi: ")
    for needle in needles:
        assert needle in captured.err


def test_bad_value_message_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["assess", "--lang", "en", "--visit", "self", "--brought", "passport"])
    err = capsys.readouterr().err
    assert code == 2
    assert "--brought: 'passport' is not allowed; choose from card, notice" in err


def test_bad_value_message_in_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", "--visit", "robot"]) == 2
    assert "使える値" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["renewal", "--today", "2026-12-01"], "--expiry"),
        (["assess", "--brought", "card"], "--visit"),
        (["assess", "--visit", "self", "--brought"], "--brought"),
    ],
)
def test_missing_flags_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], needle: str
) -> None:
    with pytest.raises(SystemExit) as excinfo:
        main(argv)
    assert excinfo.value.code == 2
    assert needle in capsys.readouterr().err


def test_no_pin_value_flag(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["assess", "--help"])
    help_text = capsys.readouterr().out
    assert "--pin-user" in help_text and "--pin-sign" in help_text
    assert "--pin " not in help_text and "--pin=" not in help_text
