"""Keys delivered in a burst (a fast typist, a USB scanner, tmux) reach the field the clerk
tabbed to: typing right after a Tab is never lost."""

from __future__ import annotations

from textual.widgets import Input

from tests.keyboard_support import burst, tabs_to, typed
from tests.test_reception_support import open_intake, reception_app, settle


async def test_typing_right_after_tabbing_into_the_expiry_field(sqlite_services) -> None:  # type: ignore[no-untyped-def]
    app = reception_app(sqlite_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        intake = await open_intake(pilot)
        await settle(pilot)
        before = intake.service_id
        burst(app, ["tab"] * tabs_to(intake, "expiry") + typed("2027-05-07"))
        await settle(pilot)
        assert app.focused is intake.query_one("#expiry", Input)
        assert intake.query_one("#expiry", Input).value == "2027-05-07"
        assert intake.service_id == before  # the digits did not pick another service


async def test_shift_tab_in_a_burst_too(sqlite_services) -> None:  # type: ignore[no-untyped-def]
    app = reception_app(sqlite_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        intake = await open_intake(pilot)
        await settle(pilot)
        burst(app, ["tab"] * (tabs_to(intake, "expiry") + 1) + ["shift+tab"] + typed("R9.5.7"))
        await settle(pilot)
        assert intake.query_one("#expiry", Input).value == "R9.5.7"


async def test_space_in_a_burst_ticks_the_box_it_was_typed_on(sqlite_services) -> None:  # type: ignore[no-untyped-def]
    """Space is a binding of the checkbox: it came back to the app after the later Tabs had
    moved the focus, and ticked the last box three times instead of three boxes once."""
    from textual.widgets import Checkbox

    app = reception_app(sqlite_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        intake = await open_intake(pilot)
        await settle(pilot)
        burst(app, ["f6", "space", "tab", "tab", "space", "tab", "space"])
        await settle(pilot)
        ticked = {c.id for c in intake.query(Checkbox) if c.value and c.id.startswith("item-")}
        assert ticked == {"item-card", "item-answer_form", "item-photo_id"}
        assert intake.assessment is not None
        assert intake.assessment.decision.value == "serve_today"  # self, with the card
