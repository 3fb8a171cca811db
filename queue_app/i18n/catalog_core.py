"""Core messages: errors, configuration, calendar reasons, ticket states."""

MESSAGES: dict[str, dict[str, str]] = {
    "err.now_invalid": {
        "ja": "MADOGUCHI_NOW の値 '{value}' が不正です。例: 2026-12-01T09:00:00+09:00 (タイムゾーン付き)",
        "en": "MADOGUCHI_NOW '{value}' is invalid; use an aware ISO time such as 2026-12-01T09:00:00+09:00",
    },
    "err.config": {
        "ja": "設定エラー: {key} = {value}: {problem}",
        "en": "configuration error: {key} = {value}: {problem}",
    },
    "err.config_unreadable": {
        "ja": "設定ファイル {path} を読めません: {problem}",
        "en": "cannot read the configuration file {path}: {problem}",
    },
    "err.config_syntax": {
        "ja": "設定ファイル {path} の書式が正しくありません (TOML): {problem}",
        "en": "the configuration file {path} is not valid TOML: {problem}",
    },
    "err.config_missing": {
        "ja": "設定ファイル {path} がありません。madoguchi init で作成できます",
        "en": "the configuration file {path} does not exist; create it with madoguchi init",
    },
    "err.secret_missing": {
        "ja": "署名用の秘密鍵 {path} がありません。madoguchi init を実行してください",
        "en": "the signing secret {path} is missing; run madoguchi init",
    },
    "err.secret_invalid": {
        "ja": "署名用の秘密鍵 {path} が不正です。ファイルを削除して madoguchi init を実行してください",
        "en": "the signing secret {path} is invalid; delete it and run madoguchi init",
    },
    "err.unknown_office": {
        "ja": "窓口 '{value}' は設定にありません (設定済み: {known})",
        "en": "unknown office '{value}' (configured: {known})",
    },
    "err.unknown_service": {
        "ja": "手続 '{value}' は設定にありません (設定済み: {known})",
        "en": "unknown service '{value}' (configured: {known})",
    },
    "err.service_not_at_office": {
        "ja": "{office} では手続 '{value}' を取り扱っていません (取扱: {known})",
        "en": "office {office} does not handle '{value}' (it handles: {known})",
    },
    "err.unknown_counter": {
        "ja": "{office} に {value} 番窓口はありません (窓口: {known})",
        "en": "office {office} has no counter {value} (counters: {known})",
    },
    "err.range_order": {
        "ja": "--to ({end}) が --from ({start}) より前です",
        "en": "--to ({end}) is before --from ({start})",
    },
    "err.range_too_long": {
        "ja": "期間が長すぎます ({days} 日)。{limit} 日以内にしてください",
        "en": "the range is too long ({days} days); use at most {limit} days",
    },
    "cal.open": {"ja": "開庁", "en": "open"},
    "cal.closed": {"ja": "閉庁", "en": "closed"},
    "cal.header": {
        "ja": "日付        曜日  状態  受付時間 / 理由",
        "en": "date        day   state hours / reason",
    },
    "init.config_written": {
        "ja": "設定ファイルを作成しました: {path}",
        "en": "configuration written: {path}",
    },
    "init.config_kept": {
        "ja": "設定ファイルはそのままです: {path}",
        "en": "configuration kept as it is: {path}",
    },
    "init.secret_written": {
        "ja": "署名用の秘密鍵を作成しました (0600): {path}",
        "en": "signing secret created (mode 0600): {path}",
    },
    "init.secret_kept": {
        "ja": "署名用の秘密鍵はそのままです: {path}",
        "en": "signing secret kept: {path}",
    },
    "init.db_ready": {
        "ja": "データベースを準備しました: {url} (版 {revision})",
        "en": "database ready: {url} (revision {revision})",
    },
    "config.valid": {
        "ja": "設定は有効です: {path} (窓口 {offices} か所, 手続 {services} 種類)",
        "en": "configuration is valid: {path} ({offices} offices, {services} services)",
    },
    "weekday.0": {"ja": "月", "en": "Mon"},
    "weekday.1": {"ja": "火", "en": "Tue"},
    "weekday.2": {"ja": "水", "en": "Wed"},
    "weekday.3": {"ja": "木", "en": "Thu"},
    "weekday.4": {"ja": "金", "en": "Fri"},
    "weekday.5": {"ja": "土", "en": "Sat"},
    "weekday.6": {"ja": "日", "en": "Sun"},
    "err.closed": {
        "ja": "{office} は本日受付していません ({reason})。次の受付日: {next_day}",
        "en": "{office_en} is closed today ({reason_en}); next open day: {next_day}",
    },
    "err.service_closed": {
        "ja": "{office} では本日「{service}」の受付を休止しています ({reason})。次に受け付ける日: {next_day}",
        "en": "{office_en} does not take {service_en} today ({reason_en}); next day it does: {next_day}",
    },
    "err.reception_ended": {
        "ja": "{office} の本日の受付は {end} で終了しました。次の受付日: {next_day}",
        "en": "reception at {office_en} ended at {end} today; next open day: {next_day}",
    },
    "err.override_reason": {
        "ja": '時間外発券には理由が必要です (--override "理由")',
        "en": 'an override needs a reason (--override "reason")',
    },
    "err.illegal_transition": {
        "ja": "状態「{state}」の番号札に「{action}」はできません",
        "en": "cannot {action} a ticket that is {state}",
    },
    "err.ticket_not_found": {
        "ja": "番号札 (ID {id}) は見つかりません",
        "en": "ticket id {id} not found",
    },
    "err.ticket_label": {
        "ja": "番号 '{value}' が読めません。例: A-012",
        "en": "cannot read ticket number '{value}'; write it like A-012",
    },
    "err.ticket_label_not_found": {
        "ja": "{day} の番号 {value} は見つかりません",
        "en": "no ticket {value} on {day}",
    },
    "err.outcome": {
        "ja": "結果 '{value}' は不正です (選択肢: {known})",
        "en": "unknown outcome '{value}' (choose from: {known})",
    },
    "err.counter_required": {
        "ja": "窓口番号が必要です (--counter N)",
        "en": "a counter number is required (--counter N)",
    },
    "err.counter_service": {
        "ja": "{counter} 番窓口は手続 {service} を扱いません",
        "en": "counter {counter} does not handle {service}",
    },
    "err.transfer_target": {
        "ja": "転送先の手続 (--to-service) か窓口 (--to-counter) を指定してください",
        "en": "give a target service (--to-service) or counter (--to-counter)",
    },
    "err.token_malformed": {
        "ja": "QRコードの内容が Madoguchi の番号札ではありません",
        "en": "this QR code is not a Madoguchi ticket or slip",
    },
    "err.token_forged": {
        "ja": "QRコードの署名が一致しません (偽造または改変の疑い)",
        "en": "the QR code's signature does not match (forged or altered)",
    },
    "err.token_other_office": {
        "ja": "この番号札は別の窓口 ({office}) のものです (ここは {here})",
        "en": "this ticket belongs to another office ({office}; this is {here})",
    },
    "err.token_other_day": {
        "ja": "この番号札は {day} のものです (本日は {today})",
        "en": "this ticket is for {day} (today is {today})",
    },
    "err.token_wrong_kind": {
        "ja": "この QR は{got}用です ({expected}を読み取ってください)",
        "en": "this QR code is an {got}, not a {expected}",
    },
    "err.db_url": {
        "ja": "データベース URL '{url}' が使えません: {problem}。sqlite:///ファイルのパス または postgresql+psycopg://ユーザー@ホスト/データベース名 の形で指定してください",
        "en": "database URL '{url}' cannot be used: {problem}; give sqlite:///path/to/file or postgresql+psycopg://user@host/dbname",
    },
    "err.db_missing": {
        "ja": "データベース {path} がありません。パスを確認するか、madoguchi init で作成してください",
        "en": "database {path} does not exist; check the path, or create it with madoguchi init",
    },
    "err.db_unwritable": {
        "ja": "データベース {path} に書き込めません: {problem}",
        "en": "cannot write the database {path}: {problem}",
    },
    "err.db_unavailable": {
        "ja": "データベースに接続・書き込みできません: {problem}",
        "en": "the database cannot be reached or written: {problem}",
    },
    "err.db_locked": {
        "ja": "データベースは他のプロセスがロックしています (待ち時間を超えました)。しばらくしてからもう一度お試しください ({problem})",
        "en": "the database is locked by another process (waited past the timeout); try again in a moment ({problem})",
    },
    "err.db_not_initialized": {
        "ja": "データベースが初期化されていません。madoguchi init (または madoguchi db upgrade) を実行してください",
        "en": "the database is not initialised; run madoguchi init (or madoguchi db upgrade)",
    },
    "err.db_newer": {
        "ja": "データベースの版 {revision} はこのプログラム (版 {head}) より新しいため使えません。Madoguchi を更新してください",
        "en": "the database is at revision {revision}, newer than this program ({head}); upgrade Madoguchi",
    },
    "err.db_outdated": {
        "ja": "データベースの版 {revision} が古いです (最新 {head})。madoguchi db upgrade を実行してください",
        "en": "the database is at revision {revision} (newest {head}); run madoguchi db upgrade",
    },
    "warn.override": {
        "ja": "時間外・休業日の発券として記録しました",
        "en": "recorded as a staff override of a closed office",
    },
    "warn.after_close": {
        "ja": "呼び出しは受付終了 ({end}) 後になる見込みです。{alternative}",
        "en": "the call is expected after reception ends ({end}). {alternative}",
    },
    "warn.alt_office": {"ja": "{office} は現在受付中です", "en": "{office} is open now"},
    "warn.alt_day": {"ja": "次の受付日は {day} です", "en": "the next open day is {day}"},
    "warn.alt_office_until": {
        "ja": "{office} は {end} まで受け付けています",
        "en": "{office} takes it until {end}",
    },
    "err.print_failed_after_issue": {
        "ja": "番号札 {number} は発行済みです。ただし印刷できませんでした: {problem}",
        "en": "ticket {number} was issued, but printing failed: {problem}",
    },
    "doc.ticket": {"ja": "番号札", "en": "Your number"},
    "doc.procedure": {"ja": "手続", "en": "Procedure"},
    "doc.issued": {"ja": "発券", "en": "Issued"},
    "doc.ahead": {"ja": "前にお待ちの方", "en": "Waiting ahead of you"},
    "doc.people": {"ja": "{n}人", "en": "{n}"},
    "doc.estimate": {"ja": "待ち時間の目安", "en": "Estimated wait"},
    "doc.have_ready": {"ja": "窓口でご用意いただくもの", "en": "Please have ready"},
    "doc.ticket_note": {
        "ja": "番号が表示されたら窓口へお越しください。この番号札は手続が終わるまでお持ちください",
        "en": "Come to the counter when your number is shown. Keep this ticket until you are done",
    },
    "ui.unexpected_error": {
        "ja": "予期しないエラー: {error}",
        "en": "unexpected error: {error}",
    },
    "state.waiting": {"ja": "待ち", "en": "waiting"},
    "state.called": {"ja": "呼出中", "en": "called"},
    "state.serving": {"ja": "対応中", "en": "serving"},
    "state.done": {"ja": "完了", "en": "done"},
    "state.no_show": {"ja": "不在", "en": "no-show"},
    "state.cancelled": {"ja": "取消", "en": "cancelled"},
    "outcome.renewed": {"ja": "更新完了", "en": "renewed"},
    "outcome.document_inquiry": {"ja": "文書照会を開始", "en": "document inquiry started"},
    "outcome.referred": {"ja": "他の窓口へ案内", "en": "referred"},
    "outcome.served": {"ja": "対応完了", "en": "served"},
    "outcome.other": {"ja": "その他", "en": "other"},
    "ticket.issued": {
        "ja": "番号札 {number} ({service}) を発行しました。待ち {ahead} 人、{wait}",
        "en": "ticket {number} ({service}) issued: {ahead} ahead, {wait}",
    },
    "ticket.none_waiting": {"ja": "お待ちの方はいません", "en": "nobody is waiting"},
    "ticket.called": {
        "ja": "{number} を {counter} 番窓口へ呼び出しました",
        "en": "{number} called to counter {counter}",
    },
    "ticket.changed": {"ja": "{number}: {state}", "en": "{number}: {state}"},
    "ticket.valid": {
        "ja": "有効な番号札です: {number} ({office} {day}) 状態: {state}",
        "en": "valid ticket: {number} ({office} {day}) state: {state}",
    },
    "db.upgraded": {
        "ja": "データベースを最新の版 {revision} にしました",
        "en": "database upgraded to revision {revision}",
    },
    "db.current": {
        "ja": "データベースの版: {revision} (プログラム: {head})",
        "en": "database revision: {revision} (program: {head})",
    },
    "err.office_needed_for_label": {
        "ja": "番号 {value} で指定するときは --office も必要です",
        "en": "give --office when naming a ticket by its number ({value})",
    },
    "err.visit_kind": {
        "ja": "来庁者の区分 '{value}' は不正です (選択肢: {known})",
        "en": "unknown visit kind '{value}' (choose from: {known})",
    },
    "err.state": {
        "ja": "状態 '{value}' は不正です (選択肢: {known})",
        "en": "unknown state '{value}' (choose from: {known})",
    },
    "action.call": {"ja": "呼出", "en": "call"},
    "action.recall": {"ja": "再呼出", "en": "recall"},
    "action.start": {"ja": "対応開始", "en": "start"},
    "action.finish": {"ja": "完了", "en": "finish"},
    "action.no_show": {"ja": "不在処理", "en": "mark as no-show"},
    "action.cancel": {"ja": "取消", "en": "cancel"},
    "action.transfer": {"ja": "転送", "en": "transfer"},
    "action.requeue": {"ja": "待ちに戻す", "en": "put back in the queue"},
    "err.personal_number": {
        "ja": "{field} に12桁の番号が含まれています。個人番号 (マイナンバー) は入力・保存できません",
        "en": "{field} contains a 12-digit number; a My Number (個人番号) must never be entered or stored",
    },
    "ui.key_palette": {"ja": "コマンド", "en": "Commands"},
    "cal.service_closed": {
        "ja": "[{service}は休止: {reason}]",
        "en": "[{service} unavailable: {reason}]",
    },
}
