"""No PIN and no 個人番号 anywhere: not in the schema, not in free text, not in the CLI."""

from __future__ import annotations

import pytest
from sqlmodel import SQLModel

import db.models  # noqa: F401  (registers the tables)
from queue_app.cli import build_parser
from queue_app.domain.errors import InputError
from queue_app.domain.privacy import check_free_text, looks_like_personal_number


def test_schema_has_no_pin_or_personal_number_column() -> None:
    for table in SQLModel.metadata.tables.values():
        for column in table.columns:
            name = column.name.lower()
            assert "pin" not in name.replace("pinned", ""), f"{table.name}.{column.name}"
            for word in ("my_number", "mynumber", "kojin", "personal_number", "individual"):
                assert word not in name, f"{table.name}.{column.name}"


@pytest.mark.parametrize(
    "text",
    [
        "123456789012",
        "1234 5678 9012",
        "1234-5678-9012",
        "番号は１２３４５６７８９０１２です",
        "1234567890123",  # a digit too many still holds a 12-digit run (issue 16)
    ],
)
def test_twelve_digits_are_refused(text: str) -> None:
    assert looks_like_personal_number(text)
    with pytest.raises(InputError) as exc:
        check_free_text(text, "override")
    assert "個人番号" in exc.value.message("ja")


@pytest.mark.parametrize(
    "text", ["窓口混雑のため", "048-473-1111", "12345678901", "048-473-1111 内線 2345"]
)
def test_ordinary_text_passes(text: str) -> None:
    assert check_free_text(text, "note") == text


def test_no_cli_option_asks_for_a_pin() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    seen: list[str] = []

    def walk(p) -> None:  # type: ignore[no-untyped-def]
        for action in p._actions:
            seen.extend(action.option_strings)
            if hasattr(action, "choices") and isinstance(action.choices, dict):
                for child in action.choices.values():
                    walk(child)

    for child in sub.choices.values():  # type: ignore[union-attr]
        walk(child)
    pin_options = [o for o in seen if "pin" in o.lower()]
    # only PIN *status* options exist (known / forgotten / locked), never a PIN value
    assert set(pin_options) <= {"--pin-user", "--pin-sign"}


def test_override_reason_with_a_personal_number_is_refused(sqlite_services) -> None:  # type: ignore[no-untyped-def]
    from queue_app.services import IssueRequest

    with pytest.raises(InputError):
        sqlite_services.tickets.issue(
            IssueRequest("sogo", "ecert", override="本人番号 1234 5678 9012")
        )
    assert sqlite_services.tickets.list("sogo") == []
