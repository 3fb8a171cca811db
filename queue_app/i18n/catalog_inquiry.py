"""Messages of the inquiry part (Japanese first, English second).

Keys start with `inq.`: document inquiry cases (文書照会), second-visit appointments, slips,
check-in, purge, and the scheduling / cases screens.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # -- errors ------------------------------------------------------------------------
    "inq.err.illegal_case": {
        "ja": "照会案件の状態「{state}」では「{action}」はできません",
        "en": "a case in state '{state}' cannot be '{action}'",
    },
    "inq.err.reason": {
        "ja": "照会の理由 '{value}' は使えません (使える値: {known})",
        "en": "unknown inquiry reason '{value}' (known: {known})",
    },
    "inq.err.name_kana": {
        "ja": "氏名(カナ) はひらがな・カタカナで64文字以内で入力してください (入力値は表示しません)",
        "en": "the name must be written in kana, at most 64 characters (the value is not shown)",
    },
    "inq.err.phone": {
        "ja": "電話番号が不正です (数字とハイフン、6〜11桁。入力値は表示しません)",
        "en": "the phone number is invalid (digits and hyphens, 6 to 11 digits; the value is not shown)",
    },
    "inq.err.phone_my_number": {
        "ja": "12桁の番号は電話番号として登録できません (個人番号は記録しません)",
        "en": "a 12-digit number cannot be stored as a phone number (no My Number is ever stored)",
    },
    "inq.err.time": {
        "ja": "{flag} の時刻 '{value}' が不正です。HH:MM の形で指定してください (例: 09:30)",
        "en": "{flag}: '{value}' is not a time; use HH:MM (e.g. 09:30)",
    },
    "inq.err.number": {
        "ja": "{flag} には正の整数を指定してください ('{value}')",
        "en": "{flag} must be a positive whole number (got '{value}')",
    },
    "inq.err.case_not_found": {
        "ja": "照会案件 #{id} はありません",
        "en": "there is no inquiry case #{id}",
    },
    "inq.err.appointment_not_found": {
        "ja": "予約 '{value}' は見つかりません",
        "en": "appointment '{value}' not found",
    },
    "inq.err.which_appointment": {
        "ja": "予約を --id か --code で指定してください",
        "en": "name the appointment with --id or --code",
    },
    "inq.err.code_invalid": {
        "ja": "'{value}' は予約番号ではありません (例: R-7K2Q)",
        "en": "'{value}' is not an appointment code (e.g. R-7K2Q)",
    },
    "inq.err.not_mailed": {
        "ja": "照会案件 #{id} はまだ郵送されていません。先に郵送日を記録してください",
        "en": "case #{id} has not been mailed yet: record the mailing date first",
    },
    "inq.err.already_booked": {
        "ja": "照会案件 #{id} はすでに予約済みです。変更は予約の変更で行ってください",
        "en": "case #{id} is already booked: reschedule the appointment instead",
    },
    "inq.err.case_closed": {
        "ja": "照会案件 #{id} は終了しています (状態: {state})",
        "en": "case #{id} is closed (state: {state})",
    },
    "inq.err.ticket_not_inquiry": {
        "ja": "番号 {number} は文書照会の受付ではありません (判定: {decision}, 結果: {outcome})",
        "en": "ticket {number} did not end in a document inquiry (decision: {decision}, outcome: {outcome})",
    },
    "inq.err.mailed_future": {
        "ja": "郵送日 {value} は未来の日付です",
        "en": "the mailing date {value} is in the future",
    },
    "inq.err.mailed_before_open": {
        "ja": "郵送日 {value} は受付日 {opened} より前です",
        "en": "the mailing date {value} is before the case was opened ({opened})",
    },
    "inq.err.state": {
        "ja": "状態 '{value}' はありません (使える値: {known})",
        "en": "unknown state '{value}' (known: {known})",
    },
    "inq.err.month": {
        "ja": "月 '{value}' が不正です",
        "en": "'{value}' is not a month",
    },
    "inq.err.month_flag": {
        "ja": "--month '{value}' が不正です。YYYY-MM の形で指定してください (例: 2026-12)",
        "en": "--month '{value}' is invalid; use YYYY-MM (e.g. 2026-12)",
    },
    "inq.err.day_closed": {
        "ja": "{day} は{office}の閉庁日です ({reason})。開庁日を選んでください",
        "en": "{office_en} is closed on {day} ({reason_en}); choose an open day",
    },
    "inq.err.after_deadline": {
        "ja": "{day} は回答書の有効期限 {deadline} を過ぎています",
        "en": "{day} is after the answer's deadline {deadline}",
    },
    "inq.err.too_early": {
        "ja": "{day} は照会書の到着前です。{first} 以降を選んでください",
        "en": "{day} is before the inquiry can have arrived; choose {first} or later",
    },
    "inq.err.past_day": {
        "ja": "{day} は過ぎた日です (今日: {today})",
        "en": "{day} is in the past (today: {today})",
    },
    "inq.err.slot_started": {
        "ja": "{day} {time} の枠はすでに始まっています",
        "en": "the {time} slot on {day} has already started",
    },
    "inq.err.no_such_slot": {
        "ja": "{day} に {time} 開始の枠はありません (枠: {known})",
        "en": "there is no slot starting at {time} on {day} (slots: {known})",
    },
    "inq.err.slot_full": {
        "ja": "{day} {time} の枠は満席になりました。別の枠を選んでください",
        "en": "the {time} slot on {day} has just been filled; choose another slot",
    },
    "inq.err.no_code": {
        "ja": "予約番号を作れませんでした。もう一度お試しください",
        "en": "could not make an appointment code; try again",
    },
    "inq.err.appointment_state": {
        "ja": "予約 {code} (状態: {state}) は{action}できません",
        "en": "appointment {code} (state: {state}) cannot be {action}",
    },
    "inq.err.same_slot": {
        "ja": "予約 {code} はすでにその枠です",
        "en": "appointment {code} is already in that slot",
    },
    "inq.err.slip_malformed": {
        "ja": "予約票のQRコードを読み取れません。予約番号を入力してください",
        "en": "the slip's QR code cannot be read; type the appointment code",
    },
    "inq.err.slip_forged": {
        "ja": "この予約票は本市が発行したものではありません (署名が一致しません)",
        "en": "this slip was not issued here (the signature does not match)",
    },
    "inq.err.slip_wrong_kind": {
        "ja": "これは予約票ではありません (整理券のQRコードです)",
        "en": "this is not an appointment slip (it is a queue ticket's QR code)",
    },
    "inq.err.slip_other_office": {
        "ja": "この予約は{office}の予約です ({day})。こちらは{here}です",
        "en": "this appointment is at {office_en} ({day}), not here ({here})",
    },
    "inq.err.slip_other_day": {
        "ja": "この予約は {day} の予約です (今日は {today})",
        "en": "this appointment is for {day} (today is {today})",
    },
    "inq.err.appointment_cancelled": {
        "ja": "予約 {code} は取り消されています",
        "en": "appointment {code} was cancelled",
    },
    "inq.err.already_checked_in": {
        "ja": "予約 {code} は受付済みです (番号 {number})",
        "en": "appointment {code} is already checked in (number {number})",
    },
    # -- states and reasons ------------------------------------------------------------
    "inq.state.opened": {"ja": "受付", "en": "opened"},
    "inq.state.mailed": {"ja": "郵送済", "en": "mailed"},
    "inq.state.booked": {"ja": "予約済", "en": "booked"},
    "inq.state.completed": {"ja": "完了", "en": "completed"},
    "inq.state.expired": {"ja": "期限切れ", "en": "expired"},
    "inq.state.cancelled": {"ja": "取消", "en": "cancelled"},
    "inq.appt_state.booked": {"ja": "予約", "en": "booked"},
    "inq.appt_state.checked_in": {"ja": "受付済", "en": "checked in"},
    "inq.appt_state.cancelled": {"ja": "取消", "en": "cancelled"},
    "inq.appt_state.no_show": {"ja": "未来庁", "en": "no-show"},
    "inq.reason.agent_first": {"ja": "代理人1回目", "en": "agent 1st visit"},
    "inq.reason.pin_reset": {"ja": "暗証番号再設定", "en": "PIN reset"},
    "inq.reason.guardian_no_photo_id": {"ja": "後見人(写真なし)", "en": "guardian, no photo ID"},
    "inq.reason.other": {"ja": "その他", "en": "other"},
    # -- lists (CLI) -------------------------------------------------------------------
    "inq.list.header": {
        "ja": "案件   窓口        状態     理由             期限       残り",
        "en": "case   office      state    reason           deadline   left",
    },
    "inq.list.none": {"ja": "該当する照会案件はありません", "en": "no matching cases"},
    "inq.list.not_mailed": {"ja": "未郵送", "en": "not mailed"},
    "inq.list.overdue": {"ja": "期限超過 {days} 日", "en": "overdue by {days} days"},
    "inq.list.days_left": {"ja": "残り {days} 日", "en": "{days} days left"},
    "inq.appt.none": {"ja": "予約はありません", "en": "no appointments"},
    "inq.slots.window": {
        "ja": "予約できる期間: {first} から {deadline} まで (開庁日のみ)",
        "en": "bookable from {first} to {deadline} (open days only)",
    },
    "inq.slots.free": {"ja": "空き {free}/{seats}", "en": "{free}/{seats} free"},
    "inq.slots.not_bookable": {"ja": "予約不可", "en": "not bookable"},
    "inq.slots.none_day": {"ja": "{day} に空いている枠はありません", "en": "no free slot on {day}"},
    # -- CLI results -------------------------------------------------------------------
    "inq.cli.opened": {"ja": "照会案件 #{id} を登録しました", "en": "case #{id} opened"},
    "inq.cli.mailed": {
        "ja": "照会案件 #{id}: 郵送日 {mailed}、回答書の有効期限 {deadline}",
        "en": "case #{id}: mailed on {mailed}, the answer is valid until {deadline}",
    },
    "inq.cli.booked": {
        "ja": "予約しました: {code} {day} {time}",
        "en": "booked: {code} {day} {time}",
    },
    "inq.cli.cancelled": {
        "ja": "予約 {code} を取り消しました",
        "en": "appointment {code} cancelled",
    },
    "inq.cli.rescheduled": {
        "ja": "予約 {code} を {day} {time} に変更しました (予約票を印刷し直してください)",
        "en": "appointment {code} moved to {day} {time} (print the slip again)",
    },
    "inq.cli.checked_in": {
        "ja": "予約 {code} を受け付けました。番号 {number} (優先)",
        "en": "appointment {code} checked in: number {number} (priority)",
    },
    "inq.cli.purged": {
        "ja": "個人情報を消去した案件: {purged} 件 (終了後 {days} 日経過)。完了 {completed} 件、期限切れ {expired} 件、未来庁 {no_shows} 件",
        "en": "personal data erased from {purged} cases (closed more than {days} days ago); completed {completed}, expired {expired}, no-shows {no_shows}",
    },
    # -- slip --------------------------------------------------------------------------
    "inq.slip.title": {
        "ja": "電子証明書更新 2回目来庁 予約票",
        "en": "E-certificate renewal: second visit appointment",
    },
    "inq.slip.code": {"ja": "予約番号", "en": "Code"},
    "inq.slip.office": {"ja": "窓口", "en": "Office"},
    "inq.slip.service": {"ja": "手続", "en": "Procedure"},
    "inq.slip.when": {"ja": "日時", "en": "Date and time"},
    "inq.slip.deadline": {"ja": "回答書の有効期限", "en": "Answer form valid until"},
    "inq.slip.bring": {"ja": "お持ちいただくもの", "en": "Please bring"},
    "inq.slip.bring.card": {
        "ja": "更新対象者本人のマイナンバーカード",
        "en": "the My Number Card of the person renewing",
    },
    "inq.slip.bring.card_ward": {
        "ja": "更新対象者本人(成年被後見人)のマイナンバーカード",
        "en": "the ward's My Number Card",
    },
    "inq.slip.bring.notice": {
        "ja": "電子証明書 有効期限のお知らせ(届いている場合)",
        "en": "the e-certificate expiry notice (if it has arrived)",
    },
    "inq.slip.bring.answer_form_sealed": {
        "ja": "郵送した照会書兼回答書(本人が署名又は記名押印し、暗証番号を記入して封をしたもの)",
        "en": "the inquiry answer form we mailed, signed or sealed by the person, PINs sealed inside",
    },
    "inq.slip.bring.answer_form": {
        "ja": "郵送した照会書兼回答書(必要事項を記入したもの)",
        "en": "the inquiry answer form we mailed, filled in",
    },
    "inq.slip.bring.photo_id_agent": {
        "ja": "代理人の官公署発行の顔写真付き本人確認書類(運転免許証、パスポートなど)",
        "en": "the agent's government-issued photo ID (driving licence, passport...)",
    },
    "inq.slip.bring.photo_id_guardian": {
        "ja": "成年後見人の官公署発行の顔写真付き本人確認書類(運転免許証、パスポートなど)",
        "en": "the guardian's government-issued photo ID (driving licence, passport...)",
    },
    "inq.slip.bring.any_id": {
        "ja": "代理人の本人確認書類(顔写真なしでも可)",
        "en": "an ID of the agent (no photo needed)",
    },
    "inq.slip.bring.registry_cert": {
        "ja": "成年後見人であることが確認できる登記事項証明書",
        "en": "the certificate of registered matters (登記事項証明書) proving the guardianship",
    },
    "inq.slip.bring.ward_if_sign": {
        "ja": "署名用電子証明書を更新する場合は、ご本人(成年被後見人)も同行してください",
        "en": "to renew the signing certificate, the ward must come too",
    },
    "inq.ui.slip_saved": {
        "ja": "予約票を保存しました: {path} (印刷コマンド未設定)",
        "en": "Slip saved: {path} (no print command)",
    },
    "inq.slip.note": {
        "ja": "当日、窓口でこの予約票のQRコードをご提示ください",
        "en": "Show this slip's QR code at the counter on the day",
    },
    # -- screens -----------------------------------------------------------------------
    "inq.ui.title": {"ja": "2回目来庁の予約", "en": "Second visit booking"},
    "inq.ui.cases_title": {"ja": "文書照会の案件", "en": "Document inquiry cases"},
    "inq.ui.case": {
        "ja": "案件 #{id}  {reason}  状態: {state}",
        "en": "Case #{id}  {reason}  state: {state}",
    },
    "inq.ui.case_deadline": {
        "ja": "郵送日 {mailed} ・ 有効期限 {deadline} (残り {days} 日)",
        "en": "mailed {mailed} · valid until {deadline} ({days} days left)",
    },
    "inq.ui.loading": {"ja": "読み込み中…", "en": "Loading…"},
    "inq.ui.open_case": {"ja": "照会案件を登録", "en": "Open the case"},
    "inq.ui.reason": {"ja": "理由", "en": "Reason"},
    "inq.ui.name_kana": {"ja": "氏名(カナ・任意)", "en": "Name in kana (optional)"},
    "inq.ui.phone": {"ja": "電話番号(任意)", "en": "Phone (optional)"},
    "inq.ui.mailed_on": {"ja": "郵送日", "en": "Mailed on"},
    "inq.ui.mark_mailed": {"ja": "郵送済みにする", "en": "Mark as mailed"},
    "inq.ui.office": {"ja": "窓口", "en": "Office"},
    "inq.ui.prev_month": {"ja": "◀ 前月", "en": "◀ Prev"},
    "inq.ui.next_month": {"ja": "次月 ▶", "en": "Next ▶"},
    "inq.ui.month": {"ja": "{year}年{month}月", "en": "{year}-{month:02d}"},
    "inq.ui.pick_day": {
        "ja": "日付を選んでください (数字は空席数)",
        "en": "Pick a day (numbers are free seats)",
    },
    "inq.ui.slots_of": {"ja": "{day} の空き枠", "en": "Free slots on {day}"},
    "inq.ui.no_slots": {"ja": "空いている枠はありません", "en": "No free slots"},
    "inq.ui.slot": {
        "ja": "{start}-{end}  空き {free}/{seats}",
        "en": "{start}-{end}  {free}/{seats} free",
    },
    "inq.ui.confirm": {"ja": "この枠で予約", "en": "Book this slot"},
    "inq.ui.confirm_text": {
        "ja": "{office} {day} {start}-{end} で予約します",
        "en": "Book {office} {day} {start}-{end}",
    },
    "inq.ui.booked": {"ja": "予約しました: {code}", "en": "Booked: {code}"},
    "inq.ui.close": {"ja": "閉じる", "en": "Close"},
    "inq.ui.no_case": {
        "ja": "案件がありません。理由を選んで登録してください",
        "en": "No case yet: choose the reason and open it",
    },
    "inq.ui.closed_case": {
        "ja": "この案件は予約できません (状態: {state})",
        "en": "This case cannot be booked (state: {state})",
    },
    "inq.ui.already_booked": {
        "ja": "予約済み: {code} {day} {start}",
        "en": "Already booked: {code} {day} {start}",
    },
    "inq.ui.open_cases": {"ja": "未完了の案件", "en": "Open cases"},
    "inq.ui.appointments_today": {"ja": "本日の予約 ({day})", "en": "Today's appointments ({day})"},
    "inq.ui.appointments_tomorrow": {
        "ja": "翌開庁日の予約 ({day})",
        "en": "Next open day's appointments ({day})",
    },
    "inq.ui.col_case": {"ja": "案件", "en": "Case"},
    "inq.ui.col_state": {"ja": "状態", "en": "State"},
    "inq.ui.col_reason": {"ja": "理由", "en": "Reason"},
    "inq.ui.col_office": {"ja": "窓口", "en": "Office"},
    "inq.ui.col_deadline": {"ja": "期限", "en": "Deadline"},
    "inq.ui.col_left": {"ja": "残り", "en": "Left"},
    "inq.ui.col_time": {"ja": "時刻", "en": "Time"},
    "inq.ui.col_code": {"ja": "予約番号", "en": "Code"},
    "inq.ui.schedule": {"ja": "予約する", "en": "Schedule"},
    "inq.ui.refresh": {"ja": "更新", "en": "Refresh"},
    "inq.ui.back": {"ja": "戻る", "en": "Back"},
    "inq.ui.overdue_mark": {"ja": "超過", "en": "overdue"},
}
