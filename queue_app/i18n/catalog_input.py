"""Messages of keyboard input: typed dates, the keys of each screen."""

_FORMS_JA = "2027-05-07、2027/5/7、R9.5.7、令和9年5月7日"
_FORMS_EN = "2027-05-07, 2027/5/7, R9.5.7 or 令和9年5月7日"

MESSAGES: dict[str, dict[str, str]] = {
    "date.err.field": {
        "ja": "{field}: {problem}",
        "en": "{field}: {problem}",
    },
    "date.err.empty": {
        "ja": f"日付が入力されていません。例: {_FORMS_JA}",
        "en": f"no date was entered; for example {_FORMS_EN}",
    },
    "date.err.format": {
        "ja": f"日付として読めません。{_FORMS_JA} のように入力してください",
        "en": f"this is not a date; type it like {_FORMS_EN}",
    },
    "date.err.no_such_day": {
        "ja": "{year}年{month}月{day}日という日はありません。月と日を確かめてください",
        "en": "there is no day {year}-{month:02d}-{day:02d}; check the month and the day",
    },
    "date.err.era_year": {
        "ja": "{era}の年は1 (元年) から数えます。年を確かめてください",
        "en": "{era} years count from 1 (元年); check the year",
    },
    "date.err.before_era": {
        "ja": "{era}は{start}からです (入力した日は西暦 {iso})。元号を確かめてください",
        "en": "{era} began on {start_iso} (the date typed is {iso}); check the era",
    },
    "date.err.range": {
        "ja": "{low}年から{high}年までの日付を入力してください",
        "en": "type a date between the years {low} and {high}",
    },
}
