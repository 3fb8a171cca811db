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
    # -- the intake (F2) -------------------------------------------------------------------
    "reception.key.visit": {"ja": "来庁者", "en": "Visitor"},
    "reception.key.brought": {"ja": "持参物", "en": "Brought"},
    "reception.key.expiry": {"ja": "有効期限", "en": "Expiry"},
    "reception.intake.visit_key": {"ja": "来庁者 (F5)", "en": "Who came (F5)"},
    "reception.intake.brought_key": {"ja": "持参したもの (F6)", "en": "Brought (F6)"},
    "reception.intake.renew_short": {"ja": "更新する", "en": "Renew"},
    "reception.intake.expiry_key": {"ja": "有効期限 (F7)", "en": "Expiry (F7)"},
    "reception.intake.expiry_forms": {"ja": "R9.5.7 / 2027-05-07", "en": "2027-05-07 / R9.5.7"},
    # -- the scheduling screen -------------------------------------------------------------
    "inq.keys.prev_month": {"ja": "前月", "en": "Prev month"},
    "inq.keys.next_month": {"ja": "次月", "en": "Next month"},
    "inq.keys.confirm": {"ja": "予約確定", "en": "Book"},
    # -- the cases screen (F11) ------------------------------------------------------------
    "inq.keys.open": {"ja": "開く", "en": "Open"},
    "inq.keys.find": {"ja": "検索/開く", "en": "Find/open"},
    "inq.keys.scan_placeholder": {
        "ja": "伝票のQR・予約番号 (R-XXXX)・番号 (A-012) で検索 Enter",
        "en": "Scan a slip, type its code (R-XXXX) or a number (A-012), Enter",
    },
    "inq.keys.later_title": {
        "ja": "後で予約 (文書照会で終了、案件未登録)",
        "en": "Left for later (finished with an inquiry, no case yet)",
    },
    "inq.keys.col_number": {"ja": "番号", "en": "Number"},
    "inq.keys.col_day": {"ja": "来庁日", "en": "Visit"},
    "inq.keys.col_visit": {"ja": "来庁者", "en": "Visitor"},
    "inq.keys.col_counter": {"ja": "窓口", "en": "Counter"},
    "inq.keys.scan_unknown": {
        "ja": "読み取れませんでした。伝票のQR、予約番号 (R-XXXX) または番号 (A-012) を入力してください",
        "en": "Not recognised: scan a slip or type its code (R-XXXX) or a number (A-012)",
    },
    "inq.keys.found_case": {"ja": "{label}: 案件 #{id}", "en": "{label}: case #{id}"},
    "inq.keys.found_later": {
        "ja": "{label}: 案件未登録です。Enter で登録と予約",
        "en": "{label}: no case yet; Enter opens one and books",
    },
    "inq.keys.no_case": {
        "ja": "{label} には文書照会の案件がありません",
        "en": "{label} has no document inquiry case",
    },
}
