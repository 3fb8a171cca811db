"""Japan's national holidays 2015-2045, as the `holidays` package (0.109) computes them.

Importing `holidays` costs ~100-130 ms (it loads every country) and a clerk's terminal, the
display and `madoguchi ticket issue` need only Japan's days off: this table, generated from
the package, answers for the years it holds; other years still ask the package
(`queue_app/domain/calendar.py`). `tests/test_jp_holidays.py` checks that the table equals
the package for every year, so a package update that changes a day is noticed.

Each year: `MMDD` and a letter naming the holiday in NAMES (Japanese, English).
"""

from __future__ import annotations

FIRST_YEAR, LAST_YEAR = 2015, 2045

NAMES: dict[str, tuple[str, str]] = {
    "a": ("元日", "New Year's Day"),
    "b": ("成人の日", "Coming of Age Day"),
    "c": ("建国記念の日", "Foundation Day"),
    "d": ("春分の日", "Vernal Equinox Day"),
    "e": ("昭和の日", "Showa Day"),
    "f": ("憲法記念日", "Constitution Day"),
    "g": ("みどりの日", "Greenery Day"),
    "h": ("こどもの日", "Children's Day"),
    "i": ("振替休日", "Substitute Holiday"),
    "j": ("海の日", "Marine Day"),
    "k": ("敬老の日", "Respect for the Aged Day"),
    "l": ("国民の休日", "National Holiday"),
    "m": ("秋分の日", "Autumnal Equinox Day"),
    "n": ("体育の日", "Physical Education Day"),
    "o": ("文化の日", "Culture Day"),
    "p": ("勤労感謝の日", "Labor Thanksgiving Day"),
    "q": ("天皇誕生日", "Emperor's Birthday"),
    "r": ("山の日", "Mountain Day"),
    "s": ("天皇の即位の日", "Emperor's Enthronement Day"),
    "t": ("即位礼正殿の儀が行われる日", "Emperor's Enthronement Day"),
    "u": ("スポーツの日", "Sports Day"),
}

