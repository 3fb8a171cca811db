"""Messages of the display part (Japanese first, English second)."""

MESSAGES: dict[str, dict[str, str]] = {
    "display.title": {"ja": "呼出状況", "en": "Now serving"},
    "display.now_calling": {"ja": "お呼び出し中", "en": "Now calling"},
    "display.counter_word": {"ja": "番窓口へ", "en": "Counter"},
    "display.counter_word_pos": {"ja": "after", "en": "before"},
    "display.counter_n": {"ja": "{counter}番窓口", "en": "Counter {counter}"},
    "display.to_counter": {"ja": "→ {counter}番窓口", "en": "→ Counter {counter}"},
    "display.closed_title": {"ja": "本日は休みです", "en": "Closed today"},
    "display.next_open": {
        "ja": "次の受付日 {day}  {hours}",
        "en": "Next open {day}, {hours}",
    },
    "display.no_calls": {"ja": "まだお呼び出しはありません", "en": "No calls yet"},
    "display.recent": {"ja": "これまでのお呼び出し", "en": "Recent calls"},
    "display.recalled": {"ja": "再呼出", "en": "again"},
    "display.queues": {"ja": "手続ごとの待ち状況", "en": "Waiting by procedure"},
    "display.col_service": {"ja": "手続", "en": "Procedure"},
    "display.col_waiting": {"ja": "待ち", "en": "Waiting"},
    "display.col_estimate": {"ja": "目安", "en": "Est. wait"},
    "display.col_level": {"ja": "混雑", "en": "Crowding"},
    "display.people": {"ja": "{n}人", "en": "{n}"},
    "wait.about": {"ja": "約{m}分", "en": "~{m} min"},
    "wait.none": {"ja": "待ちなし", "en": "no wait"},
    "display.service_closed": {"ja": "本日休止", "en": "closed today"},
    "level.quiet": {"ja": "空いています", "en": "Quiet"},
    "level.moderate": {"ja": "やや混雑", "en": "Busy"},
    "level.crowded": {"ja": "混雑", "en": "Crowded"},
    "display.others": {"ja": "ほかの窓口", "en": "Other offices"},
    "display.other_open": {
        "ja": "{name} 待ち{n}人 {wait}",
        "en": "{name}: {n} waiting, {wait}",
    },
    "display.other_closed": {"ja": "{name} 受付時間外", "en": "{name}: closed now"},
    "display.other_closed_today": {
        "ja": "{name} 本日休み ({reason})",
        "en": "{name}: closed today ({reason})",
    },
    "display.today": {"ja": "本日", "en": "Today"},
    "display.hours": {"ja": "本日の受付 {hours}", "en": "Reception today {hours}"},
    "display.closed_today": {"ja": "本日は休み({reason})", "en": "Closed today ({reason})"},
    "display.reception_over": {
        "ja": "本日の受付は終了しました",
        "en": "Reception has ended for today",
    },
    "display.until_close": {"ja": "受付終了まで{m}分", "en": "Reception ends in {m} min"},
    "display.closure_office": {"ja": "{when} 休み({reason})", "en": "{when} closed ({reason})"},
    "display.closure_service": {
        "ja": "{when} {service}は休止({reason})",
        "en": "{when} no {service} ({reason})",
    },
    "display.tomorrow": {"ja": "明日", "en": "Tomorrow"},
    "display.date": {"ja": "{m}/{d}({wd})", "en": "{wd} {m}/{d}"},
    "display.date_range": {"ja": "{a}〜{b}", "en": "{a} - {b}"},
    "display.reconnecting": {"ja": "再接続中…", "en": "reconnecting…"},
    "display.reconnecting_long": {
        "ja": "データベースに再接続中… 表示は最新ではありません",
        "en": "Reconnecting to the database… the board may be out of date",
    },
    "display.loading": {"ja": "読み込み中…", "en": "loading…"},
    "display.say": {
        "ja": "受付番号 {prefix} の{number}番の方、{counter}番窓口へお越しください",
        "en": "Ticket number {prefix} {number}, please come to counter {counter}.",
    },
    "display.say_nocounter": {
        "ja": "受付番号 {prefix} の{number}番の方、窓口へお越しください",
        "en": "Ticket number {prefix} {number}, please come to the counter.",
    },
    "display.web_serving": {
        "ja": "表示を {url} で配信しています(Ctrl+C で終了)",
        "en": "Serving the display at {url} (Ctrl+C to stop)",
    },
    "err.display_poll": {
        "ja": "--poll は 0.05〜10 秒で指定してください(指定値: {value})",
        "en": "--poll must be between 0.05 and 10 seconds (got {value})",
    },
    "display.web_bad_host": {
        "ja": "このアドレスでは表示できません(設定ファイルの [web] allowed_hosts にない名前です)",
        "en": "This board is not served under this name (it is not in [web] allowed_hosts)",
    },
    "display.web_loading": {"ja": "表示を準備しています…", "en": "Loading the board…"},
    "display.web_reconnecting": {
        "ja": "接続が切れました。自動で再接続しています…",
        "en": "The connection ended. Reconnecting automatically…",
    },
    "err.display_port": {
        "ja": "--port は 1〜65535 の番号で指定してください (例: --port 8080)",
        "en": "--port must be a number from 1 to 65535 (e.g. --port 8080)",
    },
    "err.display_web_only": {
        "ja": "{options} はブラウザ向け表示 (--web) の指定です。--web を付けるか、{options} を外してください",
        "en": "{options} only apply to the browser display (--web); add --web or leave {options} out",
    },
    "err.display_port_in_use": {
        "ja": "{host} のポート {port} はほかのプログラムが使用中です。--port で別の番号を指定するか、そのプログラムを終了してください",
        "en": "port {port} on {host} is already in use; choose another with --port or stop the program using it",
    },
    "err.display_port_denied": {
        "ja": "{host} のポート {port} で待ち受ける権限がありません。1024 以上の番号を --port で指定してください",
        "en": "no permission to listen on port {port} of {host}; choose a port of 1024 or more with --port",
    },
    "err.display_host": {
        "ja": "--host {host} はこのコンピューターのアドレスではありません。館内ネットワークのアドレス(例: 192.168.10.20)か 127.0.0.1 を指定してください",
        "en": "--host {host} is not an address of this machine; give its LAN address (e.g. 192.168.10.20) or 127.0.0.1",
    },
    "err.display_bind": {
        "ja": "{host}:{port} で待ち受けできません({reason})。--host と --port を確認してください",
        "en": "cannot listen on {host}:{port} ({reason}); check --host and --port",
    },
    "display.bind_public": {
        "ja": "注意: {host} で待ち受けます。館内ネットワーク以外に公開しないでください",
        "en": "Note: listening on {host}; keep it on the building's network only",
    },
}
