"""Messages of the reception part (Japanese first, English second)."""

MESSAGES: dict[str, dict[str, str]] = {
    # -- command line ----------------------------------------------------------------------
    "reception.err.unknown_staff": {
        "ja": "職員コード '{value}' は設定にありません (設定済み: {known})",
        "en": "unknown staff code '{value}' (configured: {known})",
    },
    "reception.err.staff_other_office": {
        "ja": "職員コード '{value}' は {office} で受付できません",
        "en": "staff code '{value}' is not allowed at {office}",
    },
    # -- header ----------------------------------------------------------------------------
    "reception.header.counter": {"ja": "{counter}番窓口", "en": "Counter {counter}"},
    "reception.header.staff": {"ja": "担当 {name}", "en": "Staff {name}"},
    "reception.header.no_staff": {"ja": "担当 未設定", "en": "Staff: -"},
    "reception.header.hours": {"ja": "受付 {hours}", "en": "Hours {hours}"},
    "reception.header.closing": {
        "ja": "受付終了まで{minutes}分",
        "en": "Reception ends in {minutes} min",
    },
    "reception.header.ended": {"ja": "本日の受付は終了しました", "en": "Reception has ended"},
    "reception.header.before_open": {"ja": "受付開始前", "en": "Not open yet"},
    "reception.banner.closed": {
        "ja": "本日は閉庁日です: {reason}",
        "en": "Closed today: {reason}",
    },
    "reception.banner.service_closed": {
        "ja": "本日は{service}を取り扱いません: {reason}",
        "en": "No {service} today: {reason}",
    },
    # -- staff login -----------------------------------------------------------------------
    "reception.login.title": {"ja": "職員コードを入力してください", "en": "Enter your staff code"},
    "reception.login.placeholder": {"ja": "職員コード (例 S001)", "en": "staff code (e.g. S001)"},
    "reception.login.unknown": {
        "ja": "職員コード '{value}' は登録されていません",
        "en": "staff code '{value}' is not registered",
    },
    "reception.login.welcome": {"ja": "{name} さん、おはようございます", "en": "Hello, {name}"},
    # -- key labels (footer) ---------------------------------------------------------------
    "reception.key.intake": {"ja": "受付", "en": "Intake"},
    "reception.key.call_next": {"ja": "呼出", "en": "Next"},
    "reception.key.recall": {"ja": "再呼出", "en": "Recall"},
    "reception.key.start": {"ja": "開始", "en": "Start"},
    "reception.key.finish": {"ja": "終了", "en": "Finish"},
    "reception.key.no_show": {"ja": "不在", "en": "No-show"},
    "reception.key.transfer": {"ja": "転送", "en": "Transfer"},
    "reception.key.call_specific": {"ja": "番号", "en": "Call #"},
    "reception.key.requeue": {"ja": "戻す", "en": "Requeue"},
    "reception.key.retry": {"ja": "再試行", "en": "Retry"},
    "reception.key.cases": {"ja": "照会", "en": "Cases"},
    "reception.key.scan": {"ja": "スキャン欄", "en": "Scan field"},
    "reception.key.issue": {"ja": "発券", "en": "Issue"},
    "reception.key.cancel": {"ja": "取消", "en": "Cancel"},
    "reception.key.close": {"ja": "閉じる", "en": "Close"},
    "reception.key.print": {"ja": "再印刷", "en": "Reprint"},
    # -- counter pane ----------------------------------------------------------------------
    "reception.current.title": {"ja": "対応中の番号", "en": "Current ticket"},
    "reception.current.none": {
        "ja": "対応中の番号はありません\nF3 で次の方を呼び出します",
        "en": "No current ticket\nF3 calls the next visitor",
    },
    "reception.current.opened": {
        "ja": "開いた番号 (この窓口では未呼出)",
        "en": "Opened ticket (not called here)",
    },
    "reception.current.service": {"ja": "手続", "en": "Service"},
    "reception.current.visit": {"ja": "来庁者", "en": "Visitor"},
    "reception.current.decision": {"ja": "判定", "en": "Decision"},
    "reception.current.state": {"ja": "状態", "en": "State"},
    "reception.current.issued": {"ja": "発券", "en": "Issued"},
    "reception.current.elapsed": {"ja": "経過", "en": "Elapsed"},
    "reception.current.recalls": {"ja": "再呼出 {count}回", "en": "recalled {count}x"},
    "reception.current.counter": {"ja": "{counter}番窓口", "en": "counter {counter}"},
    "reception.current.hint_call": {
        "ja": "F9 でこの番号を呼び出します",
        "en": "F9 calls this ticket",
    },
    "reception.elapsed": {"ja": "{minutes}分{seconds:02d}秒", "en": "{minutes}m{seconds:02d}s"},
    # -- waiting list ----------------------------------------------------------------------
    "reception.waiting.title": {
        "ja": "待っている方 {count}人 (目標 {target}分)",
        "en": "Waiting: {count} (target {target} min)",
    },
    "reception.waiting.col.number": {"ja": "番号", "en": "No."},
    "reception.waiting.col.service": {"ja": "手続", "en": "Service"},
    "reception.waiting.col.visit": {"ja": "来庁者", "en": "Visitor"},
    "reception.waiting.col.minutes": {"ja": "待ち", "en": "Wait"},
    "reception.waiting.minutes": {"ja": "{minutes}分", "en": "{minutes}m"},
    "reception.waiting.empty": {"ja": "待っている方はいません", "en": "Nobody is waiting"},
    # -- scanner ---------------------------------------------------------------------------
    "reception.scan.placeholder": {
        "ja": "QRをスキャン または 番号 (A-012) を入力して Enter",
        "en": "Scan a QR or type a number (A-012), then Enter",
    },
    "reception.scan.opened": {"ja": "{number} を開きました", "en": "Opened {number}"},
    "reception.scan.no_inquiries": {
        "ja": "予約票の受付はまだ使えません (文書照会の機能が未導入です)",
        "en": "Appointment slips cannot be checked in yet (inquiries are not installed)",
    },
    "reception.scan.checked_in": {
        "ja": "予約票を受け付けました: {number}",
        "en": "Appointment checked in: {number}",
    },
    # -- actions ---------------------------------------------------------------------------
    "reception.act.called": {
        "ja": "{number} を{counter}番窓口に呼び出しました",
        "en": "Called {number} to counter {counter}",
    },
    "reception.act.recalled": {
        "ja": "{number} を再呼出しました ({count}回目)",
        "en": "Recalled {number} (#{count})",
    },
    "reception.act.recall_limit": {
        "ja": "{number} は再呼出の上限を超えたため不在にしました",
        "en": "{number} passed the recall limit and is now a no-show",
    },
    "reception.act.started": {"ja": "{number} の対応を開始しました", "en": "Started {number}"},
    "reception.act.finished": {
        "ja": "{number} を終了しました ({outcome})",
        "en": "Finished {number} ({outcome})",
    },
    "reception.act.no_show": {"ja": "{number} を不在にしました", "en": "{number} marked no-show"},
    "reception.act.requeued": {"ja": "{number} を列に戻しました", "en": "{number} back in queue"},
    "reception.act.transferred": {
        "ja": "{number} を {service} へ転送しました",
        "en": "{number} transferred to {service}",
    },
    "reception.act.none_waiting": {
        "ja": "この窓口で呼び出せる方はいません",
        "en": "Nobody waiting for this counter",
    },
    "reception.act.no_current": {
        "ja": "対応中の番号がありません",
        "en": "There is no current ticket",
    },
    "reception.act.busy": {"ja": "処理中です…", "en": "Working…"},
    "reception.act.failed_retry": {
        "ja": "{message} (Ctrl+R で再試行)",
        "en": "{message} (Ctrl+R to retry)",
    },
    "reception.act.nothing_to_retry": {
        "ja": "再試行する処理はありません",
        "en": "Nothing to retry",
    },
    "reception.inquiry.recorded": {
        "ja": "{number} を文書照会として記録しました。2回目の予約は照会一覧 (F11) から行ってください",
        "en": "{number} recorded as a document inquiry; book the second visit from the cases screen (F11)",
    },
    "reception.inquiry.complete_failed": {
        "ja": "照会案件を完了にできませんでした (次回起動時に再処理): {message}",
        "en": "Could not complete the inquiry case (retried at the next start-up): {message}",
    },
    "reception.maintenance.failed": {
        "ja": "起動時の照会案件の整理に失敗しました: {message}",
        "en": "Start-up housekeeping of inquiry cases failed: {message}",
    },
    "reception.inquiry.offer": {
        "ja": "{number}: 文書照会です。2回目の来庁を予約しますか?",
        "en": "{number}: document inquiry. Schedule the second visit now?",
    },
    "reception.inquiry.schedule": {"ja": "予約する (Enter)", "en": "Schedule (Enter)"},
    "reception.inquiry.later": {"ja": "後で (Esc)", "en": "Later (Esc)"},
    # -- modals ----------------------------------------------------------------------------
    "reception.outcome.title": {
        "ja": "{number} の結果を選んでください",
        "en": "Outcome of {number}",
    },
    "reception.transfer.title": {"ja": "{number} の転送先", "en": "Transfer {number} to"},
    "reception.transfer.service": {"ja": "手続", "en": "Service"},
    "reception.transfer.counter": {"ja": "窓口", "en": "Counter"},
    "reception.transfer.any_counter": {"ja": "指定なし", "en": "any counter"},
    "reception.transfer.ok": {"ja": "転送 (Enter)", "en": "Transfer (Enter)"},
    "reception.call.title": {
        "ja": "呼び出す番号を入力 (例 A-012)",
        "en": "Number to call (e.g. A-012)",
    },
    # -- intake ----------------------------------------------------------------------------
    "reception.intake.title": {"ja": "新規受付", "en": "New visitor"},
    "reception.intake.service": {"ja": "手続 (数字キー)", "en": "Service (number keys)"},
    "reception.intake.visit": {"ja": "来庁者", "en": "Who came"},
    "reception.intake.brought": {"ja": "持参したもの", "en": "Brought"},
    "reception.intake.pin": {
        "ja": "暗証番号の状態 (番号は聞かない)",
        "en": "PIN status (never the PIN)",
    },
    "reception.intake.pin_user": {"ja": "利用者証明用", "en": "User cert."},
    "reception.intake.pin_sign": {"ja": "署名用", "en": "Signing cert."},
    "reception.intake.renew": {"ja": "更新する証明書", "en": "Certificates to renew"},
    "reception.intake.card_expiring": {
        "ja": "お知らせに「マイナンバーカード」と記載 (カード自体の期限)",
        "en": "The notice says the CARD expires",
    },
    "reception.intake.decision": {"ja": "判定", "en": "Decision"},
    "reception.intake.missing": {"ja": "不足: {items}", "en": "Missing: {items}"},
    "reception.intake.no_assessment": {
        "ja": "この手続は判定不要です",
        "en": "No assessment for this service",
    },
    "reception.intake.wait": {
        "ja": "現在の待ち {people}人 / {wait}",
        "en": "Now waiting {people} / {wait}",
    },
    "reception.intake.issue": {"ja": "発券 (F10)", "en": "Issue (F10)"},
    "reception.intake.issue_other": {
        "ja": "交付申請の案内で発券 (F10)",
        "en": "Issue for the application (F10)",
    },
    "reception.intake.blocked": {
        "ja": "不足があるため発券できません",
        "en": "Items missing: cannot issue",
    },
    "reception.intake.issuing": {"ja": "発券中…", "en": "Issuing…"},
    "reception.intake.new_card_note": {
        "ja": "電子証明書の更新ではなく、カードの交付申請のご案内です ({service}で発券)",
        "en": "Not a renewal: the visitor is sent to the new-card application ({service})",
    },
    "reception.intake.new_card_no_service": {
        "ja": "交付申請の案内窓口がこの庁舎にありません。発券せずにご案内ください",
        "en": "No counter for the application here: guide the visitor without a ticket",
    },
    # -- short item labels for the compact form -------------------------------------------
    "reception.item.card": {"ja": "本人のカード", "en": "Person's card"},
    "reception.item.notice": {"ja": "期限のお知らせ", "en": "Expiry notice"},
    "reception.item.answer_form": {"ja": "照会書兼回答書", "en": "Answer form"},
    "reception.item.photo_id": {"ja": "顔写真付き身分証", "en": "Photo ID"},
    "reception.item.nonphoto_id": {"ja": "顔写真なし身分証", "en": "Non-photo ID"},
    "reception.item.any_id": {"ja": "本人確認書類(写真なし可)", "en": "Any ID"},
    "reception.item.registry_cert": {"ja": "登記事項証明書", "en": "Registry cert."},
    "reception.item.ward_present": {"ja": "本人(被後見人)同行", "en": "Ward present"},
    "reception.visit.none": {"ja": "-", "en": "-"},
    "reception.visit.self": {"ja": "本人", "en": "Self"},
    "reception.visit.agent_with_answer": {"ja": "代理(回答書あり)", "en": "Agent+form"},
    "reception.visit.agent_first": {"ja": "代理1回目", "en": "Agent 1st"},
    "reception.visit.agent_second": {"ja": "代理2回目", "en": "Agent 2nd"},
    "reception.visit.guardian": {"ja": "成年後見人", "en": "Guardian"},
    "reception.decision.short.serve_today": {"ja": "即日", "en": "Today"},
    "reception.decision.short.document_inquiry": {"ja": "文書照会", "en": "Inquiry"},
    "reception.decision.short.new_card_application": {"ja": "交付申請", "en": "New card"},
    "reception.decision.short.cannot_proceed": {"ja": "不足", "en": "Missing"},
    "reception.renewal.open": {
        "ja": "更新期間内 (あと{days}日)",
        "en": "inside the window ({days} days left)",
    },
    "reception.renewal.too_early": {
        "ja": "更新期間前 ({start}から。{days}日前)",
        "en": "before the window (opens {start}, in {days} days)",
    },
    "reception.renewal.expired": {
        "ja": "期限切れ ({days}日経過)",
        "en": "expired ({days} days ago)",
    },
    # -- issued ticket ---------------------------------------------------------------------
    "reception.ticket.title": {"ja": "発券しました", "en": "Ticket issued"},
    "reception.ticket.replayed": {
        "ja": "発券済みの番号です (二重発券なし)",
        "en": "Already issued (no duplicate)",
    },
    "reception.ticket.wait": {
        "ja": "待ち {people}人 / {wait}",
        "en": "{people} ahead / {wait}",
    },
    "reception.ticket.files": {"ja": "保存: {path}", "en": "Saved: {path}"},
    "reception.ticket.close_hint": {"ja": "Enter / Esc で閉じる", "en": "Enter / Esc closes"},
    "reception.ticket.printing": {"ja": "印刷中…", "en": "Printing…"},
    "reception.ticket.printed": {"ja": "印刷しました ({command})", "en": "Printed ({command})"},
    "reception.ticket.no_printer": {
        "ja": "印刷コマンド未設定 (画面のQRを読み取ってください)",
        "en": "No print command (scan the QR on screen)",
    },
    "reception.ticket.print_failed": {
        "ja": "印刷できませんでした: {problem}",
        "en": "Printing failed: {problem}",
    },
    "reception.ticket.file_failed": {
        "ja": "整理券ファイルを保存できませんでした: {problem}",
        "en": "Could not save the ticket files: {problem}",
    },
}
