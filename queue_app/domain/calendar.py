"""When an office (or one service at it) is open, and why not when it is not.

A day is judged in this order: the reception hours in force that day (effective-dated),
then the office-wide closure rules, then extra openings (which win over closures: a city
that opens on a Sunday says so explicitly), then the service-level rules. When several
closures match, the most specific reason is shown first (a single date beats a range, a
range beats a recurring rule, which beats a holiday, which beats a weekly day off), and all
matching reasons are kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from queue_app.domain.config import CalendarRule, Config, Office, RuleKind, TimeRange
from queue_app.domain.records import record
from queue_app.domain.recurrence import rule_dates

_SPECIFICITY = {
    RuleKind.DATE: 0,
    RuleKind.RANGE: 1,
    RuleKind.RRULE: 2,
    RuleKind.HOLIDAYS: 3,
    RuleKind.WEEKLY: 4,
}
_SCAN_LIMIT_DAYS = 800


@record
class Reason:
    """Why a day is closed (or a service not offered): a code and its two wordings."""

    code: str
    ja: str
    en: str

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.ja


NO_HOURS = Reason("no_hours", "受付のない曜日", "No reception on this weekday")
NOT_OFFERED = Reason("not_offered", "この窓口では取り扱いません", "Not handled at this office")


@record
class DayStatus:
    """One day of an office (or one service): open or not, its hours, the closing reasons."""

    day: date
    open: bool
    hours: tuple[TimeRange, ...]
    reasons: tuple[Reason, ...] = ()
    extra_opening: bool = False

    @property
    def reason(self) -> Reason | None:
        return self.reasons[0] if self.reasons else None

    def reason_text(self, lang: str) -> str | None:
        reason = self.reason
        return reason.text(lang) if reason else None

    @property
    def opens(self) -> time | None:
        return self.hours[0].start if self.hours else None

    @property
    def closes(self) -> time | None:
        return self.hours[-1].end if self.hours else None

    def to_json(self, lang: str) -> dict[str, object]:
        return {
            "date": self.day.isoformat(),
            "weekday": self.day.strftime("%a"),
            "open": self.open,
            "hours": [r.as_pair() for r in self.hours] if self.open else [],
            "reason": self.reason_text(lang) if not self.open else None,
            "reason_code": self.reason.code if self.reason and not self.open else None,
            "reasons": [r.text(lang) for r in self.reasons],
            "extra_opening": self.extra_opening,
        }


@lru_cache(maxsize=64)
def _holiday_names(year: int) -> tuple[dict[date, str], dict[date, str]]:
    from queue_app.domain import jp_holidays as table

    if table.FIRST_YEAR <= year <= table.LAST_YEAR:  # no `holidays` import (~100 ms)
        ja_days: dict[date, str] = {}
        en_days: dict[date, str] = {}
        for item in table.YEARS[year].split():
            day = date(year, int(item[:2]), int(item[2:4]))
            ja_days[day], en_days[day] = table.NAMES[item[4:]]
        return ja_days, en_days
    import holidays as holidays_lib  # ~100 ms to import: only for years outside the table

    ja = holidays_lib.Japan(language="ja", years=[year])
    en = holidays_lib.Japan(language="en_US", years=[year])
    return dict(ja.items()), dict(en.items())


def holiday_name(day: date, lang: str = "ja") -> str | None:
    """The national holiday on `day` (including 振替休日 and 国民の休日), or None."""
    ja, en = _holiday_names(day.year)
    return (en if lang == "en" else ja).get(day)


def rule_matches(rule: CalendarRule, day: date) -> bool:
    if rule.kind is RuleKind.WEEKLY:
        return day.weekday() in rule.weekdays
    if rule.kind is RuleKind.HOLIDAYS:
        return holiday_name(day) is not None
    if rule.kind is RuleKind.RRULE:
        return day in rule_dates(rule.rrule, rule.dtstart, rule.offset_days, day.year)
    if rule.kind is RuleKind.DATE:
        return day in rule.dates
    if rule.kind is RuleKind.RANGE:
        if rule.start is not None and rule.end is not None:
            return rule.start <= day <= rule.end
        assert rule.md_start is not None and rule.md_end is not None
        md = (day.month, day.day)
        if rule.md_start <= rule.md_end:
            return rule.md_start <= md <= rule.md_end
        return md >= rule.md_start or md <= rule.md_end  # wraps over the year end
    return False


def rule_reason(rule: CalendarRule, day: date) -> Reason:
    if rule.kind is RuleKind.HOLIDAYS:
        ja = holiday_name(day, "ja") or rule.reason_ja or "祝日"
        en = holiday_name(day, "en") or rule.reason_en or "National holiday"
        return Reason(rule.code or "holiday", ja, en)
    ja = rule.reason_ja or rule.reason_en or rule.code
    en = rule.reason_en or rule.reason_ja or rule.code
    return Reason(rule.code, ja, en)


class OfficeCalendar:
    """Answers calendar questions for every office of one configuration."""

    def __init__(self, config: Config) -> None:
        self.config = config

    # -- single days -----------------------------------------------------------------
    def day(self, office_id: str, day: date, service_id: str | None = None) -> DayStatus:
        office = self.config.office(office_id)
        if service_id is not None:
            self.config.service(service_id)
            if service_id not in office.services:
                return DayStatus(day, False, (), (NOT_OFFERED,))
        status = self._office_day(office, day)
        if service_id is None:
            return status
        return self._service_day(office, status, service_id)

    def _matching(
        self, rules: tuple[CalendarRule, ...], office: Office, day: date
    ) -> list[CalendarRule]:
        found = [r for r in rules if r.applies_to_office(office.id) and rule_matches(r, day)]
        found.sort(key=lambda r: _SPECIFICITY[r.kind])
        return found

    def _regular_hours(self, office: Office, day: date) -> tuple[TimeRange, ...]:
        period = office.hours_period(day)
        return period.on_weekday(day.weekday()) if period else ()

    def _fallback_hours(self, office: Office, day: date) -> tuple[TimeRange, ...]:
        """Hours for an extra opening that names none: the first weekday with hours."""
        period = office.hours_period(day)
        if period is None:
            return ()
        for ranges in period.week:
            if ranges:
                return ranges
        return ()

    def _office_day(self, office: Office, day: date) -> DayStatus:
        regular = self._regular_hours(office, day)
        closures = [r for r in self._matching(self.config.closures, office, day) if r.office_wide]
        openings = [r for r in self._matching(self.config.openings, office, day) if r.office_wide]
        if openings:
            hours = openings[0].hours or regular or self._fallback_hours(office, day)
            if hours:
                return DayStatus(
                    day,
                    True,
                    hours,
                    tuple(rule_reason(r, day) for r in openings),
                    extra_opening=True,
                )
        if closures:
            reasons = _unique(rule_reason(r, day) for r in closures)
            return DayStatus(day, False, (), reasons)
        if not regular:
            return DayStatus(day, False, (), (NO_HOURS,))
        return DayStatus(day, True, regular)

    def _service_day(self, office: Office, status: DayStatus, service_id: str) -> DayStatus:
        day = status.day
        closures = [
            r for r in self._matching(self.config.closures, office, day) if service_id in r.services
        ]
        openings = [
            r for r in self._matching(self.config.openings, office, day) if service_id in r.services
        ]
        if openings:
            hours = openings[0].hours or status.hours or self._fallback_hours(office, day)
            if hours:
                return DayStatus(
                    day,
                    True,
                    hours,
                    tuple(rule_reason(r, day) for r in openings),
                    extra_opening=True,
                )
        if not status.open:
            return status
        if closures:
            return DayStatus(day, False, (), _unique(rule_reason(r, day) for r in closures))
        return status

    # -- moments ---------------------------------------------------------------------
    def zone(self, office_id: str) -> ZoneInfo:
        return ZoneInfo(self.config.office(office_id).timezone)

    def local(self, office_id: str, moment: datetime) -> datetime:
        if moment.tzinfo is None:
            raise ValueError("calendar needs aware datetimes")
        return moment.astimezone(self.zone(office_id))

    def service_day(self, office_id: str, moment: datetime) -> date:
        """The date in the office's own time zone: what numbering restarts on."""
        return self.local(office_id, moment).date()

    def is_open_at(self, office_id: str, moment: datetime, service_id: str | None = None) -> bool:
        local = self.local(office_id, moment)
        status = self.day(office_id, local.date(), service_id)
        return status.open and any(r.contains(local.time()) for r in status.hours)

    def at(self, office_id: str, day: date, clock: time) -> datetime:
        """The aware moment of a local wall-clock time at the office."""
        return datetime.combine(day, clock, tzinfo=self.zone(office_id))

    def reception_end(
        self, office_id: str, day: date, service_id: str | None = None
    ) -> datetime | None:
        status = self.day(office_id, day, service_id)
        if not status.open or status.closes is None:
            return None
        return self.at(office_id, day, status.closes)

    def reception_start(
        self, office_id: str, day: date, service_id: str | None = None
    ) -> datetime | None:
        status = self.day(office_id, day, service_id)
        if not status.open or status.opens is None:
            return None
        return self.at(office_id, day, status.opens)

    def minutes_until_close(
        self, office_id: str, moment: datetime, service_id: str | None = None
    ) -> int | None:
        """Minutes left in the current opening range, or None when closed right now."""
        local = self.local(office_id, moment)
        status = self.day(office_id, local.date(), service_id)
        for r in status.hours:
            if r.contains(local.time()):
                end = datetime.combine(local.date(), r.end, tzinfo=local.tzinfo)
                return int((end - local).total_seconds() // 60)
        return None

    # -- ranges ----------------------------------------------------------------------
    def days(
        self, office_id: str, start: date, end: date, service_id: str | None = None
    ) -> Iterator[DayStatus]:
        day = start
        while day <= end:
            yield self.day(office_id, day, service_id)
            day += timedelta(days=1)

    def open_days_between(
        self, office_id: str, start: date, end: date, service_id: str | None = None
    ) -> list[date]:
        return [s.day for s in self.days(office_id, start, end, service_id) if s.open]

    def next_open_days(
        self,
        office_id: str,
        start: date,
        count: int,
        service_id: str | None = None,
        include_start: bool = True,
    ) -> list[date]:
        found: list[date] = []
        day = start if include_start else start + timedelta(days=1)
        for _ in range(_SCAN_LIMIT_DAYS):
            if len(found) >= count:
                break
            if self.day(office_id, day, service_id).open:
                found.append(day)
            day += timedelta(days=1)
        return found

    def next_open_day(
        self, office_id: str, start: date, service_id: str | None = None, include_start: bool = True
    ) -> date | None:
        days = self.next_open_days(office_id, start, 1, service_id, include_start)
        return days[0] if days else None

    def next_opening(
        self, office_id: str, after: datetime, service_id: str | None = None
    ) -> datetime | None:
        """The next moment at or after `after` when the office (service) takes visitors."""
        local = self.local(office_id, after)
        day = local.date()
        for _ in range(_SCAN_LIMIT_DAYS):
            status = self.day(office_id, day, service_id)
            if status.open:
                for r in status.hours:
                    start = datetime.combine(day, r.start, tzinfo=local.tzinfo)
                    end = datetime.combine(day, r.end, tzinfo=local.tzinfo)
                    if end > local:
                        return max(start, local)
            day += timedelta(days=1)
        return None


def _unique(reasons: Iterator[Reason] | list[Reason]) -> tuple[Reason, ...]:
    seen: list[Reason] = []
    for r in reasons:
        if all(r.code != s.code or r.ja != s.ja for s in seen):
            seen.append(r)
    return tuple(seen)
