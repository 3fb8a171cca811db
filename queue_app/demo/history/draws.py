"""Random draws (Poisson, weighted pick, lognormal), appointment codes and notice dates."""

from __future__ import annotations

import math
import random
from datetime import date, datetime, timedelta

from queue_app.demo.history.options import HistoryConfig


def _poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit = math.exp(-lam)
    k, p = 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _pick(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    total = sum(w for _, w in weighted)
    x = rng.random() * total
    for name, w in weighted:
        x -= w
        if x <= 0:
            return name
    return weighted[-1][0]


def _lognormal(rng: random.Random, mean: float, cv: float) -> float:
    sigma2 = math.log(1.0 + cv * cv)
    return rng.lognormvariate(math.log(mean) - sigma2 / 2, math.sqrt(sigma2))


CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # the slips' alphabet (R-7K2Q)
CODE_SPACE = len(CODE_ALPHABET) ** 4


def appointment_code(appointment_id: int) -> str:
    """`R-7K2Q` like a booked slip; distinct for the first 32**4 ids (a bijection mod 32**4)."""
    n = (appointment_id * 724_639 + 91_573) % CODE_SPACE  # odd multiplier: invertible
    chars = []
    for _ in range(4):
        n, digit = divmod(n, len(CODE_ALPHABET))
        chars.append(CODE_ALPHABET[digit])
    return "R-" + "".join(reversed(chars))


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def notice_dates(options: HistoryConfig, start: date, end: date) -> list[date]:
    """The expiry-notice mailing dates that can affect days in [start, end]."""
    if options.notice_dates:
        return sorted(options.notice_dates)
    found = []
    year, month = (start - timedelta(days=40)).year, (start - timedelta(days=40)).month
    while date(year, month, 1) <= end:
        found.append(date(year, month, min(options.notice_day_of_month, 28)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found
