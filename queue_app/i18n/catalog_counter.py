"""Messages of the counter's call flow, staff codes and the audit log."""

MESSAGES: dict[str, dict[str, str]] = {
    # -- one visitor at a time -------------------------------------------------------------
    "err.counter_busy": {
        "ja": (
            "{counter}番窓口には {number} ({state}) がまだいます。先に終了・不在・順番に戻す"
            "のいずれかにしてください (madoguchi ticket finish|no-show|requeue {number} "
            "--office {office})"
        ),
        "en": (
            "counter {counter} still has {number} ({state}); finish it, mark it absent or "
            "put it back in the queue first (madoguchi ticket finish|no-show|requeue "
            "{number} --office {office})"
        ),
    },
    "ticket.none_for_counter": {
        "ja": (
            "{counter}番窓口で扱う手続をお待ちの方はいません (お待ちの {waiting} 人は"
            "この窓口では扱わない手続です)"
        ),
        "en": (
            "nobody is waiting for what counter {counter} serves ({waiting} waiting for "
            "procedures this counter does not handle)"
        ),
    },
    "ticket.last_recall": {
        "ja": "これが最後の呼び出しです。次の再呼出で {number} は不在になります",
        "en": "this was the last recall: the next recall marks {number} absent (no-show)",
    },
    # -- staff codes ---------------------------------------------------------------------
    "err.staff_required": {
        "ja": (
            "この操作には職員コードが必要です。--staff に設定の [[staff]] に登録された"
            "コードを指定してください"
        ),
        "en": (
            "this action needs a staff code: add --staff with a code registered under "
            "[[staff]] in the configuration"
        ),
    },
    "err.staff_unknown": {
        "ja": (
            "--staff の職員コードは登録されていません。設定の [[staff]] に登録された"
            "コードを指定してください"
        ),
        "en": (
            "the --staff code is not registered; use a code listed under [[staff]] in "
            "the configuration"
        ),
    },
    "err.staff_office": {
        "ja": "この職員コードは {office} では使えません (設定の [[staff]] の offices)",
        "en": "this staff code is not allowed at {office} (offices of its [[staff]] entry)",
    },
    "err.outcome_required": {
        "ja": (
            "{service} は結果を記録する手続です。--outcome で結果を指定してください "
            "(選べる結果: {known})"
        ),
        "en": "{service} records its outcome: give one with --outcome (one of: {known})",
    },
    # -- madoguchi audit -----------------------------------------------------------------
    "audit.none": {
        "ja": "{day} の監査記録はありません",
        "en": "no audit entries on {day}",
    },
    "audit.header": {
        "ja": "{day} の監査記録 {count} 件",
        "en": "{count} audit entries on {day}",
    },
}
