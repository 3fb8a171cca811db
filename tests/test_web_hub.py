"""The fan-out hub: one snapshot per change offered to every page of the office; a page that
cannot keep up is dropped (bounded memory); caps in total and per address."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from web.hub import QUEUE_SIZE, LiveHub, StreamsFull


class FakeVisitor:
    def __init__(self) -> None:
        self.reads = 0

    def live(self, office: str) -> Any:
        self.reads += 1
        return (office, self.reads)


def hub(**limits: int) -> tuple[LiveHub, FakeVisitor]:
    visitor = FakeVisitor()
    caps = {"max_streams": 10, "max_per_address": 3} | limits
    return LiveHub(visitor, None, **caps), visitor  # type: ignore[arg-type]


async def settle(h: LiveHub) -> None:
    while h._tasks:
        await asyncio.gather(*list(h._tasks))


async def test_one_read_per_change_for_every_page() -> None:
    h, visitor = hub()
    subs = [h.subscribe("sogo", f"10.0.0.{i}") for i in range(5)]
    h.changed(frozenset({"sogo"}))
    await settle(h)
    assert visitor.reads == 1
    assert {sub.queue.get_nowait() for sub in subs} == {("sogo", 1)}


async def test_a_page_that_cannot_keep_up_is_dropped() -> None:
    h, _visitor = hub()
    slow = h.subscribe("sogo", "10.0.0.1")
    quick = h.subscribe("sogo", "10.0.0.2")
    for _ in range(QUEUE_SIZE + 1):
        h.changed(frozenset({"sogo"}))
        await settle(h)
        quick.queue.get_nowait()  # this page reads what it gets
    assert slow.dropped and not quick.dropped
    assert slow not in h.subscribers["sogo"] and h.total == 1 and h.dropped == 1
    assert slow.queue.qsize() == QUEUE_SIZE  # bounded: never more than this


async def test_caps_in_total_and_per_address() -> None:
    h, _visitor = hub(max_streams=4, max_per_address=2)
    a = [h.subscribe("sogo", "10.0.0.1") for _ in range(2)]
    with pytest.raises(StreamsFull) as per_address:
        h.subscribe("sogo", "10.0.0.1")
    assert per_address.value.scope == "address"
    h.subscribe("sogo", "10.0.0.2")
    h.subscribe("station", "10.0.0.3")
    with pytest.raises(StreamsFull) as total:
        h.subscribe("sogo", "10.0.0.4")
    assert total.value.scope == "total"
    h.unsubscribe(a[0])
    h.unsubscribe(a[0])  # twice is harmless
    assert h.total == 3 and h.per_address["10.0.0.1"] == 1
    h.subscribe("sogo", "10.0.0.1")
