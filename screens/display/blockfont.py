"""A 5x7 block font for the waiting-room TV: ticket numbers readable from across a room.

Textual's `Digits` is three rows high and draws only 0-9 and A-F; on a large screen the
number must be bigger and any prefix letter (A-Z) must work. Each font pixel becomes two
terminal cells side by side (cells are about twice as tall as wide), so a glyph is 10
columns by 7 rows.
"""

from __future__ import annotations

GLYPHS: dict[str, tuple[str, ...]] = {
    "0": (" ### ", "#   #", "#  ##", "# # #", "##  #", "#   #", " ### "),
    "1": ("  #  ", " ##  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "),
    "2": (" ### ", "#   #", "    #", "   # ", "  #  ", " #   ", "#####"),
    "3": ("#####", "   # ", "  #  ", "   # ", "    #", "#   #", " ### "),
    "4": ("   # ", "  ## ", " # # ", "#  # ", "#####", "   # ", "   # "),
    "5": ("#####", "#    ", "#### ", "    #", "    #", "#   #", " ### "),
    "6": ("  ## ", " #   ", "#    ", "#### ", "#   #", "#   #", " ### "),
    "7": ("#####", "    #", "   # ", "  #  ", " #   ", " #   ", " #   "),
    "8": (" ### ", "#   #", "#   #", " ### ", "#   #", "#   #", " ### "),
    "9": (" ### ", "#   #", "#   #", " ####", "    #", "   # ", " ##  "),
    "A": (" ### ", "#   #", "#   #", "#####", "#   #", "#   #", "#   #"),
    "B": ("#### ", "#   #", "#   #", "#### ", "#   #", "#   #", "#### "),
    "C": (" ### ", "#   #", "#    ", "#    ", "#    ", "#   #", " ### "),
    "D": ("#### ", "#   #", "#   #", "#   #", "#   #", "#   #", "#### "),
    "E": ("#####", "#    ", "#    ", "#### ", "#    ", "#    ", "#####"),
    "F": ("#####", "#    ", "#    ", "#### ", "#    ", "#    ", "#    "),
    "G": (" ### ", "#   #", "#    ", "# ###", "#   #", "#   #", " ####"),
    "H": ("#   #", "#   #", "#   #", "#####", "#   #", "#   #", "#   #"),
    "I": (" ### ", "  #  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "),
    "J": ("  ###", "   # ", "   # ", "   # ", "   # ", "#  # ", " ##  "),
    "K": ("#   #", "#  # ", "# #  ", "##   ", "# #  ", "#  # ", "#   #"),
    "L": ("#    ", "#    ", "#    ", "#    ", "#    ", "#    ", "#####"),
    "M": ("#   #", "## ##", "# # #", "# # #", "#   #", "#   #", "#   #"),
    "N": ("#   #", "#   #", "##  #", "# # #", "#  ##", "#   #", "#   #"),
    "O": (" ### ", "#   #", "#   #", "#   #", "#   #", "#   #", " ### "),
    "P": ("#### ", "#   #", "#   #", "#### ", "#    ", "#    ", "#    "),
    "Q": (" ### ", "#   #", "#   #", "#   #", "# # #", "#  # ", " ## #"),
    "R": ("#### ", "#   #", "#   #", "#### ", "# #  ", "#  # ", "#   #"),
    "S": (" ####", "#    ", "#    ", " ### ", "    #", "    #", "#### "),
    "T": ("#####", "  #  ", "  #  ", "  #  ", "  #  ", "  #  ", "  #  "),
    "U": ("#   #", "#   #", "#   #", "#   #", "#   #", "#   #", " ### "),
    "V": ("#   #", "#   #", "#   #", "#   #", "#   #", " # # ", "  #  "),
    "W": ("#   #", "#   #", "#   #", "# # #", "# # #", "# # #", " # # "),
    "X": ("#   #", "#   #", " # # ", "  #  ", " # # ", "#   #", "#   #"),
    "Y": ("#   #", "#   #", " # # ", "  #  ", "  #  ", "  #  ", "  #  "),
    "Z": ("#####", "    #", "   # ", "  #  ", " #   ", "#    ", "#####"),
    "-": ("     ", "     ", "     ", " ### ", "     ", "     ", "     "),
    " ": ("     ", "     ", "     ", "     ", "     ", "     ", "     "),
    ":": ("     ", "  #  ", "  #  ", "     ", "  #  ", "  #  ", "     "),
    "/": ("    #", "    #", "   # ", "  #  ", " #   ", "#    ", "#    "),
    "→": ("     ", "  #  ", "   # ", "#####", "   # ", "  #  ", "     "),
}
HEIGHT = 7
GAP = 1  # font pixels between glyphs


def can_draw(text: str) -> bool:
    return bool(text) and all(ch.upper() in GLYPHS for ch in text)


def render(text: str, pixel: str = "██", pixel_height: int = 1) -> list[str]:
    """The text as HEIGHT x pixel_height lines of block characters (all the same width).

    A font pixel is `pixel` wide (2 cells by default: cells are about twice as tall as
    wide) and `pixel_height` rows high, so the number can grow with the panel."""
    blank = " " * len(pixel)
    lines = [""] * HEIGHT
    for index, ch in enumerate(text.upper()):
        glyph = GLYPHS[ch]
        for row in range(HEIGHT):
            if index:
                lines[row] += blank * GAP
            lines[row] += "".join(pixel if bit == "#" else blank for bit in glyph[row])
    return [line for line in lines for _ in range(max(1, pixel_height))]


def width(text: str, pixel_width: int = 2) -> int:
    if not text:
        return 0
    return (len(text) * 5 + (len(text) - 1) * GAP) * pixel_width


# Font pixel sizes (columns, rows), biggest first: the display takes the first that fits.
SCALES: tuple[tuple[int, int], ...] = ((6, 3), (4, 3), (4, 2), (3, 2), (2, 2), (2, 1), (1, 1))
