"""Core messages: errors, configuration, calendar reasons, ticket states."""

MESSAGES: dict[str, dict[str, str]] = {
    "err.now_invalid": {
        "ja": "MADOGUCHI_NOW の値 '{value}' が不正です。例: 2026-12-01T09:00:00+09:00 (タイムゾーン付き)",
        "en": "MADOGUCHI_NOW '{value}' is invalid; use an aware ISO time such as 2026-12-01T09:00:00+09:00",
    },
    "err.date_invalid": {
        "ja": "{flag} の日付 '{value}' が不正です。YYYY-MM-DD の形で指定してください (例: 2026-12-01)",
        "en": "{flag}: '{value}' is not a date; use YYYY-MM-DD (e.g. 2026-12-01)",
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
}
