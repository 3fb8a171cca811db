"""Messages for bad input, broken files and unsafe restores (issue 16). Never the value."""

MESSAGES: dict[str, dict[str, str]] = {
    "err.value_hidden": {"ja": "(入力値は表示しません)", "en": "(value not shown)"},
    "err.value_hidden_digits": {
        "ja": "({n}桁の数字: 暗証番号・個人番号かもしれないため表示しません)",
        "en": "(not shown: a number of {n} digits could be a PIN or a My Number)",
    },
    "err.field_type": {
        "ja": "{field} の値の種類が不正です (文字列を指定してください)",
        "en": "{field} has the wrong type of value (it must be text)",
    },
    "err.field_length": {
        "ja": "{field} が長すぎます ({limit} 文字以内にしてください。入力値は表示しません)",
        "en": "{field} is too long: at most {limit} characters (the value is not shown)",
    },
    "err.field_charset_text": {
        "ja": "{field} に使えない文字 (制御文字・改行・読めないバイト) が含まれています (入力値は表示しません)",
        "en": "{field} holds characters that cannot be stored (control characters, line breaks, undecodable bytes); the value is not shown",
    },
    "err.field_charset_code": {
        "ja": "{field} には半角英数字と - _ . : だけが使えます (入力値は表示しません)",
        "en": "{field} may hold only ASCII letters, digits and - _ . : (the value is not shown)",
    },
    "err.id_range": {
        "ja": "{field} は 1 から {limit} までの整数で指定してください (入力値は表示しません)",
        "en": "{field} must be a whole number from 1 to {limit} (the value is not shown)",
    },
    "err.number_range": {
        "ja": "{field} は {low} から {high} までの整数で指定してください",
        "en": "{field} must be a whole number from {low} to {high}",
    },
    "err.bad_text_argument": {
        "ja": "コマンドラインに文字として読めないバイトがあります。UTF-8 で入力してください (入力値は表示しません)",
        "en": "the command line holds bytes that are not text; type it in UTF-8 (the value is not shown)",
    },
    "err.unexpected": {
        "ja": "予期しないエラー ({error})。MADOGUCHI_DEBUG=1 を付けて再実行すると詳細を表示します",
        "en": "unexpected error ({error}); run again with MADOGUCHI_DEBUG=1 for the details",
    },
    "err.usage": {"ja": "{problem}", "en": "{problem}"},
    "err.config_not_utf8": {
        "ja": "設定ファイル {path} が UTF-8 のテキストではありません ({position} バイト目)。UTF-8 で保存し直してください",
        "en": "the configuration file {path} is not UTF-8 text (byte {position}); save it as UTF-8",
    },
    "err.secret_not_utf8": {
        "ja": "署名用の秘密鍵 {path} がテキストではありません。ファイルを削除して madoguchi init を実行してください",
        "en": "the signing secret {path} is not text; delete it and run madoguchi init",
    },
    "err.secret_unreadable": {
        "ja": "署名用の秘密鍵 {path} を読めません: {problem}",
        "en": "cannot read the signing secret {path}: {problem}",
    },
    "err.secret_permissions": {
        "ja": "署名用の秘密鍵 {path} が他のユーザーにも読める設定です (権限 {mode})。chmod 600 {path} を実行してください",
        "en": "the signing secret {path} can be read by other users (mode {mode}); run: chmod 600 {path}",
    },
    "err.db_not_database": {
        "ja": "{path} は SQLite データベースではないか、壊れています ({problem})。バックアップから戻すには madoguchi db restore を使ってください",
        "en": "{path} is not a SQLite database or it is damaged ({problem}); to restore a backup use madoguchi db restore",
    },
    "err.db_folder_missing": {
        "ja": "データベースのフォルダ {folder} がありません。パスを確認するか、フォルダを作成してください (madoguchi init は既定のフォルダを作成します)",
        "en": "the database folder {folder} does not exist; check the path or create the folder (madoguchi init creates the default one)",
    },
    "err.output_unwritable": {
        "ja": "{flag} のファイル {path} に書き込めません: {problem}",
        "en": "cannot write {flag} file {path}: {problem}",
    },
    "err.output_failed_after_issue": {
        "ja": "番号札 {number} は発行済みです。ただし {flag} のファイル {path} は書けませんでした: {problem}",
        "en": "ticket {number} was issued, but the {flag} file {path} could not be written: {problem}",
    },
    "err.path_too_long": {
        "ja": "ファイルのパスが長すぎます: {value}。短い名前か浅いフォルダを指定してください",
        "en": "the file path is too long: {value}; give a shorter name or a shallower folder",
    },
    "err.file_unusable": {
        "ja": "ファイル {value} を使えません: {problem}",
        "en": "cannot use the file {value}: {problem}",
    },
    "err.backup_unwritable": {
        "ja": "バックアップファイル {path} に書き込めません: {problem}",
        "en": "cannot write the backup file {path}: {problem}",
    },
    "err.token_other_issuance": {
        "ja": "この番号札の QR は、同じ番号で別に発行された番号札のものです (データベースの復元前に発行されたものです)。新しい番号札を発行してください",
        "en": "this QR code belongs to another issuance of this number (issued before the database was restored); issue a new ticket",
    },
    "reception.offline": {
        "ja": "● オフライン: {since} からデータベースに接続できません。再接続を試みています (画面の表示は最新ではありません)",
        "en": "● offline since {since}: the database cannot be reached; retrying (what you see may be out of date)",
    },
    "reception.preparing": {
        "ja": "準備中… 押したキーは準備ができしだい実行します",
        "en": "Preparing… the key you pressed runs as soon as the terminal is ready",
    },
    "reception.preparing_failed": {
        "ja": "端末の準備ができませんでした: {message}。押したキーは実行されていません。もう一度押してください",
        "en": "the terminal could not get ready: {message}. The key you pressed was not carried out; press it again",
    },
    "err.ticket_finished": {
        "ja": "番号札 {number} ({office} {day}) は既に{state}です。この番号札ではもう受付できません",
        "en": "ticket {number} ({office} {day}) is already {state}; it cannot be used again",
    },
    "err.date_empty": {
        "ja": "{flag} に日付がありません。YYYY-MM-DD の形で指定してください (例: 2026-12-01)",
        "en": "{flag} is empty; give a date as YYYY-MM-DD (e.g. 2026-12-01)",
    },
    "err.restore_live": {
        "ja": "データベース {target} はまだ使用中です: {processes}。これらを終了してから復元してください",
        "en": "the database {target} is still in use by: {processes}; stop them, then restore",
    },
    "err.restore_unknown_high_water": {
        "ja": "現在のデータベース {target} を読めないため ({problem})、バックアップ後に発行された番号・ID が分かりません。同じ番号を二度渡すおそれがあります。それでも復元する場合は --force を付けてください (古い番号札の QR は照合で拒否されます)",
        "en": "the current database {target} cannot be read ({problem}), so the numbers and ids issued since the backup are unknown and could be handed out twice; add --force to restore anyway (QR codes of tickets issued since are refused at verification)",
    },
    "db.restore_high_water": {
        "ja": "本日以降の番号は発行済みの最大値の次から続きます (番号 {counters} 件、ID {ids} 件を引き継ぎました)",
        "en": "numbering continues above the highest number ever issued ({counters} counters and {ids} id sequences carried over)",
    },
}
