"""The knobs of the history generator: office profiles, arrival shape, visit kinds,
service times, transfers, and the result it reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

MS_MIN = 60_000
BATCH_EVENTS = 40_000

# -- the knobs -------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficeProfile:
    """How busy an office is on an ordinary day and what people come for."""

    daily_visitors: float
    mix: tuple[tuple[str, float], ...]
    weekday_factors: tuple[float, ...] = (1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0)


DEFAULT_PROFILES: dict[str, OfficeProfile] = {
    "sogo": OfficeProfile(
        135,
        (
            ("certificate", 0.42),
            ("ecert", 0.22),
            ("moving", 0.14),
            ("card_pickup", 0.12),
            ("other", 0.10),
        ),
    ),
    "yanasegawa": OfficeProfile(
        55, (("certificate", 0.50), ("ecert", 0.30), ("card_pickup", 0.10), ("other", 0.10))
    ),
    "station": OfficeProfile(
        48,
        (("certificate", 0.60), ("ecert", 0.28), ("other", 0.12)),
        weekday_factors=(1.0, 1.0, 1.0, 1.0, 1.05, 1.5, 1.3),
    ),
}

# relative arrival rate per local hour: quiet first half hour, late-morning peak, lunch dip,
# and the rush before reception ends at 17:15
DEFAULT_HOURLY: tuple[tuple[int, float], ...] = (
    (8, 0.75),
    (9, 1.0),
    (10, 1.35),
    (11, 1.5),
    (12, 1.05),
    (13, 1.0),
    (14, 0.95),
    (15, 0.95),
    (16, 1.2),
    (17, 1.8),
)

DEFAULT_KINDS: tuple[tuple[str, float], ...] = (
    ("self", 0.74),
    ("agent_with_answer", 0.09),
    ("agent_first", 0.08),
    ("guardian", 0.04),
    ("agent_second", 0.05),  # walk-in second visits of inquiries mailed before the history
)

DEFAULT_KIND_MINUTES: tuple[tuple[str, float], ...] = (
    ("self", 1.0),
    ("agent_with_answer", 1.25),
    ("agent_first", 0.7),
    ("agent_second", 1.15),
    ("guardian", 1.4),
)

# a visitor at the wrong service is sent on: certificate -> moving, and so on
DEFAULT_TRANSFERS: tuple[tuple[str, str], ...] = (
    ("certificate", "moving"),
    ("other", "ecert"),
    ("card_pickup", "ecert"),
)

KANA_FAMILY = ("ヤマダ", "スズキ", "タナカ", "サトウ", "ワタナベ", "イトウ", "ナカムラ", "コバヤシ")
KANA_GIVEN = ("タロウ", "ハナコ", "イチロウ", "ユミ", "ケンジ", "ミサキ", "ヒロシ", "サクラ")


@dataclass(frozen=True)
class HistoryConfig:
    profiles: dict[str, OfficeProfile] = field(default_factory=lambda: dict(DEFAULT_PROFILES))
    hourly: tuple[tuple[int, float], ...] = DEFAULT_HOURLY
    monday_factor: float = 1.3
    after_holiday_factor: float = 1.4  # first open day after a holiday / the year end
    after_closure_factor: float = 1.1  # first open day after any other closed weekday
    # expiry notices (有効期限通知書): explicit mailing dates, or monthly on this day
    notice_dates: tuple[date, ...] = ()
    notice_day_of_month: int = 5
    notice_delivery_days: int = 2
    notice_days: int = 10  # how long the extra renewals last after delivery
    notice_factor: float = 1.9  # e-certificate arrivals right after delivery (decays)
    moving_season: tuple[tuple[int, int], tuple[int, int]] = ((3, 20), (4, 10))
    moving_season_factor: float = 2.2
    kinds: tuple[tuple[str, float], ...] = DEFAULT_KINDS
    kind_minutes: tuple[tuple[str, float], ...] = DEFAULT_KIND_MINUTES
    service_cv: float = 0.5  # coefficient of variation of service times (lognormal)
    pin_reset_rate: float = 0.05  # self visitors with a forgotten / locked PIN
    card_expiring_rate: float = 0.03  # the card itself expires: referred to a new application
    guardian_no_photo_rate: float = 0.3
    no_show_rate: float = 0.03
    give_up_rate: float = 0.02  # visitors with limited patience (leave if not called)
    transfer_rate: float = 0.03
    transfers: tuple[tuple[str, str], ...] = DEFAULT_TRANSFERS
    return_rate: float = 0.85  # inquiries whose second visit happens
    default_daily_per_counter: float = 30.0  # offices without a profile


@dataclass(frozen=True)
class GenerationResult:
    start: date
    end: date
    offices: tuple[str, ...]
    days: int
    skipped_days: int
    tickets: int
    events: int
    cases: int
    appointments: int
    seconds: float


# -- small helpers ----------------------------------------------------------------------------
