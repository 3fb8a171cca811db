"""Whole clerk flows on the reception screen, driven with Pilot at 80x24."""

from __future__ import annotations

from typing import Any

from textual.widgets import Button, Input, Select

from queue_app.domain.errors import DatabaseError
from screens.reception.modals import (
    IntakeScreen,
    IssuedTicketScreen,
    OutcomeScreen,
    ScheduleOfferScreen,
    StaffLoginScreen,
    TransferScreen,
)
from tests.test_reception_support import (
    events,
    issue,
    notifications,
    open_intake,
    reception,
    reception_app,
    settle,
    tick,
    wait_until,
)

SIZE = (80, 24)


async def close_ticket(pilot: Any) -> None:
    await pilot.press("escape")
    await pilot.pause()


async def test_self_visit_ticket_call_finish(sqlite_services: Any) -> None:
    svc = sqlite_services
    app = reception_app(svc, staff=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StaffLoginScreen)
        await pilot.press(*"S999", "enter")  # unknown code: refused, still asking
        await pilot.pause()
        assert isinstance(app.screen, StaffLoginScreen)
        await pilot.press(*"S002", "enter")
        await settle(pilot)
        screen = reception(pilot)
        assert screen.staff == "S002"

        intake = await open_intake(pilot)
        assert intake.plan().blocked  # nothing ticked yet: the card is missing
        await tick(pilot, "item-card")
        assert intake.assessment.decision.value == "serve_today"
        result = await issue(pilot)
        assert result.ticket.display_number == "A-001"
        assert result.ticket.visit_kind == "self"
        assert result.ticket.decision == "serve_today"
        assert result.ticket.staff == "S002"
        await close_ticket(pilot)

        await pilot.press("f3")  # call next
        await settle(pilot)
        assert screen.current is not None and screen.current.state == "called"
        assert screen.current.counter == 3
        svc.clock.advance(minutes=1)
        await pilot.press("f5")  # start
        await settle(pilot)
        assert screen.current.state == "serving"
        svc.clock.advance(minutes=12)
        await pilot.press("f6")  # finish: outcome picker, default 'renewed' for a same-day renewal
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.current is None
        done = svc.tickets.get(result.ticket.id)
        assert (done.state, done.outcome) == ("done", "renewed")
        trail = events(svc, done.id)
        assert [e.to_state for e in trail] == ["waiting", "called", "serving", "done"]
        assert {e.staff for e in trail} == {"S002"}  # every action stamped
        assert trail[-1].detail == "outcome:renewed"


async def test_agent_first_visit_ends_in_document_inquiry(sqlite_services: Any) -> None:
    svc = sqlite_services
    app = reception_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        intake = await open_intake(pilot)
        await tick(pilot, "visit-agent_first", "item-card", "item-nonphoto_id")
        assert intake.assessment.decision.value == "document_inquiry"
        assert not intake.query_one("#issue", Button).disabled
        result = await issue(pilot)
        assert (result.ticket.visit_kind, result.ticket.decision) == (
            "agent_first",
            "document_inquiry",
        )
        await close_ticket(pilot)
        for key in ("f3", "f5", "f6"):
            await pilot.press(key)
            await settle(pilot)
        assert isinstance(app.screen, OutcomeScreen)
        assert app.screen.default.value == "document_inquiry"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ScheduleOfferScreen))
        await pilot.press("escape")  # later (scheduling: tests/test_reception_inquiries.py)
        await settle(pilot)
        ticket = svc.tickets.get(result.ticket.id)
        assert ticket.outcome == "document_inquiry"
        assert events(svc, ticket.id)[-1].detail == "outcome:document_inquiry"
        assert any("文書照会として記録" in n for n in notifications(app))


async def test_guardian_without_photo_id(sqlite_services: Any) -> None:
    svc = sqlite_services
    app = reception_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        intake = await open_intake(pilot)
        await tick(pilot, "visit-guardian", "item-card", "item-registry_cert")
        # no photo ID: a document inquiry (the ward comes on the next visit), never
        # "cannot proceed" because the ward is not here today
        assert intake.assessment.decision.value == "document_inquiry"
        assert intake.assessment.missing == ()
        assert intake.assessment.inquiry_reason == "assess.inquiry.guardian_no_photo_id"
        assert "assess.reason.guardian_ward_next_visit" in intake.assessment.reasons
        result = await issue(pilot)
        assert (result.ticket.visit_kind, result.ticket.decision) == (
            "guardian",
            "document_inquiry",
        )


