"""Reading a date the way a clerk or a visitor writes it. Pure: no I/O.

One parser for every place a person types a date (the intake's expiry field, the scheduling
and reports screens, the CLI's ``--expiry`` and ``--date``):

* 西暦: ``2027-05-07``, ``2027/5/7``, ``2027.5.7``, ``2027年5月7日``, ``20270507``;
* 和暦: ``R9.5.7``, ``R9/5/7``, ``令和9年5月7日``, ``令和元年5月1日``, ``H31.4.30``,
  ``平成31年4月30日``, ``S64.1.7`` (昭和), the one-character forms ``令9.5.7`` and the
  era ligatures ``㋿``/``㍻``/``㍼``.

Full-width digits and letters (``２０２７／５／７``, ``Ｒ９．５．７``) are read like their
half-width forms (NFKC), spaces are ignored and the era letter may be lower case.

An era year counts from the era's first year (元年 = 1). A date before the era began is
refused (平成1年1月7日 was 昭和64年): it names no day. A date after the era ended is read
as the continuation of that era's count (平成33年 = 2021), because documents printed before
an era change carry such dates (licences, notices); see docs/decisions.md.

Errors are `DateInputError` with a catalogue key that says what is wrong; the rejected text
is never part of the message (it could be a PIN typed into the wrong field).
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from queue_app.domain.errors import InputError

# Catalogue keys, one per problem.
ERR_EMPTY = "date.err.empty"
ERR_FORMAT = "date.err.format"
ERR_NO_SUCH_DAY = "date.err.no_such_day"
ERR_ERA_YEAR = "date.err.era_year"
ERR_BEFORE_ERA = "date.err.before_era"
ERR_RANGE = "date.err.range"

MIN_YEAR = 1900
MAX_YEAR = 2199


class Era(NamedTuple):
    """A Japanese era: its names, its first day and the western year of its year 1, minus 1.
    (A named tuple, not a dataclass: `dataclasses` and the `inspect` it imports cost a CLI
    command that only reads a date ~15 ms; issue 17.)"""

    letter: str
    name: str
    short: str
    start: date

    @property
    def offset(self) -> int:
        return self.start.year - 1


ERAS: tuple[Era, ...] = (
    Era("R", "令和", "令", date(2019, 5, 1)),
    Era("H", "平成", "平", date(1989, 1, 8)),
    Era("S", "昭和", "昭", date(1926, 12, 25)),
)
_BY_PREFIX: dict[str, Era] = {}
for _era in ERAS:
    _BY_PREFIX[_era.letter] = _era
    _BY_PREFIX[_era.name] = _era
    _BY_PREFIX[_era.short] = _era


class DateInputError(InputError):
    """A typed date that cannot be read; ``key`` names the problem (see the ERR_ constants).

    `for_field` gives a copy that names the field (a CLI flag, a form label) in its message.
    """

    field: str | None = None

    def for_field(self, field: str) -> DateInputError:
        named = DateInputError(self.key, **self.params)
        named.field = field
        return named

    def message(self, lang: str = "ja") -> str:
        from queue_app.i18n import t

        problem = super().message(lang)
        if self.field is None:
            return problem
        return t("date.err.field", lang, field=self.field, problem=problem)


_SEP = r"[-/.]"
_WESTERN = re.compile(
    rf"^(?P<y>\d{{4}})(?:(?P<s>{_SEP})(?P<m>\d{{1,2}})(?P=s)(?P<d>\d{{1,2}})"
    r"|年(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日?)$"
)
_COMPACT = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$")
_ERA = re.compile(
    r"^(?P<era>[RHS]|令和|平成|昭和|令|平|昭)(?P<y>\d{1,3}|元)"
    rf"(?:(?P<s>{_SEP})(?P<m>\d{{1,2}})(?P=s)(?P<d>\d{{1,2}})"
    r"|年(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日?)$"
)


def normalize(text: str) -> str:
    """Full-width to half-width (NFKC), spaces removed, era letter upper case."""
    if text.isascii():  # NFKC leaves ASCII as it is: `unicodedata` only for typed kana/kanji
        folded = text
    else:
        import unicodedata

        folded = unicodedata.normalize("NFKC", text)
    folded = re.sub(r"\s+", "", folded)
    return folded.upper()


def _make(year: int, month: int, day: int) -> date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateInputError(ERR_RANGE, low=MIN_YEAR, high=MAX_YEAR)
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise DateInputError(ERR_NO_SUCH_DAY, year=year, month=month, day=day) from exc


def parse_date(text: str) -> date:
    """The date `text` names, in any of the forms in the module docstring.

    Raises `DateInputError` (an `InputError`) naming the problem, never echoing `text`.
    """
    value = normalize(text)
    if not value:
        raise DateInputError(ERR_EMPTY)
    if match := _COMPACT.match(value):
        return _make(int(match["y"]), int(match["m"]), int(match["d"]))
    if match := _WESTERN.match(value):
        month = match["m"] or match["m2"]
        day = match["d"] or match["d2"]
        return _make(int(match["y"]), int(month), int(day))
    if match := _ERA.match(value):
        era = _BY_PREFIX[match["era"]]
        era_year = 1 if match["y"] == "元" else int(match["y"])
        if era_year < 1:
            raise DateInputError(ERR_ERA_YEAR, era=era.name)
        month = int(match["m"] or match["m2"])
        day = int(match["d"] or match["d2"])
        result = _make(era.offset + era_year, month, day)
        if result < era.start:
            raise DateInputError(
                ERR_BEFORE_ERA,
                era=era.name,
                start=wareki(era.start),
                start_iso=era.start.isoformat(),
                iso=result.isoformat(),
            )
        return result
    raise DateInputError(ERR_FORMAT)


def era_of(day: date) -> Era | None:
    """The era `day` falls in (the latest era that had begun), None before 昭和."""
    for era in ERAS:
        if day >= era.start:
            return era
    return None


def wareki(day: date) -> str:
    """``令和9年5月7日``; the first year is written 元年. Before 昭和: the ISO form."""
    era = era_of(day)
    if era is None:
        return day.isoformat()
    year = day.year - era.offset
    shown = "元" if year == 1 else str(year)
    return f"{era.name}{shown}年{day.month}月{day.day}日"


def wareki_short(day: date) -> str:
    """``R9.5.7``: the form clerks type. Before 昭和: the ISO form."""
    era = era_of(day)
    if era is None:
        return day.isoformat()
    return f"{era.letter}{day.year - era.offset}.{day.month}.{day.day}"
