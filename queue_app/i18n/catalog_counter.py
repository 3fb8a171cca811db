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
    # -- the reception's counter dialogs ------------------------------------------------------
    "reception.busy.title": {
        "ja": "{counter}番窓口には {number} ({state}) がいます",
        "en": "Counter {counter} still has {number} ({state})",
    },
    "reception.busy.note": {
        "ja": "次の方を呼ぶ前に、この方をどうしますか (Esc: 呼ばない)",
        "en": "Before calling the next visitor, what happens to this one? (Esc: call nobody)",
    },
    "reception.busy.finish": {"ja": "終了して次へ", "en": "Finish, then call"},
    "reception.busy.no_show": {"ja": "不在にして次へ", "en": "Absent (no-show), then call"},
    "reception.busy.requeue": {"ja": "順番に戻して次へ", "en": "Back to the queue, then call"},
    "reception.recall_warn.title": {
        "ja": "{number} はすでに {limit} 回呼び出しました。もう一度呼ぶと不在になります",
        "en": "{number} was recalled {limit} times: one more recall marks it absent (no-show)",
    },
    "reception.recall_warn.recall": {
        "ja": "呼び出して不在にする",
        "en": "Recall and mark absent",
    },
    "reception.recall_warn.keep": {"ja": "やめる (呼出中のまま)", "en": "Keep it called"},
    "reception.act.none_here": {
        "ja": "この窓口の手続をお待ちの方はいません (ほかの手続で {waiting} 人待っています)",
        "en": "Nobody waiting for this counter ({waiting} waiting for other procedures)",
    },
    "reception.waiting.title_here": {
        "ja": "待っている方 {count}人 (この窓口で {here}人) 目標 {target}分",
        "en": "Waiting: {count} ({here} for counter {counter}), target {target} min",
    },
    "reception.key.override": {"ja": "時間外発券", "en": "Override"},
    "reception.override.title": {
        "ja": "時間外・休業中の発券 (理由を記録します)",
        "en": "Issue although closed (the reason is recorded)",
    },
    "reception.override.note": {
        "ja": "理由と職員コード {staff} が番号札と監査記録に残ります。Enter で受付へ",
        "en": "The reason and staff code {staff} go on the ticket and the audit log. Enter: intake",
    },
    "reception.override.placeholder": {
        "ja": "理由 (例: 17:15 前に来庁済み)",
        "en": "reason (e.g. arrived before 17:15)",
    },
    "reception.override.hint": {
        "ja": "(F12: 理由を記録して時間外発券)",
        "en": "(F12: issue anyway, with a recorded reason)",
    },
    "reception.override.active": {
        "ja": "時間外発券: {reason}",
        "en": "Override: {reason}",
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
            "{service_ja} は結果を記録する手続です。--outcome で結果を指定してください "
            "(選べる結果: {known})"
        ),
        "en": "{service_en} records its outcome: give one with --outcome (one of: {known})",
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
