"""Who arrives when: calendar lookups, day and season factors, the arrival process."""

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
from queue_app.demo.history.options import (
    MS_MIN,
    HistoryConfig,
    OfficeProfile,
)
from queue_app.demo.history.visitors import _Visitor
from queue_app.domain.calendar import OfficeCalendar
from queue_app.domain.config import Config, Office


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
        self.hourly = dict(self.options.hourly)
        self.kind_minutes = dict(self.options.kind_minutes)
        self.transfers = dict(self.options.transfers)
        staff = [s.code for s in config.staff.values()] or ["S000"]
        self.staff_codes = staff
        self._status_cache: dict[tuple[str, date, str | None], Any] = {}

    # -- calendar, cached ---------------------------------------------------------------
    def status(self, office_id: str, day: date, service_id: str | None = None) -> Any:
        key = (office_id, day, service_id)
        found = self._status_cache.get(key)
        if found is None:
            found = self.calendar.day(office_id, day, service_id)
            self._status_cache[key] = found
        return found

    def profile(self, office: Office) -> OfficeProfile:
        known = self.options.profiles.get(office.id)
        if known is not None:
            return known
        share = 1.0 / max(1, len(office.services))
        return OfficeProfile(
            self.options.default_daily_per_counter * len(office.counters),
            tuple((s, share) for s in office.services),
        )

    def day_factor(self, office_id: str, day: date) -> float:
        """Monday, or the first open day after a holiday stretch, brings more people."""
        opt = self.options
        factors = [1.0]
        if day.weekday() == 0:
            factors.append(opt.monday_factor)
        back = day - timedelta(days=1)
        closed_codes: list[str] = []
        for _ in range(10):
            status = self.status(office_id, back)
            if status.open:
                break
            closed_codes += [r.code for r in status.reasons]
            back -= timedelta(days=1)
        if closed_codes:
            if any(c in ("holiday", "year_end") for c in closed_codes):
                factors.append(opt.after_holiday_factor)
            else:
                factors.append(opt.after_closure_factor)
        return max(factors)

    def notice_factor(self, day: date, notices: list[date]) -> float:
        opt = self.options
        best = 1.0
        for mailed in notices:
            first = mailed + timedelta(days=opt.notice_delivery_days)
            offset = (day - first).days
            if 0 <= offset < opt.notice_days:
                decay = 1.0 - 0.7 * offset / max(1, opt.notice_days - 1)
                best = max(best, 1.0 + (opt.notice_factor - 1.0) * decay)
        return best

    def season_factor(self, service_id: str, day: date) -> float:
        if service_id != "moving":
            return 1.0
        lo, hi = self.options.moving_season
        if lo <= (day.month, day.day) <= hi:
            return self.options.moving_season_factor
        return 1.0

    def weight(self, minute_of_day: int) -> float:
        return self.hourly.get(minute_of_day // 60, 0.8)

    # -- arrivals -------------------------------------------------------------------------
    def arrivals(
        self, rng: random.Random, office: Office, day: date, notices: list[date]
    ) -> list[_Visitor]:
        status = self.status(office.id, day)
        if not status.open:
            return []
        profile = self.profile(office)
        base = (
            profile.daily_visitors
            * self.day_factor(office.id, day)
            * profile.weekday_factors[day.weekday()]
        )
        notice = self.notice_factor(day, notices)
        visitors: list[_Visitor] = []
        for service_id, share in profile.mix:
            if service_id not in office.services:
                continue
            sstatus = self.status(office.id, day, service_id)
            if not sstatus.open:
                continue
            expected = base * share * self.season_factor(service_id, day)
            if service_id == "ecert":
                expected *= notice
            bins: list[tuple[int, int, float]] = []  # (start minute, length, weight mass)
            for rng_range in sstatus.hours:
                s = rng_range.start.hour * 60 + rng_range.start.minute
                e = rng_range.end.hour * 60 + rng_range.end.minute
                m = s
                while m < e:
                    length = min(15, e - m)
                    bins.append((m, length, self.weight(m) * length / 60))
                    m += length
            total = sum(b[2] for b in bins) or 1.0
            midnight = _ms(self.calendar.at(office.id, day, time(0, 0)))
            for m, length, mass in bins:
                for _ in range(_poisson(rng, expected * mass / total)):
                    at = midnight + int((m + rng.random() * length) * MS_MIN)
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
        elif rng.random() < opt.give_up_rate:
            v.leave_ms = at + int(rng.uniform(20, 90) * MS_MIN)
        target = self.transfers.get(service_id)
        if (
            target
            and not v.no_show
            and target in office.services
            and self.status(office.id, day, target).open
            and rng.random() < opt.transfer_rate
        ):
            v.transfer_to = target
        return v