YEARS: dict[int, str] = {
    2015: "0101a 0112b 0211c 0321d 0429e 0503f 0504g 0505h 0506i 0720j 0921k 0922l 0923m 1012n 1103o 1123p 1223q",
    2016: "0101a 0111b 0211c 0320d 0321i 0429e 0503f 0504g 0505h 0718j 0811r 0919k 0922m 1010n 1103o 1123p 1223q",
    2017: "0101a 0102i 0109b 0211c 0320d 0429e 0503f 0504g 0505h 0717j 0811r 0918k 0923m 1009n 1103o 1123p 1223q",
    2018: "0101a 0108b 0211c 0212i 0321d 0429e 0430i 0503f 0504g 0505h 0716j 0811r 0917k 0923m 0924i 1008n 1103o 1123p 1223q 1224i",
    2019: "0101a 0114b 0211c 0321d 0429e 0430l 0501s 0502l 0503f 0504g 0505h 0506i 0715j 0811r 0812i 0916k 0923m 1014n 1022t 1103o 1104i 1123p",
    2020: "0101a 0113b 0211c 0223q 0224i 0320d 0429e 0503f 0504g 0505h 0506i 0723j 0724u 0810r 0921k 0922m 1103o 1123p",
    2021: "0101a 0111b 0211c 0223q 0320d 0429e 0503f 0504g 0505h 0722j 0723u 0808r 0809i 0920k 0923m 1103o 1123p",
    2022: "0101a 0110b 0211c 0223q 0321d 0429e 0503f 0504g 0505h 0718j 0811r 0919k 0923m 1010u 1103o 1123p",
    2023: "0101a 0102i 0109b 0211c 0223q 0321d 0429e 0503f 0504g 0505h 0717j 0811r 0918k 0923m 1009u 1103o 1123p",
    2024: "0101a 0108b 0211c 0212i 0223q 0320d 0429e 0503f 0504g 0505h 0506i 0715j 0811r 0812i 0916k 0922m 0923i 1014u 1103o 1104i 1123p",
    2025: "0101a 0113b 0211c 0223q 0224i 0320d 0429e 0503f 0504g 0505h 0506i 0721j 0811r 0915k 0923m 1013u 1103o 1123p 1124i",
    2026: "0101a 0112b 0211c 0223q 0320d 0429e 0503f 0504g 0505h 0506i 0720j 0811r 0921k 0922l 0923m 1012u 1103o 1123p",
    2027: "0101a 0111b 0211c 0223q 0321d 0322i 0429e 0503f 0504g 0505h 0719j 0811r 0920k 0923m 1011u 1103o 1123p",
    2028: "0101a 0110b 0211c 0223q 0320d 0429e 0503f 0504g 0505h 0717j 0811r 0918k 0922m 1009u 1103o 1123p",
    2029: "0101a 0108b 0211c 0212i 0223q 0320d 0429e 0430i 0503f 0504g 0505h 0716j 0811r 0917k 0923m 0924i 1008u 1103o 1123p",
    2030: "0101a 0114b 0211c 0223q 0320d 0429e 0503f 0504g 0505h 0506i 0715j 0811r 0812i 0916k 0923m 1014u 1103o 1104i 1123p",
    2031: "0101a 0113b 0211c 0223q 0224i 0321d 0429e 0503f 0504g 0505h 0506i 0721j 0811r 0915k 0923m 1013u 1103o 1123p 1124i",
    2032: "0101a 0112b 0211c 0223q 0320d 0429e 0503f 0504g 0505h 0719j 0811r 0920k 0921l 0922m 1011u 1103o 1123p",
    2033: "0101a 0110b 0211c 0223q 0320d 0321i 0429e 0503f 0504g 0505h 0718j 0811r 0919k 0923m 1010u 1103o 1123p",
    2034: "0101a 0102i 0109b 0211c 0223q 0320d 0429e 0503f 0504g 0505h 0717j 0811r 0918k 0923m 1009u 1103o 1123p",
    2035: "0101a 0108b 0211c 0212i 0223q 0321d 0429e 0430i 0503f 0504g 0505h 0716j 0811r 0917k 0923m 0924i 1008u 1103o 1123p",
    2036: "0101a 0114b 0211c 0223q 0320d 0429e 0503f 0504g 0505h 0506i 0721j 0811r 0915k 0922m 1013u 1103o 1123p 1124i",
    2037: "0101a 0112b 0211c 0223q 0320d 0429e 0503f 0504g 0505h 0506i 0720j 0811r 0921k 0922l 0923m 1012u 1103o 1123p",
    2038: "0101a 0111b 0211c 0223q 0320d 0429e 0503f 0504g 0505h 0719j 0811r 0920k 0923m 1011u 1103o 1123p",
    2039: "0101a 0110b 0211c 0223q 0321d 0429e 0503f 0504g 0505h 0718j 0811r 0919k 0923m 1010u 1103o 1123p",
    2040: "0101a 0102i 0109b 0211c 0223q 0320d 0429e 0430i 0503f 0504g 0505h 0716j 0811r 0917k 0922m 1008u 1103o 1123p",
    2041: "0101a 0114b 0211c 0223q 0320d 0429e 0503f 0504g 0505h 0506i 0715j 0811r 0812i 0916k 0923m 1014u 1103o 1104i 1123p",
    2042: "0101a 0113b 0211c 0223q 0224i 0320d 0429e 0503f 0504g 0505h 0506i 0721j 0811r 0915k 0923m 1013u 1103o 1123p 1124i",
    2043: "0101a 0112b 0211c 0223q 0321d 0429e 0503f 0504g 0505h 0506i 0720j 0811r 0921k 0922l 0923m 1012u 1103o 1123p",
    2044: "0101a 0111b 0211c 0223q 0320d 0321i 0429e 0503f 0504g 0505h 0718j 0811r 0919k 0922m 1010u 1103o 1123p",
    2045: "0101a 0102i 0109b 0211c 0223q 0320d 0429e 0503f 0504g 0505h 0717j 0811r 0918k 0922m 1009u 1103o 1123p",
}
