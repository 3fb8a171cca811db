"""Reading a visit's steps from its events (issue 13): plans, pickup, old history."""

from __future__ import annotations

from queue_app.domain.visit_times import Event, figures, read_visit

M = 60_000


def ev(frm: str | None, to: str, service: str, minute: int, detail: str | None = None) -> Event:
    return Event(frm, to, service, minute * M, detail)


def test_old_history_with_a_transfer_after_a_call_is_two_steps() -> None:
    visit = read_visit(
        1,
        None,
        "done",
        [
            ev(None, "waiting", "moving", 0),
            ev("waiting", "called", "moving", 5),
            ev("called", "serving", "moving", 6),
            ev("serving", "waiting", "certificate", 10, "transfer:moving->certificate"),
            ev("waiting", "called", "certificate", 12),
            ev("called", "no_show", "certificate", 13),
            ev("no_show", "waiting", "certificate", 14, "requeue"),
            ev("waiting", "called", "certificate", 15),
            ev("called", "serving", "certificate", 16),
            ev("serving", "done", "certificate", 20, "outcome:served"),
        ],
    )
    assert visit is not None
    assert visit.route == ("moving", "certificate") and visit.counters == 2
    assert [s.wait_ms for s in visit.steps] == [5 * M, 2 * M]  # the first call counts
    assert visit.building_ms == 20 * M


def test_a_transfer_before_any_call_stays_one_step() -> None:
    visit = read_visit(
        2,
        None,
        "done",
        [
            ev(None, "waiting", "moving", 0),
            ev("waiting", "waiting", "other", 3, "transfer:moving->other"),
            ev("waiting", "called", "other", 8),
            ev("called", "serving", "other", 8),
            ev("serving", "done", "other", 9, "outcome:served"),
        ],
    )
    assert visit is not None and visit.route == ("other",) and visit.steps[0].wait_ms == 8 * M


def test_plan_with_pickup_and_a_skipped_step() -> None:
    visit = read_visit(
        3,
        "*",
        "done",
        [
            ev(None, "waiting", "moving", 0),
            ev("waiting", "waiting", "card_pickup", 1, "plan:skip:moving"),
            ev("waiting", "called", "card_pickup", 4),
            ev("called", "serving", "card_pickup", 5),
            ev("serving", "preparing", "card_pickup", 10, "outcome:served"),
            ev("preparing", "ready", "card_pickup", 30, "ready"),
            ev("ready", "waiting", "other", 35, "outcome:served;next:other"),
            ev("waiting", "called", "other", 36),
            ev("called", "serving", "other", 36),
            ev("serving", "done", "other", 40, "outcome:served"),
        ],
    )
    assert visit is not None and visit.route == ("card_pickup", "other")
    pickup = visit.steps[0]
    assert (pickup.wait_ms, pickup.service_ms, pickup.preparing_ms, pickup.pickup_wait_ms) == (
        4 * M,
        5 * M,
        20 * M,
        5 * M,
    )
    assert visit.building_ms == 40 * M
    f = figures([visit])
    assert f.plans[0].key == "*:card_pickup+other" and f.multi_counter == 1


def test_unfinished_visits_have_no_time_in_building() -> None:
    visit = read_visit(
        4,
        None,
        "cancelled",
        [ev(None, "waiting", "other", 0), ev("waiting", "cancelled", "other", 5)],
    )
    assert visit is not None and visit.building_ms is None and not visit.completed
    assert read_visit(5, None, "done", []) is None
