"""The scanner field tells a ticket QR, a slip QR, a slip's printed code and a number apart."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from queue_app.domain.inquiry import CODE_ALPHABET, make_code, normalize_code
from queue_app.domain.scan_kinds import ScanKind, classify_scan

PREFIXES = ("A", "B", "C", "D", "E")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("MDG1.P.eyJ4Ijoi.abc", ScanKind.SLIP_TOKEN),
        ("mdg1.p.eyJ4Ijoi.abc", ScanKind.SLIP_TOKEN),
        ("MDG1.T.eyJ4Ijoi.abc", ScanKind.TICKET_TOKEN),
        ("https://madoguchi.example.jp/t/MDG1.T.eyJ4Ijoi.abc", ScanKind.TICKET_TOKEN),
        ("https://madoguchi.example.jp/a/MDG1.P.eyJ4Ijoi.abc", ScanKind.SLIP_TOKEN),
        ("R-RYRE", ScanKind.SLIP_CODE),
        ("r-ryre", ScanKind.SLIP_CODE),
        ("RRYRE", ScanKind.SLIP_CODE),
        ("R RYRE", ScanKind.SLIP_CODE),
        ("Ｒ－ＲＹＲＥ", ScanKind.SLIP_CODE),  # a scanner set to full-width
        (" R-7K2Q ", ScanKind.SLIP_CODE),
        ("R-2345", ScanKind.SLIP_CODE),  # no service numbers with R here
        ("A-012", ScanKind.TICKET_NUMBER),
        ("a12", ScanKind.TICKET_NUMBER),
        ("B 7", ScanKind.TICKET_NUMBER),
        ("R-0RYE", ScanKind.UNKNOWN),  # 0 is not in the code alphabet
        ("hello world", ScanKind.UNKNOWN),
        ("", ScanKind.UNKNOWN),
    ],
)
def test_kinds(text: str, kind: ScanKind) -> None:
    assert classify_scan(text, PREFIXES) is kind


def test_a_service_numbered_r_keeps_its_numbers() -> None:
    assert classify_scan("R-2345", ("A", "R")) is ScanKind.TICKET_NUMBER
    assert classify_scan("R-RYRE", ("A", "R")) is ScanKind.SLIP_CODE


@given(st.lists(st.integers(0, len(CODE_ALPHABET) - 1), min_size=4, max_size=4))
def test_every_printed_code_is_a_slip_code(indexes: list[int]) -> None:
    code = make_code(indexes)
    for form in (code, code.lower(), code.replace("-", ""), code.replace("-", " ")):
        assert classify_scan(form, PREFIXES) is ScanKind.SLIP_CODE
        assert normalize_code(form) == code
