"""The validated configuration: offices, counters, services, hours, closures, staff.

These are frozen values built by `queue_app.domain.config_schema.parse_config` from the TOML
document; everything downstream (calendar, services, screens) reads only these objects.
Each is a frozen dataclass made by `record` (queue_app/domain/records.py): the same class
for `dataclasses.replace`, `fields` and type checkers, without Python 3.11 compiling six
methods for each of them at every start (~20 ms; issue 17).
"""

from __future__ import annotations

from dataclasses import field
from datetime import date, time
from enum import StrEnum

from queue_app.domain.records import record

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# the most procedures one visit plan may hold (a visit of more than eight is a mistake at
# the intake); here, beside `Plan`, so that reading the configuration needs no visit rules
MAX_PLAN_STEPS = 8


@record
class TimeRange:
    start: time
    end: time

    def contains(self, moment: time) -> bool:
        return self.start <= moment < self.end

    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)

    def as_pair(self) -> list[str]:
        return [self.start.strftime("%H:%M"), self.end.strftime("%H:%M")]


@record
class HoursPeriod:
    """Reception hours from `effective_from` on, until the next period starts.

    Cities change their hours; keeping the old periods lets last year's reports be judged
    against last year's hours.
    """

    effective_from: date
    week: tuple[tuple[TimeRange, ...], ...]  # index 0 = Monday

    def on_weekday(self, weekday: int) -> tuple[TimeRange, ...]:
        return self.week[weekday]


@record
class Service:
    id: str
    name_ja: str
    name_en: str
    prefix: str
    minutes: float
    my_number: bool = False
    # the city counts this procedure's outcomes (the e-certificate): finishing one needs an
    # explicit outcome, never the default "served"
    outcome_required: bool = False
    # two stages (交付): finishing the counter step puts the ticket into "preparing" until
    # the back office marks the document ready and it is handed over
    pickup: bool = False

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_ja


@record
class Plan:
    """A named visit plan (`[[plans]]`): procedures one visitor does in order, offered at
    the intake in one key (e.g. `tennyu`: moving in, card and certificate, other)."""

    id: str
    name_ja: str
    name_en: str
    steps: tuple[str, ...]
    offices: tuple[str, ...] = ()  # where it is offered (every office with all its steps)

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_ja


@record
class Counter:
    number: int
    services: tuple[str, ...]
    name_ja: str = ""
    name_en: str = ""


@record
class Office:
    id: str
    name_ja: str
    name_en: str
    location_ja: str
    location_en: str
    timezone: str
    services: tuple[str, ...]
    counters: tuple[Counter, ...]
    hours: tuple[HoursPeriod, ...]  # sorted by effective_from
    # per service: the order in which `call next` considers services at a counter
    service_order: tuple[str, ...] = ()

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_ja

    def counter(self, number: int) -> Counter | None:
        for c in self.counters:
            if c.number == number:
                return c
        return None

    def hours_period(self, day: date) -> HoursPeriod | None:
        chosen: HoursPeriod | None = None
        for period in self.hours:
            if period.effective_from <= day:
                chosen = period
        return chosen


class RuleKind(StrEnum):
    WEEKLY = "weekly"
    HOLIDAYS = "holidays"
    RRULE = "rrule"
    RANGE = "range"
    DATE = "date"


@record
class CalendarRule:
    """One closure (or extra opening) rule.

    `offices`/`services` empty means "all". A rule naming services closes (opens) only
    those services, the rest of the office goes on.
    """

    kind: RuleKind
    offices: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    reason_ja: str = ""
    reason_en: str = ""
    code: str = ""
    weekdays: tuple[int, ...] = ()
    rrule: str = ""
    dtstart: date = date(2000, 1, 1)
    offset_days: int = 0
    # range: either full dates (start/end) or an annual month-day range (md_start/md_end)
    start: date | None = None
    end: date | None = None
    md_start: tuple[int, int] | None = None
    md_end: tuple[int, int] | None = None
    dates: tuple[date, ...] = ()
    hours: tuple[TimeRange, ...] = ()  # openings only: the hours of the extra opening

    def reason(self, lang: str) -> str:
        return self.reason_en if lang == "en" and self.reason_en else self.reason_ja

    def applies_to_office(self, office_id: str) -> bool:
        return not self.offices or office_id in self.offices

    @property
    def office_wide(self) -> bool:
        return not self.services


