"""The message catalogue loads its sections on demand (issue 17: `madoguchi renewal` must not
import the thirteen sections it never shows). What must not change: one key space, a
duplicate key is an error, every key resolves whatever was loaded before, and the table
saying which sections hold which prefixes (`PREFIXES`) matches the sections."""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from queue_app import i18n
from queue_app.i18n import CATALOG, PREFIXES, SECTIONS, section_tables

ROOT = Path(__file__).resolve().parent.parent


def _holders() -> dict[str, list[str]]:
    holders: dict[str, list[str]] = defaultdict(list)
    for name in SECTIONS:
        for table in section_tables(name):
            for key in table:
                prefix = key.partition(".")[0]
                if name not in holders[prefix]:
                    holders[prefix].append(name)
    return holders


def test_prefix_table_names_exactly_the_sections_holding_each_prefix() -> None:
    holders = _holders()
    assert {p: sorted(s) for p, s in holders.items()} == {p: sorted(s) for p, s in PREFIXES.items()}


def test_every_section_module_is_listed() -> None:
    on_disk = {
        p.stem.removeprefix("catalog_") for p in (ROOT / "queue_app/i18n").glob("catalog_*.py")
    }
    assert on_disk == set(SECTIONS)


def test_the_whole_catalogue_is_every_section_merged_in_order() -> None:
    expected = [key for name in SECTIONS for table in section_tables(name) for key in table]
    assert list(CATALOG) == expected  # no key twice (the merge raises), none lost
    assert all(i18n.t(key, "en") for key in CATALOG)


def test_a_duplicate_key_across_sections_is_refused() -> None:
    with pytest.raises(RuntimeError, match="defined twice: renewal.status.open"):
        i18n._merge(section_tables("assess")[0], {"renewal.status.open": {"ja": "x", "en": "x"}})


def _fresh(code: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_a_lookup_loads_only_the_sections_of_its_prefix() -> None:
    out = _fresh(
        "import sys\n"
        "from queue_app.i18n import t\n"
        "print(t('renewal.status.open', 'en'))\n"
        "print(sorted(m for m in sys.modules if m.startswith('queue_app.i18n.catalog_')))\n"
    )
    label, loaded = out.splitlines()
    assert label == i18n.t("renewal.status.open", "en")
    assert loaded == "['queue_app.i18n.catalog_assess']"


def test_a_key_outside_the_prefix_table_still_resolves() -> None:
    """Only speed depends on `PREFIXES`: a key it misses is found in the whole catalogue."""
    out = _fresh(
        "from queue_app import i18n\n"
        "i18n.PREFIXES.clear()\n"
        "print(i18n.t('renewal.status.open', 'en'), i18n.t('no.such.key', 'en'))\n"
    )
    assert out == f"{i18n.t('renewal.status.open', 'en')} no.such.key"


def test_threads_translating_at_once_see_every_key() -> None:
    """Screens translate from worker threads: loading sections concurrently loses nothing
    and never reports a key twice."""
    keys = [next(iter(table)) for name in SECTIONS for table in section_tables(name)]
    out = _fresh(
        "import threading\n"
        "from queue_app.i18n import t\n"
        f"keys = {keys!r}\n"
        "bad = []\n"
        "def work(i):\n"
        "    for k in keys[i:] + keys[:i]:\n"
        "        if t(k, 'en') == k: bad.append(k)\n"
        "threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]\n"
        "[th.start() for th in threads]; [th.join() for th in threads]\n"
        "print(bad)\n"
    )
    assert out == "[]"
