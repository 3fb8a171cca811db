"""What the reception keeps alive and where it draws the ticket's QR (issue 17).

- The QR of an issued ticket is drawn in the issuing worker, not on the UI thread.
- A closed intake form leaves none of its rendered lines behind (screens/heap.py: Textual's
  `StylesCache.get_inner_outer` cache kept the last 1,024 widgets' lines alive).
"""

from __future__ import annotations

import gc
import threading
import weakref
from typing import Any

from tests.test_reception_support import issue, open_intake, reception_app, settle, tick


async def test_the_qr_is_drawn_in_the_worker(sqlite_services: Any, monkeypatch: Any) -> None:
    import screens.reception.modals.intake as intake
    from queue_app import qr
    from screens.reception.modals.issued import TicketQR

    on_ui_thread: list[bool] = []

    def recording(data: str, *args: Any) -> list[str]:
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        return qr.half_blocks(data, *args)

    monkeypatch.setattr(intake, "half_blocks", recording)
    drawn_by_widget: list[str] = []
    monkeypatch.setattr(TicketQR, "set_data", lambda self, data: drawn_by_widget.append(data))
    app = reception_app(sqlite_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_intake(pilot)
        await tick(pilot, "item-card")
        result = await issue(pilot)
        assert on_ui_thread == [False]
        assert drawn_by_widget == []
        shown = pilot.app.screen.query_one("#issued-qr", TicketQR)
        assert shown.lines == qr.half_blocks(result.qr)
        assert shown.data == result.qr


async def test_a_closed_intake_leaves_no_rendered_lines(sqlite_services: Any) -> None:
    app = reception_app(sqlite_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        caches = []
        for _ in range(2):
            form = await open_intake(pilot)
            await settle(pilot)
            widgets = form.query("#item-card, #visit, #intake-status")
            caches += [weakref.ref(widget._styles_cache) for widget in widgets]
            del widgets
            del form
            await pilot.press("escape")
            await settle(pilot)
        gc.collect()
        assert caches
        assert [i for i, ref in enumerate(caches) if ref() is not None] == []
