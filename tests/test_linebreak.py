"""Japanese line breaking by the rules (禁則処理): pure, terminal cells, no hanging."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from queue_app.domain.linebreak import (
    LINE_END_FORBIDDEN,
    LINE_START_FORBIDDEN,
    cell_width,
    fill,
    line_spans,
    wrap,
)

NOTICE = "本人確認書類をお持ちください。照会書兼回答書（封をしたもの）が必要です。"


def test_cell_width() -> None:
    assert cell_width("A-12") == 4
    assert cell_width("受付") == 4
    assert cell_width("ｱ") == 1  # half-width katakana
    assert cell_width("が") == 2
    assert cell_width("か\u3099") == 2  # combining voiced mark takes no cell


def test_a_full_stop_never_starts_a_line() -> None:
    # A naive cut at 8 cells gives ["本人確認", "書類をお", "持ちくだ", "さい", "。..."]:
    # the full stop would start a line. The last kana goes down with it instead.
    lines = wrap("本人確認書類をお持ちください。次へ", 8)
    assert lines == ["本人確認", "書類をお", "持ちくだ", "さい。次", "へ"]
    lines = wrap("お持ちください。", 14)
    assert lines == ["お持ちくださ", "い。"]


@pytest.mark.parametrize("mark", ["。", "、", "」", "）", "』", "ー", "っ", "ゃ", "・", "？", "！"])
def test_no_line_starts_with_a_closing_mark(mark: str) -> None:
    for width in range(4, 24):
        lines = wrap(f"あいうえおかきくけこさしすせそ{mark}たちつてと", width)
        assert all(line[0] not in LINE_START_FORBIDDEN for line in lines[1:]), (width, lines)
        assert "".join(lines) == f"あいうえおかきくけこさしすせそ{mark}たちつてと"


def test_an_opening_bracket_never_ends_a_line() -> None:
    for width in range(4, 24):
        lines = wrap("ご来庁のときは「照会書兼回答書」をお持ちください", width)
        assert all(line[-1] not in LINE_END_FORBIDDEN for line in lines), (width, lines)


def test_ascii_runs_stay_whole_and_spaces_vanish_at_a_break() -> None:
    assert wrap("番号 R-RYRE でお呼びします", 12) == ["番号 R-RYRE", "でお呼びしま", "す"]
    assert wrap("The quick brown fox jumps", 10) == ["The quick", "brown fox", "jumps"]
    assert wrap("ABCDEFGHIJ", 4) == ["ABCD", "EFGH", "IJ"]  # wider than a line: cut


def test_newlines_are_kept_and_empty_text_is_one_empty_line() -> None:
    assert wrap("一行目\n\n三行目", 20) == ["一行目", "", "三行目"]
    assert wrap("", 10) == [""]
    assert fill("あいうえお。", 6) == "あいう\nえお。"
    assert fill("あいうえおか。", 6) == "あいう\nえお\nか。"


def test_width_must_be_positive() -> None:
    with pytest.raises(ValueError):
        wrap("あ", 0)


_PLAIN = st.sampled_from(list("あいうえお漢字窓口番号受付") + ["A-12番", "10:30に", "R9.5.7迄"])
_CLOSE = st.sampled_from(list("。、」）ーっ"))
_OPEN = st.sampled_from(list("「（"))
# A unit: an optional opening bracket, a plain piece, at most two closing marks. No unit is
# wider than 2 + 8 + 4 = 14 cells, so from 14 cells on the rules can always be kept.
_UNIT = st.tuples(st.lists(_OPEN, max_size=1), _PLAIN, st.lists(_CLOSE, max_size=2)).map(
    lambda t: "".join(t[0]) + t[1] + "".join(t[2])
)


@settings(max_examples=200)
@given(st.lists(_UNIT, min_size=1, max_size=40).map("".join), st.integers(14, 60))
def test_properties(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert "".join(lines) == text  # nothing lost, nothing added
    assert all(cell_width(line) <= width for line in lines)
    assert all(line and line[0] not in LINE_START_FORBIDDEN for line in lines[1:])
    assert all(line[-1] not in LINE_END_FORBIDDEN for line in lines if line)
    # the rules only push characters down: no line but the last is shorter than the width
    # by a whole unit (at most 14 cells)
    assert all(cell_width(line) > width - 14 for line in lines[:-1])


@given(st.text(max_size=80), st.integers(1, 40))
def test_any_text_wraps_without_losing_characters(text: str, width: int) -> None:
    text = text.replace("\r", "")
    lines = wrap(text, width)
    kept = "".join(ch for ch in "".join(lines) if not ch.isspace())
    assert kept == "".join(ch for ch in text if not ch.isspace())
    assert all(cell_width(line) <= max(width, 2) for line in lines)


@given(
    st.text(alphabet=st.sampled_from(list("あい。、「」 AB-\n")), max_size=60), st.integers(1, 20)
)
def test_line_spans_point_at_the_lines(text: str, width: int) -> None:
    spans = line_spans(text, width)
    assert [text[s:e] for s, e in spans] == wrap(text, width)
    assert all(0 <= s <= e <= len(text) for s, e in spans)
    assert spans == sorted(spans)
