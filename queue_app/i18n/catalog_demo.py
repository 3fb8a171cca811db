"""Messages of the demo, the simulation and database backups."""

MESSAGES: dict[str, dict[str, str]] = {
    # -- db backup / restore -------------------------------------------------------------
    "db.backup_done": {
        "ja": "バックアップを作成しました: {path} ({size} KiB, スキーマ版 {revision})",
        "en": "backup written: {path} ({size} KiB, schema revision {revision})",
    },
    "db.restore_done": {
        "ja": "{source} から {target} へ復元しました",
        "en": "restored {target} from {source}",
    },
    "db.restore_upgrade": {
        "ja": "復元したデータベースは版 {revision} です (現在の版 {head})。madoguchi db upgrade を実行してください",
        "en": "the restored database is at revision {revision} (current {head}); run madoguchi db upgrade",
    },
    "err.restore_confirm": {
        "ja": "{target} の現在のデータは {source} の内容で置き換えられます。受付・表示端末を止めてから --yes を付けて実行してください",
        "en": "the current data in {target} will be replaced by {source}; stop reception and display terminals, then run again with --yes",
    },
    "err.backup_exists": {
        "ja": "{path} はすでにあります。別の名前を指定するか --force で上書きしてください",
        "en": "{path} already exists; choose another name or overwrite with --force",
    },
    "err.backup_same_file": {
        "ja": "{path} は使用中のデータベースそのものです。別のファイルを指定してください",
        "en": "{path} is the database itself; choose another file",
    },
    "err.backup_failed": {
        "ja": "バックアップ {path} を作成できませんでした: {problem}",
        "en": "could not write the backup {path}: {problem}",
    },
    "err.restore_missing": {
        "ja": "バックアップファイル {path} がありません",
        "en": "the backup file {path} does not exist",
    },
    "err.restore_not_sqlite": {
        "ja": "{path} は SQLite のデータベースではありません: {problem}",
        "en": "{path} is not a SQLite database: {problem}",
    },
    "err.restore_corrupt": {
        "ja": "{path} は壊れています (integrity_check: {problem})。復元しません",
        "en": "{path} is damaged (integrity_check: {problem}); not restoring it",
    },
    "err.restore_not_madoguchi": {
        "ja": "{path} は Madoguchi のバックアップではありません",
        "en": "{path} is not a Madoguchi backup",
    },
    "err.restore_failed": {
        "ja": "{path} へ復元できませんでした: {problem}",
        "en": "could not restore into {path}: {problem}",
    },
    "err.pg_tool_missing": {
        "ja": "{tool} が見つかりません。PostgreSQL のクライアント (例: apt install postgresql-client) を入れるか、docs/operations.md の手順で {tool} を直接実行してください",
        "en": "{tool} was not found; install the PostgreSQL client (e.g. apt install postgresql-client) or run {tool} yourself as docs/operations.md shows",
    },
    # -- simulate ----------------------------------------------------------------------------
    "err.sim_no_history": {
        "ja": "{office} には直近 {weeks} 回の同じ曜日 ({weekday}) の受付記録がありません。来庁数を学習できません (madoguchi demo で試せます)",
        "en": "{office} has no tickets on the last {weeks} {weekday}s to learn arrivals from (try madoguchi demo)",
    },
    "err.sim_closed": {
        "ja": "{office} は {date} は受付していません ({reason})。次の受付日: {next_day}",
        "en": "{office_en} is closed on {date} ({reason_en}); next open day: {next_day}",
    },
    "err.sim_distribution": {
        "ja": "処理時間の分布 '{value}' は使えません (使えるもの: {known})",
        "en": "unknown service-time distribution '{value}' (known: {known})",
    },
    "err.sim_counters": {
        "ja": "窓口数 {value} は不正です。1 以上を指定してください",
        "en": "counters {value} is invalid; give 1 or more",
    },
    "sim.title": {
        "ja": "{office} {date} ({weekday}) 受付 {opens}-{closes}  窓口 {counters} / 平均処理時間 {mean:.1f} 分",
        "en": "{office} {date} ({weekday}) reception {opens}-{closes}  {counters} counters / mean service {mean:.1f} min",
    },
    "sim.learned": {
        "ja": "来庁数は直近 {n} 回の同じ曜日から学習 ({days})。{replications} 回の模擬試行 ({dist})",
        "en": "arrivals learned from the last {n} same weekdays ({days}); {replications} simulated days ({dist})",
    },
    "sim.header": {
        "ja": "時    来庁数   平均待ち(分)  90%待ち(分)  Erlang C(分)",
        "en": "hour  arrivals  mean wait   p90 wait    Erlang C",
    },
    "sim.overloaded": {"ja": "処理能力超過", "en": "overloaded"},
    "sim.total": {
        "ja": "終日: 来庁 {arrivals:.0f} 人, 平均待ち {mean:.1f} 分, 90% {p90:.1f} 分, 最長 {max:.0f} 分",
        "en": "whole day: {arrivals:.0f} visitors, mean wait {mean:.1f} min, p90 {p90:.1f} min, max {max:.0f} min",
    },
    "sim.recommend": {
        "ja": "どの時間帯も 90% の人の待ちを {target:.0f} 分以内にする最少の窓口数: {n} (そのときの終日平均待ち {mean:.1f} 分)",
        "en": "fewest counters keeping every hour's p90 wait within {target:.0f} min: {n} (whole-day mean wait then {mean:.1f} min)",
    },
    "sim.recommend_none": {
        "ja": "{max} 窓口までで目標 ({target:.0f} 分) を満たせません",
        "en": "no number of counters up to {max} meets the target ({target:.0f} min)",
    },
    "sim.note": {
        "ja": "注: 全窓口が全手続を扱う1列の待ち行列としての模擬です (Erlang C は各時間帯の定常状態の平均)",
        "en": "note: simulated as one shared queue where every counter serves every visitor (Erlang C: steady-state mean at each hour's rate)",
    },
    # -- demo --------------------------------------------------------------------------------
    "err.demo_real_db": {
        "ja": "{path} は本番のデータベースです。デモには使えません",
        "en": "{path} is the real database; the demo never uses it",
    },
    "err.demo_not_demo": {
        "ja": "{path} はデモ用のデータベースではありません。上書きしません (別の --db-path を指定してください)",
        "en": "{path} is not a demo database; not overwriting it (give another --db-path)",
    },
    "err.demo_running": {
        "ja": "{path} は実行中の別のデモが使っています。そのデモを終了 (Ctrl+Q) してから、"
        "もう一度実行するか、別の --db-path を指定してください",
        "en": "{path} is in use by another running demo; quit that demo (Ctrl+Q) first, "
        "or give another --db-path",
    },
    "err.demo_weeks": {
        "ja": "--weeks {value} は不正です。0 から 520 の間で指定してください",
        "en": "--weeks {value} is invalid; use 0 to 520",
    },
    "err.demo_speed": {
        "ja": "--speed {value} は不正です。0 より大きく 3600 以下で指定してください",
        "en": "--speed {value} is invalid; use more than 0 and at most 3600",
    },
    "demo.building": {
        "ja": "デモ用データベースを作成しています: {path}",
        "en": "building the demo database: {path}",
    },
    "demo.history": {
        "ja": "過去 {weeks} 週間の記録を生成しました ({start} 〜 {end}): 受付票 {tickets} 枚, 記録 {events} 件, 文書照会 {cases} 件 ({seconds:.1f} 秒)",
        "en": "generated {weeks} weeks of history ({start} to {end}): {tickets} tickets, {events} events, {cases} inquiries ({seconds:.1f} s)",
    },
    "demo.day": {
        "ja": "模擬の一日: {day} {time} から, 速さ ×{speed:g} (窓口 {counter} はあなた用に空けてあります)",
        "en": "simulated day: {day} from {time}, speed x{speed:g} (counter {counter} is left for you)",
    },
    "demo.live_done": {
        "ja": "模擬時刻 {time}: 発券 {issued} 枚, 呼出 {called} 件, 完了 {finished} 件",
        "en": "simulated time {time}: {issued} issued, {called} called, {finished} finished",
    },
    "demo.keys": {
        "ja": "デモ: Ctrl+O 画面の切替 (受付/表示/集計, Alt+1/2/3 で直接) / Ctrl+G 一時停止 / Alt+↑↓ 速さ / Ctrl+Q 終了",
        "en": "demo: Ctrl+O switch screen (reception/display/reports, Alt+1/2/3 directly) / Ctrl+G pause / Alt+Up/Down speed / Ctrl+Q quit",
    },
    "demo.subtitle": {
        "ja": "デモ  {time}  ×{speed:g}{paused}",
        "en": "demo  {time}  x{speed:g}{paused}",
    },
    "demo.paused": {"ja": "  (一時停止中)", "en": "  (paused)"},
    "demo.mode_reception": {"ja": "受付", "en": "Reception"},
    "demo.mode_display": {"ja": "表示", "en": "Display"},
    "demo.mode_reports": {"ja": "集計", "en": "Reports"},
    "demo.keys_bar": {
        "ja": "デモ  Ctrl+Q 終了  Ctrl+O 画面切替  Ctrl+G 一時停止  Alt+↑↓ 速さ",
        "en": "Demo  Ctrl+Q quit  Ctrl+O switch screen  Ctrl+G pause  Alt+Up/Down speed",
    },
    "demo.pause": {"ja": "一時停止", "en": "Pause"},
    "demo.key_mode": {"ja": "画面切替", "en": "Screen"},
    "demo.faster": {"ja": "速く", "en": "Faster"},
    "demo.slower": {"ja": "遅く", "en": "Slower"},
    "demo.key_reception": {"ja": "受付", "en": "Reception"},
    "demo.key_display": {"ja": "待合表示", "en": "Display"},
    "demo.key_reports": {"ja": "集計", "en": "Reports"},
    "demo.key_palette": {"ja": "コマンド", "en": "Commands"},
    "demo.mode_missing": {
        "ja": "この画面 ({mode}) はまだ用意されていません",
        "en": "this screen ({mode}) is not available yet",
    },
    "demo.fallback_title": {
        "ja": "{office}  呼出中と待ち人数",
        "en": "{office}  now calling and waiting",
    },
    "demo.fallback_calling": {"ja": "呼出中", "en": "Now calling"},
    "demo.fallback_waiting": {"ja": "お待ちの方", "en": "Waiting"},
    "demo.counter": {"ja": "{n}番窓口", "en": "Counter {n}"},
}