async def test_card_expiring_routed_to_new_card_application(sqlite_services: Any) -> None:
    svc = sqlite_services
    app = reception_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        intake = await open_intake(pilot)
        await tick(pilot, "item-card", "card-expiring")
        assert intake.assessment.decision.value == "new_card_application"
        plan = intake.plan()
        assert plan.service_id == "other" and not plan.blocked
        result = await issue(pilot)
        # no renewal ticket: the visitor queues for the application form (その他の手続)
        assert result.ticket.service_id == "other"
        assert result.ticket.display_number == "E-001"
        assert result.ticket.decision == "new_card_application"
        assert [t.service_id for t in svc.tickets.list("sogo")] == ["other"]


async def test_non_ecert_service_skips_assessment(sqlite_services: Any) -> None:
    app = reception_app(sqlite_services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        intake = await open_intake(pilot)
        await pilot.press("4")  # card pickup
        await pilot.pause()
        assert intake.service_id == "card_pickup"
        assert not intake.query_one("#assessment").display
        result = await issue(pilot)
        assert result.ticket.display_number == "D-001"
        assert (result.ticket.visit_kind, result.ticket.decision) == ("", "")


async def test_expiry_date_shows_the_window_at_once(sqlite_services: Any) -> None:
    app = reception_app(sqlite_services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        intake = await open_intake(pilot)
        expiry = intake.query_one("#expiry", Input)
        expiry.focus()
        await pilot.press(*"2027-01-15")
        await pilot.pause()
        status = str(intake.query_one("#expiry-status").render())
        assert "更新期間内" in status and "45" in status
        assert intake.service_id == "ecert"  # digits typed in the date did not switch service
        expiry.value = "2027-06-30"
        await pilot.pause()
        assert "更新期間前" in str(intake.query_one("#expiry-status").render())
        assert "renewal.warn.too_early" in intake.assessment.warnings


async def test_transfer_to_another_service(sqlite_services: Any) -> None:
    svc = sqlite_services
    app = reception_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_intake(pilot)
        await tick(pilot, "item-card")
        result = await issue(pilot)
        await close_ticket(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, TransferScreen)
        # services: ecert, certificate, moving, card_pickup, other -> card_pickup
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        await pilot.press("down", "enter")  # counter 3 (first counter that handles card pickup)
        await settle(pilot)
        moved = svc.tickets.get(result.ticket.id)
        assert (moved.state, moved.service_id, moved.target_counter) == (
            "waiting",
            "card_pickup",
            3,
        )
        assert events(svc, moved.id)[-1].detail == "transfer:ecert->card_pickup@3"
        assert reception(pilot).current is None


async def test_no_show_after_recalls_then_back_to_queue(sqlite_services: Any) -> None:
    svc = sqlite_services
    app = reception_app(svc)
    limit = svc.config.settings.recall_limit
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ticket = svc.tickets.issue(_req(svc)).ticket
        await pilot.press("f3")
        await settle(pilot)
        screen = reception(pilot)
        for n in range(1, limit + 1):
            await pilot.press("f4")
            await settle(pilot)
            assert screen.current.recall_count == n
        await pilot.press("f4")  # one more than the limit: asked first, then a no-show
        await settle(pilot)
        from screens.reception.modals.counter import LastRecallScreen

        assert isinstance(app.screen, LastRecallScreen)
        await pilot.press("1")
        await settle(pilot)
        gone = svc.tickets.get(ticket.id)
        assert gone.state == "no_show"
        assert events(svc, ticket.id)[-1].detail == "recall_limit"
        assert screen.current is None
        # the visitor comes back: type the number, put it back in the queue
        scan = screen.query_one("#scan", Input)
        scan.focus()
        await pilot.press(*"a-1", "enter")
        await settle(pilot)
        assert screen.opened is not None and screen.opened.id == ticket.id
        await pilot.press("f10")
        await settle(pilot)
        assert svc.tickets.get(ticket.id).state == "waiting"


async def test_explicit_no_show_key(sqlite_services: Any) -> None:
    svc = sqlite_services
    app = reception_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ticket = svc.tickets.issue(_req(svc)).ticket
        for key in ("f3", "f4", "f7"):
            await pilot.press(key)
            await settle(pilot)
        assert svc.tickets.get(ticket.id).state == "no_show"
        assert [e.detail for e in events(svc, ticket.id)][-2:] == ["recall:1", None]


def _req(svc: Any, service: str = "ecert", **kw: Any) -> Any:
    from queue_app.services import IssueRequest

    return IssueRequest(office_id="sogo", service_id=service, staff="S001", **kw)


async def test_scanner_valid_token_opens_and_calls(sqlite_services: Any) -> None:
    svc = sqlite_services
    app = reception_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        svc.tickets.issue(_req(svc))
        second = svc.tickets.issue(_req(svc))
        screen = reception(pilot)
        assert app.focused is screen.query_one("#scan", Input)  # the scanner field has focus
        await pilot.press(*second.token, "enter")  # the USB scanner types the token + Enter
        await settle(pilot)
        assert screen.opened is not None and screen.opened.display_number == "A-002"
        await pilot.press("f9")  # call this one (prefilled), out of order
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert screen.current is not None and screen.current.id == second.ticket.id
        assert svc.tickets.get(second.ticket.id).state == "called"
        assert svc.tickets.get(second.ticket.id - 1).state == "waiting"


async def test_scanner_forged_token_is_refused(sqlite_services: Any) -> None:
    svc = sqlite_services
    app = reception_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        good = svc.tickets.issue(_req(svc)).token
        body, sig = good.rsplit(".", 1)
        forged = body.replace(".A-001", ".A-002") + "." + sig
        screen = reception(pilot)
        await pilot.press(*forged, "enter")
        await settle(pilot)
        assert screen.opened is None and screen.current is None
        assert any("偽造" in n or "forged" in n.lower() or "署名" in n for n in notifications(app))
        await pilot.press(*(body + ".AAAAAAAAAAAAAAAA"), "enter")
        await settle(pilot)
        assert screen.opened is None


async def test_appointment_slip_goes_to_inquiries_or_says_why(sqlite_services: Any) -> None:
    svc = sqlite_services
    app = reception_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reception(pilot)
        screen.query_one("#scan", Input).value = "MDG1.P.sogo.20261201.1.P-1.AAAAAAAAAAAAAAAA"
        await pilot.press("enter")
        await settle(pilot)
        assert screen.opened is None
        assert notifications(app)  # an explanation: not installed, or the slip is refused


async def test_database_error_can_be_retried(sqlite_services: Any, monkeypatch: Any) -> None:
    svc = sqlite_services
    app = reception_app(svc)
    real = svc.tickets.call_next
    calls = {"n": 0}

    def flaky(*args: Any, **kw: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 1:
            raise DatabaseError("err.db_unavailable", problem="connection refused")
        return real(*args, **kw)

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ticket = svc.tickets.issue(_req(svc)).ticket
        monkeypatch.setattr(svc.tickets, "call_next", flaky)
        await pilot.press("f3")
        await settle(pilot)
        screen = reception(pilot)
        assert screen.current is None and screen.retry is not None
        assert any("Ctrl+R" in n for n in notifications(app))
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert screen.current is not None and screen.current.id == ticket.id


async def test_issue_retry_after_lost_reply_is_not_doubled(
    sqlite_services: Any, monkeypatch: Any
) -> None:
    """The commit happened but the reply was lost: the retry replays, one ticket only."""
    svc = sqlite_services
    app = reception_app(svc)
    real = svc.tickets.issue
    calls = {"n": 0}

    def lossy(request: Any, *a: Any, **kw: Any) -> Any:
        calls["n"] += 1
        result = real(request, *a, **kw)
        if calls["n"] == 1:
            raise DatabaseError("err.db_unavailable", problem="connection reset")
        return result

    monkeypatch.setattr(svc.tickets, "issue", lossy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        intake = await open_intake(pilot)
        await tick(pilot, "item-card")
        await pilot.press("f10")
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)  # the error is shown, the form stays
        assert not intake.query_one("#issue", Button).disabled
        result = await issue(pilot)
        assert result.replayed
        assert len(svc.tickets.list("sogo")) == 1


async def test_pin_status_is_a_status_never_a_value(sqlite_services: Any) -> None:
    app = reception_app(sqlite_services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        intake = await open_intake(pilot)
        await tick(pilot, "item-card")
        intake.query_one("#pin-user", Select).value = "locked"
        await pilot.pause()
        assert intake.assessment.decision.value == "document_inquiry"
        assert intake.assessment.inquiry_reason == "assess.inquiry.pin_reset"
        # the form has no field where a PIN could be typed
        assert [w.id for w in intake.query(Input)] == ["expiry"]


async def test_issued_ticket_files_are_written_and_printed(
    sqlite_services: Any, tmp_path: Any, monkeypatch: Any
) -> None:
    import dataclasses

    svc = sqlite_services
    log = tmp_path / "printed.txt"
    script = tmp_path / "fakelp.sh"
    script.write_text(f'#!/bin/sh\necho "$1" >> {log}\n')
    script.chmod(0o755)
    settings = dataclasses.replace(svc.config.settings, print_command=str(script))
    svc.config = dataclasses.replace(svc.config, settings=settings)
    svc.tickets.config = svc.config
    app = reception_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_intake(pilot)
        await tick(pilot, "item-card")
        await issue(pilot)
        await settle(pilot, 5)
        await wait_until(pilot, lambda: log.exists())
        assert isinstance(app.screen, IssuedTicketScreen)
        png = log.read_text().strip()
        assert png.endswith("sogo_2026-12-01_A-001.png")
        folder = tmp_path / "data" / "tickets"
        assert (folder / "sogo_2026-12-01_A-001.png").stat().st_size > 0
        assert "<svg" in (folder / "sogo_2026-12-01_A-001.svg").read_text()
