"""Announcements: a chime, the text said twice, calls queued so they never overlap."""

from __future__ import annotations

import sys
import threading
import time

from queue_app.services.announce import Announcement, Announcer, speech_text
from tests.waiting import DEADLINE


def test_speech_text_ja_en():
    item = Announcement("A", 12, 3)
    assert speech_text(item, "ja") == "受付番号 A の12番の方、3番窓口へお越しください"
    assert speech_text(item, "en") == "Ticket number A 12, please come to counter 3."


def test_each_call_twice_in_order_never_overlapping():
    active = 0
    overlaps = 0
    said: list[list[str]] = []
    lock = threading.Lock()

    def runner(argv: list[str]) -> None:
        nonlocal active, overlaps
        with lock:
            active += 1
            overlaps += active > 1
        time.sleep(0.02)
        said.append(argv)
        with lock:
            active -= 1

    chimes: list[float] = []
    announcer = Announcer("say -v kyoko", "ja", chime=lambda: chimes.append(1), runner=runner)
    for n in (12, 13, 14):  # a burst, queued from the UI thread at once
        announcer.announce(Announcement("A", n, 3))
    assert announcer.join(DEADLINE)
    assert overlaps == 0
    assert len(chimes) == 3
    assert [a[:3] for a in said] == [["say", "-v", "kyoko"]] * 6
    texts = [a[-1] for a in said]
    assert texts == [
        "受付番号 A の12番の方、3番窓口へお越しください",
        "受付番号 A の12番の方、3番窓口へお越しください",
        "受付番号 A の13番の方、3番窓口へお越しください",
        "受付番号 A の13番の方、3番窓口へお越しください",
        "受付番号 A の14番の方、3番窓口へお越しください",
        "受付番号 A の14番の方、3番窓口へお越しください",
    ]
    announcer.close(wait=1)


def test_real_command_receives_the_text(tmp_path):
    out = tmp_path / "spoken.txt"
    script = tmp_path / "speak.py"
    script.write_text(
        f"import sys\nopen({str(out)!r}, 'a', encoding='utf-8').write(sys.argv[-1] + '\\n')\n",
        encoding="utf-8",
    )
    announcer = Announcer(f"{sys.executable} {script}", "en")
    announcer.announce(Announcement("B", 7, 1))
    assert announcer.join(DEADLINE)
    assert (
        out.read_text("utf-8").splitlines() == ["Ticket number B 7, please come to counter 1."] * 2
    )
    announcer.close()


def test_broken_command_and_chime_do_not_stop_the_queue():
    def bad_chime() -> None:
        raise RuntimeError("no terminal")

    announcer = Announcer("/nonexistent/speaker", "ja", chime=bad_chime)
    announcer.announce(Announcement("A", 1, 3))
    announcer.announce(Announcement("A", 2, 4))
    assert announcer.join(DEADLINE)
    assert len(announcer.spoken) >= 2  # the second call still ran
    assert announcer.spoken[-1].startswith("受付番号 A の2番")
    announcer.close()


def test_no_command_only_chimes():
    chimes: list[int] = []
    announcer = Announcer("", "ja", chime=lambda: chimes.append(1))
    announcer.announce(Announcement("C", 5, 2))
    assert announcer.join(DEADLINE)
    assert chimes == [1]
    announcer.close()
