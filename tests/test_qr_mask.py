"""The QR's mask is chosen as the `qrcode` package chooses it, only faster (queue_app/qr_mask.py).

A phone must scan every ticket: the symbol is still made by `qrcode`, with the mask its own
penalty rule picks. These tests compare the fast choice, and the whole matrix, with the
package's for hundreds of texts of every length the tickets, slips and URLs use (QR
versions 1 to 15, so the version-information areas of 7+ are included).
"""

from __future__ import annotations

import random
import string

import qrcode
from qrcode.constants import ERROR_CORRECT_M

from queue_app import qr
from queue_app.domain.scan import qr_text
from queue_app.qr_mask import best_mask

ALPHABET = string.ascii_letters + string.digits + "./:-_?=&%"


def _texts() -> list[str]:
    rng = random.Random(17)
    texts = []
    for length in [1, 3, 7, 12, 20, 26, 34, 45, 52, 60, 77, 90, 99, 110, 130, 160, 200, 260, 320]:
        for _ in range(14):
            texts.append("".join(rng.choice(ALPHABET) for _ in range(length)))
    for _ in range(40):  # ticket tokens alone and inside the public address
        token = "SOGO." + "".join(rng.choice(string.ascii_uppercase + "234567") for _ in range(40))
        texts += [token, qr_text(token, "https://madoguchi.example.lg.jp/"), token.lower()]
    texts += ["0123456789" * 5, "窓口 番号 A-001", "HELLO WORLD 123"]  # numeric, kanji, alnum
    return texts


def _package(text: str, border: int = qr.QUIET_ZONE) -> qrcode.QRCode:  # type: ignore[type-arg]
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=border)
    code.add_data(text)
    code.make(fit=True)
    return code


def test_the_mask_is_the_one_the_package_chooses() -> None:
    versions = set()
    for text in _texts():
        code = qrcode.QRCode(error_correction=ERROR_CORRECT_M)
        code.add_data(text)
        code.best_fit()
        versions.add(code.version)
        assert best_mask(code) == code.best_mask_pattern(), text
    assert {1, 2, 5, 7, 10} <= versions  # small and large symbols were both compared


def test_the_matrix_and_half_blocks_equal_the_package_ones() -> None:
    for text in _texts()[::3]:
        expected = [list(row) for row in _package(text).get_matrix()]
        assert qr.matrix(text) == expected, text
        if len(expected) % 2:
            expected.append([False] * len(expected[0]))
        chars = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
        lines = [
            "".join(chars[t, b] for t, b in zip(top, bottom, strict=True))
            for top, bottom in zip(expected[0::2], expected[1::2], strict=True)
        ]
        assert qr.half_blocks(text) == lines


def test_half_blocks_are_a_fresh_list_each_time() -> None:
    first = qr.half_blocks("SOGO.TOKEN")
    first.append("changed")
    assert qr.half_blocks("SOGO.TOKEN")[-1] != "changed"


def test_the_files_use_the_same_symbol(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = qr_text("SOGO." + "A" * 40, "https://madoguchi.example.lg.jp")
    svg = qr.svg_bytes(text)
    code = _package(text, border=4)
    import io

    import qrcode.image.svg

    expected = io.BytesIO()
    code.make_image(image_factory=qrcode.image.svg.SvgPathFillImage).save(expected)
    assert svg == expected.getvalue()
    png = qr.write_png(text, tmp_path / "t.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
