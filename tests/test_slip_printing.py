"""The second-visit slip: the service knows who comes back (what to bring), the slip files
are documents on white paper, and the scheduling screen prints the slip when it books
(issue 11: "the TUI prints slips")."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

from PIL import Image

from queue_app.services import IssueRequest
from screens.scheduling.screen import SchedulingScreen
from tests.inquiry_support import mailed_case
from tests.test_inquiry_screens import Host, settle, start

SVG = "{http://www.w3.org/2000/svg}"


def guardian_case(services: Any) -> Any:
    """A guardian without photo ID: a document inquiry."""
    t = services.tickets
    result = t.issue(
        IssueRequest("sogo", "ecert", visit_kind="guardian", decision="document_inquiry")
    )
    t.call(result.ticket.id, 3, "S001")
    t.start(result.ticket.id, 3, "S001")
    t.finish(result.ticket.id, "document_inquiry", 3, "S001")
    case = services.inquiries.open_case(result.ticket.id, "guardian_no_photo_id", staff="S001")
    return services.inquiries.mark_mailed(case.id, date(2026, 12, 1), "S001")


def book(services: Any, case_id: int) -> Any:
    return services.inquiries.book(case_id, "sogo", date(2026, 12, 4), 10 * 60, staff="S001")


def test_slip_of_a_guardian_lists_what_a_guardian_brings(sqlite_services: Any) -> None:
    case = guardian_case(sqlite_services)
    appt = book(sqlite_services, case.id)
    slip = sqlite_services.inquiries.slip(appt.id)
    assert (slip.visit_kind, slip.reason) == ("guardian", "guardian_no_photo_id")
    text = sqlite_services.inquiries.slip_text(appt.id, "ja", with_qr=False)
    assert "登記事項証明書" in text and "成年被後見人)のマイナンバーカード" in text
    assert "代理人" not in text.replace("成年後見人", "") and "顔写真付き" not in text


def test_slip_files_are_documents_on_white(sqlite_services: Any, tmp_path: Path) -> None:
    case = mailed_case(sqlite_services, date(2026, 12, 1))
    appt = book(sqlite_services, case.id)
    paths = sqlite_services.inquiries.write_slip(appt.id, tmp_path, "ja")
    image = Image.open(paths["png"]).convert("RGB")
    assert image.getpixel((0, 0)) == (255, 255, 255)
    root = ET.parse(paths["svg"]).getroot()
    first = next(iter(root))
    assert first.tag == f"{SVG}rect" and first.get("fill") == "#ffffff"
    texts = "".join(t.text or "" for t in root.iter(f"{SVG}text"))
    for part in (
        appt.code,
        "総合窓口課",
        "電子証明書の更新",
        "お持ちいただくもの",
        "代理人の官公署",
    ):
        assert part in texts, part


async def test_scheduling_screen_prints_the_slip_when_booked(sqlite_services: Any) -> None:
    case = mailed_case(sqlite_services, date(2026, 12, 1))
    screen = SchedulingScreen(case_id=case.id)
    app = Host(sqlite_services, screen)
    async with app.run_test(size=(100, 32)) as pilot:
        await start(app, pilot)
        cell = screen.cell_of(date(2026, 12, 4))
        assert cell is not None
        from textual.widgets import DataTable, OptionList

        table = screen.query_one("#month", DataTable)
        table.focus()
        table.move_cursor(row=cell[0], column=cell[1])
        await pilot.press("enter")
        await settle(app, pilot)
        slots = screen.query_one("#slots", OptionList)
        slots.focus()
        slots.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        await pilot.click("#confirm")
        await settle(app, pilot)
        code = sqlite_services.inquiries.get_case(case.id).appointment.code
    printed = Path(os.environ["MADOGUCHI_DATA_DIR"]) / "slips" / f"slip-{code}.png"
    assert printed.exists(), "the booked slip was not printed"
    assert Image.open(printed).convert("RGB").getpixel((0, 0)) == (255, 255, 255)
