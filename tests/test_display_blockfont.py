"""The TV's block font: every glyph the same size, any prefix letter drawable."""

from __future__ import annotations

import string

from screens.display import blockfont


def test_every_glyph_is_five_by_seven() -> None:
    for ch, glyph in blockfont.GLYPHS.items():
        assert len(glyph) == blockfont.HEIGHT, ch
        assert all(len(row) == 5 for row in glyph), ch


def test_all_prefix_letters_and_digits_are_drawable() -> None:
    assert blockfont.can_draw(string.ascii_uppercase + string.digits + "-")
    assert not blockfont.can_draw("ア-001")
    assert not blockfont.can_draw("")


def test_render_width_matches_width() -> None:
    lines = blockfont.render("A-012")
    assert len(lines) == 7
    assert {len(line) for line in lines} == {blockfont.width("A-012")}
    # the "1" has its foot across the bottom row, the dash is on the middle row only
    dash = lines[3][12:22]
    assert "██" in dash and all("██" not in line[12:22] for i, line in enumerate(lines) if i != 3)
