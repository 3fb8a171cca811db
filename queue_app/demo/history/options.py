"""The knobs of the history generator: the demand pattern, visit kinds, service times,
transfers, and the result it reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from queue_app.demo.pattern import DemandPattern

MS_MIN = 60_000
DEMO_PLAN_RATE = 0.15  # `madoguchi demo`: about one in seven moving-in visitors: 転入
BATCH_EVENTS = 40_000

# -- the knobs -------------------------------------------------------------------------------


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
    # who comes when: base x weekday x month x after-closure x notice x end-of-month, per
    # procedure and half-hour (queue_app/demo/pattern.py: the forecast's own shape)
    pattern: DemandPattern = field(default_factory=DemandPattern)
    # expiry notices (有効期限通知書): explicit mailing dates, or monthly on this day
    notice_dates: tuple[date, ...] = ()
    notice_day_of_month: int = 5
    notice_delivery_days: int = 2
    kinds: tuple[tuple[str, float], ...] = DEFAULT_KINDS
    kind_minutes: tuple[tuple[str, float], ...] = DEFAULT_KIND_MINUTES
    service_cv: float = 0.5  # coefficient of variation of service times (lognormal)
    pin_reset_rate: float = 0.05  # self visitors with a forgotten / locked PIN
    card_expiring_rate: float = 0.03  # the card itself expires: referred to a new application
    guardian_no_photo_rate: float = 0.3
    no_show_rate: float = 0.03
    # mean patience (exponential): a visitor not called by then leaves (a cancelled ticket);
    # 0 = nobody leaves. Short waits lose almost nobody, an hour's wait about one in five
    patience_minutes: float = 300.0
    transfer_rate: float = 0.03
    transfers: tuple[tuple[str, str], ...] = DEFAULT_TRANSFERS
    return_rate: float = 0.85  # inquiries whose second visit happens
    # visit plans: the share of visitors of a plan's first procedure who come for the whole
    # plan (転入: moving → ecert → other), where the office offers it. 0 by default (the
    # history's shape stays what the forecast tests know); `madoguchi demo` uses
    # DEMO_PLAN_RATE
    plan_rate: float = 0.0
    # the pickup stage (交付) of `pickup = true` procedures: minutes until the document is
    # ready, then until the visitor collects it
    preparing_minutes: float = 20.0
    pickup_wait_minutes: float = 5.0


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