@record
class Staff:
    code: str
    name: str
    offices: tuple[str, ...] = ()


@record
class Congestion:
    """Estimated-wait thresholds (minutes) for 空いています / やや混雑 / 混雑."""

    moderate_minutes: int = 15
    crowded_minutes: int = 30


@record
class InquirySettings:
    answer_valid_days: int = 30
    postal_lead_days: int = 3
    purge_after_days: int = 90
    slot_minutes: int = 30
    seats_per_slot: int = 2
    no_show_grace_minutes: int = 15
    breaks: tuple[TimeRange, ...] = ()
    service: str = "ecert"


@record
class ReportSettings:
    """`[reports]`: dates when J-LIS expiry notices arrive (used by the forecast)."""

    notice_dates: tuple[date, ...] = ()


@record
class WebSettings:
    """`[web]`: the visitor's web pages (`madoguchi web`)."""

    host: str = "127.0.0.1"
    port: int = 8080
    # the address visitors' phones use, e.g. "https://madoguchi.city.example.jp"; when set,
    # the QR on every ticket encodes `<public_url>/t/<token>` (else the bare token)
    public_url: str = ""
    requests_per_minute: int = 120  # per client address (behind NAT: many phones share one)
    max_streams: int = 5000  # live (SSE) connections in total
    max_streams_per_address: int = 200
    trusted_proxies: tuple[str, ...] = ()  # addresses whose X-Forwarded-For is believed
    allowed_hosts: tuple[str, ...] = ()  # Host names accepted (empty: loopback, host, public_url's)


@record
class Settings:
    timezone: str = "Asia/Tokyo"
    language: str = "ja"
    target_wait_minutes: int = 30
    recall_limit: int = 3
    estimate_window_minutes: int = 120
    print_command: str = ""
    announce_command: str = ""
    database_url: str = ""
    data_dir: str = ""
    secret_file: str = ""
    # the priority of a visitor joining the next step of a plan (0 = none, as walk-ins;
    # 1 = ahead of walk-ins, like checked-in appointments)
    return_priority: int = 1
    congestion: Congestion = field(default_factory=Congestion)
    inquiry: InquirySettings = field(default_factory=InquirySettings)
    reports: ReportSettings = field(default_factory=ReportSettings)
    web: WebSettings = field(default_factory=WebSettings)


@record
class Config:
    settings: Settings
    services: dict[str, Service]
    offices: dict[str, Office]
    closures: tuple[CalendarRule, ...]
    openings: tuple[CalendarRule, ...]
    staff: dict[str, Staff]
    plans: dict[str, Plan] = field(default_factory=dict)

    def office(self, office_id: str) -> Office:
        from queue_app.domain.errors import InputError

        try:
            return self.offices[office_id]
        except KeyError:
            raise InputError(
                "err.unknown_office", value=office_id, known=", ".join(self.offices)
            ) from None

    def service(self, service_id: str) -> Service:
        from queue_app.domain.errors import InputError

        try:
            return self.services[service_id]
        except KeyError:
            raise InputError(
                "err.unknown_service", value=service_id, known=", ".join(self.services)
            ) from None

    def office_service(self, office_id: str, service_id: str) -> tuple[Office, Service]:
        from queue_app.domain.errors import InputError

        office = self.office(office_id)
        service = self.service(service_id)
        if service_id not in office.services:
            raise InputError(
                "err.service_not_at_office",
                office=office_id,
                value=service_id,
                known=", ".join(office.services),
            )
        return office, service

    def plan(self, plan_id: str) -> Plan:
        from queue_app.domain.errors import InputError

        try:
            return self.plans[plan_id]
        except KeyError:
            raise InputError(
                "err.unknown_plan", value=plan_id, known=", ".join(self.plans) or "-"
            ) from None

    def office_plans(self, office_id: str) -> tuple[Plan, ...]:
        """The named plans offered at this office, in configuration order."""
        return tuple(p for p in self.plans.values() if office_id in p.offices)

    def counter(self, office_id: str, number: int) -> Counter:
        from queue_app.domain.errors import InputError

        office = self.office(office_id)
        counter = office.counter(number)
        if counter is None:
            raise InputError(
                "err.unknown_counter",
                office=office_id,
                value=number,
                known=", ".join(str(c.number) for c in office.counters),
            )
        return counter
