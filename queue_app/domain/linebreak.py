"""Breaking Japanese text into lines by the rules (禁則処理). Pure: no I/O.

Where the app lays out text itself (a message box, a slip, the display's notices), lines are
cut at a width in terminal cells (a kanji or kana is two cells, ASCII one). Japanese may
break between any two characters, except that

* no line starts with a closing bracket, a comma or full stop, a small kana, a prolonged
  sound mark or a middle dot (行頭禁則: 。、」』）ー・ っ ...);
* no line ends with an opening bracket (行末禁則: 「『（ ...);
* a run of ASCII letters, digits and signs (``R-RYRE``, ``2027-05-07``, ``10:30``) stays whole
  unless it alone is wider than a line.

A terminal cannot hang punctuation past the edge (ぶら下げ), so the rule is kept by pushing
the character before the break onto the next line (追い出し). Spaces at a break vanish.
"""

from __future__ import annotations

import re
import unicodedata

LINE_START_FORBIDDEN = frozenset(
    "、。，．,.:;!?)]}）］｝〕〉》」』】〙〗〟’”｠»"
    "：；！？‐゠–〜～ー・･…‥ヽヾゝゞ々〻"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
)
LINE_END_FORBIDDEN = frozenset("([{（［｛〔〈《「『【〘〖〝‘“｟«")

_TOKEN = re.compile(r"[ \t\u3000]+|[\x21-\x7e]+|.", re.DOTALL)


def cell_width(text: str) -> int:
    """Terminal cells: wide and full-width characters take two, combining marks none."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return width


def _tokens(text: str, width: int) -> list[tuple[int, str]]:
    """Unbreakable pieces with their offsets: a space run, an ASCII run (cut if wider than a
    line), a character."""
    pieces: list[tuple[int, str]] = []
    for match in _TOKEN.finditer(text):
        token, at = match.group(), match.start()
        while cell_width(token) > width and len(token) > 1:
            cut = 1
            while cut < len(token) and cell_width(token[: cut + 1]) <= width:
                cut += 1
            pieces.append((at, token[:cut]))
            token, at = token[cut:], at + cut
        pieces.append((at, token))
    return pieces


def _is_space(token: str) -> bool:
    return token.isspace()


def can_break_between(before: str, after: str) -> bool:
    """Whether a line may end after `before` and the next start with `after` (non-empty)."""
    if _is_space(before) or _is_space(after):
        return not (after.lstrip() and after.lstrip()[0] in LINE_START_FORBIDDEN)
    return before[-1] not in LINE_END_FORBIDDEN and after[0] not in LINE_START_FORBIDDEN


def _span(line: list[tuple[int, str]]) -> tuple[int, int]:
    """Start and end offsets of a line's tokens, trailing spaces left out."""
    kept = list(line)
    while len(kept) > 1 and _is_space(kept[-1][1]):
        kept.pop()
    start = kept[0][0]
    last_at, last = kept[-1]
    end = last_at + (0 if _is_space(last) else len(last))
    return start, max(start, end)


def _spans_of_paragraph(text: str, width: int) -> list[tuple[int, int]]:
    tokens = _tokens(text, width)
    spans: list[tuple[int, int]] = []
    line: list[tuple[int, str]] = []
    used = 0
    i = 0
    while i < len(tokens):
        at, token = tokens[i]
        size = cell_width(token)
        if spans and not line and _is_space(token):
            i += 1  # a continuation line never starts with spaces
            continue
        if not line or used + size <= width or _is_space(token):
            line.append((at, token))
            used += size
            i += 1
            continue
        # `token` does not fit: find the last place in `line` where a break is allowed.
        cut = len(line)
        while cut > 0 and not can_break_between(
            line[cut - 1][1], line[cut][1] if cut < len(line) else token
        ):
            cut -= 1
        if cut == 0 or all(_is_space(t) for _, t in line[:cut]):
            cut = len(line)  # nowhere allowed: break at the edge rather than overflow
        spans.append(_span(line[:cut]))
        line = line[cut:]
        while line and _is_space(line[0][1]):
            line.pop(0)
        used = sum(cell_width(t) for _, t in line)
    if line:
        start, end = _span(line)
        if end > start or not spans:
            spans.append((start, end))
    elif not spans:
        spans.append((0, 0))
    return spans


def line_spans(text: str, width: int) -> list[tuple[int, int]]:
    """Where each line of `wrap(text, width)` lies in `text`: (start, end) offsets, so styled
    text (a rich Text) can be cut at the same places. Newlines end lines and are not part of
    any span; spaces at a break belong to no line."""
    if width < 1:
        raise ValueError("width must be at least 1")
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        spans.extend((offset + s, offset + e) for s, e in _spans_of_paragraph(paragraph, width))
        offset += len(paragraph) + 1
    return spans


def wrap(text: str, width: int) -> list[str]:
    """`text` cut into lines of at most `width` cells by the rules above; newlines are kept.

    A line is wider than `width` only when a single character is (width 1, a kanji).
    """
    return [text[start:end] for start, end in line_spans(text, width)]


def fill(text: str, width: int) -> str:
    """`wrap` joined with newlines."""
    return "\n".join(wrap(text, width))
