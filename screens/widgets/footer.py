"""The key footer every screen shows, without the framework's leak.

Textual's `Footer` rebuilds its keys (`recompose`) whenever the screen's bindings change:
every push or pop of a dialog, every move of the focus. Each new `FooterKey` is bound to
the footer's `compact` (`data_bind`), which stores a watcher `(key, callback)` on the
footer itself; Textual prunes the watchers of removed keys only when `compact` changes,
which it never does (Textualize/textual#6666, open). So a reception kept every key it had
ever shown: measured with `bench/reception_latency.py`, about 12,000 objects more per issued
ticket (~800 rendered strips with their caches), a heap that grew all day, and garbage
collections that took longer with every ticket (up to 1.4 s each after 30 tickets).

`KeyFooter` drops the watchers of keys that are closed once each rebuild is done. It uses
only what the framework's own pruning uses (`__watchers`, `_closing`, `_closed`); when a
Textual release stops storing them there, the loop finds nothing and does nothing, and
`tests/test_footer_leak.py` says so.
"""

from __future__ import annotations

from textual.dom import DOMNode
from textual.widgets import Footer


def drop_closed_watchers(node: DOMNode) -> int:
    """Forget the watchers on `node` whose watching node has closed; return how many."""
    watchers = getattr(node, "__watchers", None)
    if not isinstance(watchers, dict):
        return 0
    dropped = 0
    for entries in watchers.values():
        kept = [
            (watcher, callback)
            for watcher, callback in entries
            if not (getattr(watcher, "_closing", False) or getattr(watcher, "_closed", False))
        ]
        dropped += len(entries) - len(kept)
        entries[:] = kept
    return dropped


class KeyFooter(Footer):
    """`Footer` whose rebuilt keys are released (see the module's docstring)."""

    async def recompose(self) -> None:
        await super().recompose()
        drop_closed_watchers(self)
