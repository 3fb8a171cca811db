"""Who arrives when: Poisson arrivals per procedure and half-hour at the rate of the demand
pattern (`queue_app/demo/pattern.py`), which has the forecast's own factor shape."""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date, time, timedelta
from typing import Any

from queue_app.demo.history.draws import (
    _lognormal,
    _ms,
    _pick,
    _poisson,
)
from queue_app.demo.history.options import MS_MIN, HistoryConfig
from queue_app.demo.history.visitors import _Visitor
from queue_app.domain.calendar import OfficeCalendar
from queue_app.domain.config import Config, Office
from queue_app.domain.forecast import DayInfo, ServiceModel, describe_days


class HistoryArrivals:
    def __init__(
        self,
        config: Config,
        seed: int = 1,
        options: HistoryConfig | None = None,
        offices: Iterable[str] | None = None,
    ) -> None:
        self.config = config
        self.calendar = OfficeCalendar(config)
        self.seed = seed
        self.options = options or HistoryConfig()
        self.office_ids = tuple(offices) if offices is not None else tuple(config.offices)
        for oid in self.office_ids:
            config.office(oid)
        self.kind_minutes = dict(self.options.kind_minutes)
        self.transfers = dict(self.options.transfers)
        staff = [s.code for s in config.staff.values()] or ["S000"]
        self.staff_codes = staff
        self._status_cache: dict[tuple[str, date, str | None], Any] = {}
        self._info_cache: dict[tuple[str, date], DayInfo | None] = {}
        self._models: dict[str, dict[str, ServiceModel]] = {}

    # -- calendar, cached ---------------------------------------------------------------
    def status(self, office_id: str, day: date, service_id: str | None = None) -> Any:
        key = (office_id, day, service_id)
        found = self._status_cache.get(key)
        if found is None:
            found = self.calendar.day(office_id, day, service_id)
            self._status_cache[key] = found
        return found

    # -- the demand pattern ----------------------------------------------------------------
    def day_info(self, office: Office, day: date, notices: list[date]) -> DayInfo | None:
        """What the forecast would call this day (weekday, after a closure, notice bucket,
        end of month, open half-hours, open procedures)."""
        key = (office.id, day)
        if key not in self._info_cache:
            delivered = [n + timedelta(days=self.options.notice_delivery_days) for n in notices]
            found = describe_days(self.calendar, office.id, day, day, delivered)
            self._info_cache[key] = found[0] if found else None
        return self._info_cache[key]

    def models(self, office: Office) -> dict[str, ServiceModel]:
        found = self._models.get(office.id)
        if found is None:
            found = self.options.pattern.models(office.id, office.services, len(office.counters))
            self._models[office.id] = found
        return found

    # -- arrivals -------------------------------------------------------------------------
    def arrivals(
        self, rng: random.Random, office: Office, day: date, notices: list[date]
    ) -> list[_Visitor]:
        """Poisson arrivals per procedure and half-hour, at the rate the pattern gives."""
        info = self.day_info(office, day, notices)
        if info is None:
            return []
        status = self.status(office.id, day)
        ends = [
            (r.start.hour * 60 + r.start.minute, r.end.hour * 60 + r.end.minute)
            for r in status.hours
        ]
        midnight = _ms(self.calendar.at(office.id, day, time(0, 0)))
        visitors: list[_Visitor] = []
        for service_id, model in self.models(office).items():
            for m, lam in model.slots(info).items():
                end = next((e for s, e in ends if s <= m < e), m + 30)
                end = min(end, (m // 30 + 1) * 30)
                for _ in range(_poisson(rng, lam)):
                    at = midnight + int((m + rng.random() * (end - m)) * MS_MIN)
                    visitors.append(self._visitor(rng, office, day, service_id, at))
        return visitors

    def _visitor(
        self, rng: random.Random, office: Office, day: date, service_id: str, at: int
    ) -> _Visitor:
        opt = self.options
        v = _Visitor(service_id, at)
        mean = self.config.services[service_id].minutes
        if service_id == "ecert":
            v.kind = _pick(rng, opt.kinds)
            mean *= self.kind_minutes.get(v.kind, 1.0)
            v.decision, v.outcome = "serve_today", "renewed"
            if v.kind == "agent_first":
                v.decision, v.outcome, v.reason = (
                    "document_inquiry",
                    "document_inquiry",
                    "agent_first",
                )
            elif v.kind == "guardian" and rng.random() < opt.guardian_no_photo_rate:
                v.decision, v.outcome, v.reason = (
                    "document_inquiry",
                    "document_inquiry",
                    "guardian_no_photo_id",
                )
            elif v.kind == "self":
                x = rng.random()
                if x < opt.pin_reset_rate:
                    v.outcome, v.reason = "document_inquiry", "pin_reset"
                elif x < opt.pin_reset_rate + opt.card_expiring_rate:
                    v.decision, v.outcome = "new_card_application", "referred"
                    mean *= 0.5
        elif service_id == "other" and rng.random() < 0.2:
            v.outcome = "other"
        v.minutes = max(0.5, _lognormal(rng, mean, opt.service_cv))
        if rng.random() < opt.no_show_rate:
            v.no_show = True
        elif opt.patience_minutes > 0:  # everyone leaves if the wait outlasts their patience
            v.leave_ms = at + int(rng.expovariate(1.0 / opt.patience_minutes) * MS_MIN)
        target = self.transfers.get(service_id)
        if (
            target
            and not v.no_show
            and target in office.services
            and self.status(office.id, day, target).open
            and rng.random() < opt.transfer_rate
        ):
            v.transfer_to = target
        self._plan(office, day, v)
        return v

    def _plan(self, office: Office, day: date, v: _Visitor) -> None:
        """Some visitors of a plan's first procedure come for the whole plan (drawn from
        their own generator, so everybody else's draws stay as they were)."""
        plans = [p for p in self.config.office_plans(office.id) if p.steps[0] == v.service]
        if not plans or v.no_show or v.transfer_to is not None:
            return
        prng = random.Random(f"{self.seed}:{office.id}:{v.issue_ms}:{v.service}:plan")
        if prng.random() >= self.options.plan_rate:
            return
        plan = plans[prng.randrange(len(plans))]
        if all(self.status(office.id, day, s).open for s in plan.steps):
            v.plan_id, v.route, v.rng = plan.id, plan.steps, prng
