"""Keys as a terminal delivers them: in a burst, before the app has handled the first.

`pilot.press` waits until each key has been handled, which hides every race between a key
and the focus change it causes. A terminal (a fast typist, a USB scanner, tmux send-keys)
hands the app several keys at once: `burst` posts them all to the app's queue in one go.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.keys import _character_to_key

from tests.waiting import workers_done

NAMED = {"tab": "\t", "enter": "\r", "space": " ", "escape": "\x1b", "backspace": "\x7f"}


def key_event(key: str) -> events.Key:
    if len(key) == 1:
        return events.Key(_character_to_key(key), key)
    return events.Key(key, NAMED.get(key))


def burst(app: Any, keys: list[str]) -> None:
    """Post every key at once, as the terminal driver does."""
    for key in keys:
        app.post_message(key_event(key))


def typed(text: str) -> list[str]:
    return list(text)


def tabs_to(screen: Any, widget_id: str) -> int:
    """How many Tabs move the focus from the focused widget to `widget_id`."""
    chain = screen.focus_chain
    here = chain.index(screen.focused) if screen.focused in chain else -1
    target = next(i for i, w in enumerate(chain) if w.id == widget_id)
    return (target - here) % len(chain)


async def calm(pilot: Any, rounds: int = 3) -> None:
    """Let workers finish and their messages be handled. A worker cancelled by a newer one
    of its group (the reception's polling is exclusive) is not a failure here."""
    for _ in range(rounds):
        await workers_done(pilot.app)
        await pilot.pause()
