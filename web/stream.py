"""A lean server-sent-events response: one task per open page, nothing else.

Every waiting visitor keeps a stream open all morning, so its cost is what limits how many
phones one process holds. Per stream this keeps one generator and one small watcher task (it
turns the client's disconnect into a cancellation, so the stream ends at once and its
subscription is released); a comment line every `ping` seconds keeps proxies from closing an
idle connection (the hub offers that tick to every queue, so no timer per stream). Event framing follows the HTML standard (`event:`, `data:` per line, `retry:`).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

from web.security import Receive, Scope, Send

PING = b": ping\n\n"


@dataclass(frozen=True)
class Event:
    data: str
    event: str = "update"
    retry: int | None = None

    def encode(self) -> bytes:
        lines = [f"event: {self.event}"]
        if self.retry is not None:
            lines.append(f"retry: {self.retry}")
        lines += [f"data: {line}" for line in self.data.splitlines() or [""]]
        return ("\n".join(lines) + "\n\n").encode("utf-8")


class EventStream:
    media_type = "text/event-stream"

    def __init__(self, events: AsyncIterator[Event | None]) -> None:
        self.events = events  # None: a keep-alive comment (the hub sends one every 15 s)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        main = asyncio.current_task()

        async def watch() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass
            if main is not None:
                main.cancel()  # the visitor left: end the stream now

        watcher = asyncio.create_task(watch())
        try:
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [
                        (b"content-type", b"text/event-stream; charset=utf-8"),
                        (b"cache-control", b"no-store"),
                        (b"x-accel-buffering", b"no"),  # nginx: pass events on at once
                    ],
                }
            )
            async for item in self.events:
                body = PING if item is None else item.encode()
                await send({"type": "http.response.body", "body": body, "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        except asyncio.CancelledError:
            pass  # the client went away (or the server is stopping)
        finally:
            watcher.cancel()
            with contextlib.suppress(Exception):
                await self.events.aclose()  # type: ignore[attr-defined]
