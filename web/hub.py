"""One live snapshot per office, fanned out to every open page of the server process.

The change feed (`queue_app.services.feed`, one thread) says which offices changed; the hub
recomputes each office's `OfficeLive` ONCE (in a worker thread, never two at a time for one
office) and offers it to every subscriber's bounded queue. A subscriber that cannot keep up
(its queue is full) is dropped, never allowed to grow memory: its browser reconnects and gets
the current state. A timer refreshes the offices every `tick` seconds for the clock-driven
parts (estimates, "reception ends in N min").

Connections are capped in total and per client address; beyond a cap `subscribe` raises
`StreamsFull` and the route answers 503 with a plain explanation.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from queue_app.services.feed import ChangeFeed
from queue_app.services.visitor import OfficeLive, VisitorService

log = logging.getLogger("madoguchi.web")

QUEUE_SIZE = 32  # snapshots are shared: a queued one costs a reference


class StreamsFull(Exception):
    def __init__(self, scope: str) -> None:
        super().__init__(scope)
        self.scope = scope  # "total" or "address"


@dataclass(eq=False)
class Subscriber:
    office_id: str
    address: str
    queue: asyncio.Queue[OfficeLive | None] = field(
        default_factory=lambda: asyncio.Queue(maxsize=QUEUE_SIZE)
    )
    dropped: bool = False


class LiveHub:
    def __init__(
        self,
        visitor: VisitorService,
        feed: ChangeFeed | None,
        *,
        max_streams: int,
        max_per_address: int,
        tick: float = 30.0,
        ping: float = 15.0,
    ) -> None:
        self.visitor = visitor
        self.feed = feed
        self.max_streams = max_streams
        self.max_per_address = max_per_address
        self.tick = tick
        self.ping = ping
        self.latest: dict[str, OfficeLive] = {}
        self.subscribers: dict[str, set[Subscriber]] = defaultdict(set)
        self.per_address: Counter[str] = Counter()
        self.total = 0
        self.dropped = 0
        self._dirty: set[str] = set()
        self._running: set[str] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ticker: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    # -- lifecycle ---------------------------------------------------------------------
    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        if self.feed is not None:
            self.feed.start(self._from_feed)
        self._ticker = asyncio.create_task(self._tick())

    async def stop(self) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
        if self.feed is not None:
            await asyncio.to_thread(self.feed.stop)

    @property
    def live_feed(self) -> bool:
        """True when the feed is running: cached snapshots are then current."""
        return self.feed is not None and self.feed.connected.is_set()

    def _from_feed(self, offices: frozenset[str]) -> None:  # the feed's thread
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self.changed, offices)

    async def _tick(self) -> None:
        """Every `ping` seconds a keep-alive for every stream (None in its queue); every
        `tick` seconds a refresh for the clock-driven parts."""
        since_refresh = 0.0
        while True:
            await asyncio.sleep(self.ping)
            for subs in list(self.subscribers.values()):
                for sub in list(subs):
                    self._offer(sub, None)
            since_refresh += self.ping
            if since_refresh >= self.tick:
                since_refresh = 0.0
                self.changed(frozenset(self.subscribers))

    # -- refreshing --------------------------------------------------------------------
    def changed(self, offices: frozenset[str]) -> None:
        """Some office changed: every office with open pages is refreshed (each page also
        shows the other offices' queues)."""
        watched = {o for o, subs in self.subscribers.items() if subs} | set(self.latest)
        for office in watched:
            self._dirty.add(office)
            if office not in self._running:
                task = asyncio.create_task(self._refresh(office))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)

    async def _refresh(self, office: str) -> None:
        self._running.add(office)
        try:
            while office in self._dirty:
                self._dirty.discard(office)
                try:
                    live = await asyncio.to_thread(self.visitor.live, office)
                except Exception as exc:  # the database is away: keep the last picture
                    log.warning("live refresh of %s failed: %s", office, type(exc).__name__)
                    return
                self.latest[office] = live
                self._publish(office, live)
        finally:
            self._running.discard(office)

    def _publish(self, office: str, live: OfficeLive) -> None:
        for sub in list(self.subscribers.get(office, ())):
            self._offer(sub, live)

    def _offer(self, sub: Subscriber, item: OfficeLive | None) -> None:
        try:
            sub.queue.put_nowait(item)
        except asyncio.QueueFull:
            sub.dropped = True  # too slow: let it go, its browser reconnects
            self.dropped += 1
            self.unsubscribe(sub)

    async def current(self, office: str, ticket_id: int | None = None) -> OfficeLive:
        """The office's snapshot for a page: the feed's cached one while the feed runs (and
        knows the ticket), else a fresh read."""
        live = self.latest.get(office)
        if live is not None and self.live_feed and (ticket_id is None or ticket_id in live.tickets):
            return live
        live = await asyncio.to_thread(self.visitor.live, office)
        if self.live_feed:
            self.latest[office] = live
        return live

    # -- subscribers -------------------------------------------------------------------
    def subscribe(self, office: str, address: str) -> Subscriber:
        if self.total >= self.max_streams:
            raise StreamsFull("total")
        if self.per_address[address] >= self.max_per_address:
            raise StreamsFull("address")
        sub = Subscriber(office, address)
        self.subscribers[office].add(sub)
        self.per_address[address] += 1
        self.total += 1
        return sub

    def unsubscribe(self, sub: Subscriber) -> None:
        subs = self.subscribers.get(sub.office_id)
        if subs is None or sub not in subs:
            return
        subs.discard(sub)
        self.total -= 1
        self.per_address[sub.address] -= 1
        if self.per_address[sub.address] <= 0:
            del self.per_address[sub.address]
