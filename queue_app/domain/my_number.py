"""Recognising a 12-digit 個人番号 (My Number) in a text: any run of 12 digits, spaces and
hyphens between digits ignored, full-width digits too. A longer run holds one as well (a
number typed with a digit too many, or pasted beside another) and counts the same. Pure
and importing nothing of the project, so the error messages (`errors.py`) and the guards
(`privacy.py`) both use it."""

from __future__ import annotations

import re

_DIGITS_12 = re.compile(r"(?:\d[\s\-‐－ー]?){11}\d")
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def looks_like_personal_number(text: str) -> bool:
    return bool(_DIGITS_12.search(text.translate(_FULLWIDTH)))
