"""Messages of the staffing plan (`madoguchi plan`) and the forecast's accuracy."""

MESSAGES: dict[str, dict[str, str]] = {
    "err.plan_share": {
        "ja": "--share {value} は使えません。0 より大きく 1 より小さい値 (例: 0.8 = 80%) を指定してください",
        "en": "--share {value} is not usable; give a value between 0 and 1 (e.g. 0.8 for 80%)",
    },
    "err.plan_range": {
        "ja": "{flag} {value} は範囲外です ({low}〜{high} を指定してください)",
        "en": "{flag} {value} is out of range (give {low} to {high})",
    },
    "err.plan_no_history": {
        "ja": "{office} には {start}〜{end} ({weeks} 週間) の受付記録がないため、来庁数を予測できません。記録のある日より後の日を指定するか、--weeks を増やしてください (試すには madoguchi demo)",
        "en": "{office} has no tickets in {start}..{end} (the {weeks} weeks before the day) to forecast arrivals from; plan a day after the recorded history, or give a larger --weeks (to try it out: madoguchi demo)",
    },
    "plan.title": {
        "ja": "{office} {date} ({weekday}) 受付 {opens}-{closes} の窓口配置計画",
        "en": "Counter staffing plan: {office}, {date} ({weekday}), reception {opens}-{closes}",
    },
    "plan.target": {
        "ja": "目標: 各30分枠に来た人の {share}% を {within} 分以内に呼び出す",
        "en": "Target: {share}% of each half-hour's visitors called within {within} minutes",
    },
    "plan.history": {
        "ja": "来庁予測: {start}〜{end} の記録 ({days} 開庁日) に当てはめた係数 (曜日・月・休み明け・通知書・月末・30分枠の割合)。通知書到着日: {notices}",
        "en": "Arrivals forecast: factors (weekday, month, after closures, notices, end of month, half-hour shares) fitted to {start}..{end} ({days} open days). Notice deliveries: {notices}",
    },
    "plan.patience": {
        "ja": "待ちきれずに帰る人: {left} 人 (取消・不在) / 平均の我慢時間 {patience}",
        "en": "Visitors who left: {left} (cancelled or no-show); mean patience {patience}",
    },
    "plan.patience_none": {"ja": "帰る人なし (無限)", "en": "none left (unlimited)"},
    "plan.minutes": {"ja": "{value:.0f} 分", "en": "{value:.0f} min"},
    "plan.groups": {
        "ja": "窓口グループ (同じ手続を扱う窓口): {groups}",
        "en": "Skill groups (counters handling the same procedures): {groups}",
    },
    "plan.header": {
        "ja": "時間帯        予測来庁  {groups}  窓口計  平均待ち  目標達成  ErlangC  Erlang-A",
        "en": "half-hour     arrivals  {groups}  total  mean wait  met  Erlang C  Erlang-A",
    },
    "plan.check": {
        "ja": "計画の検証 (同じシミュレーションを別の {days} 日分で実行)",
        "en": "Checking the plans (the same simulation on {days} other simulated days)",
    },
    "plan.name.iterative": {"ja": "反復シミュレーション", "en": "iterative simulation"},
    "plan.name.erlang_c": {"ja": "Erlang C (時間帯ごと)", "en": "Erlang C (per period)"},
    "plan.name.erlang_a": {"ja": "Erlang-A (遅れ・離脱込み)", "en": "Erlang-A (lag, leaving)"},
    "plan.unreachable": {
        "ja": "全窓口を開けても目標に届かない時間帯: {slots}",
        "en": "Half-hours where even every counter open misses the target: {slots}",
    },
    "plan.unreachable_fix": {
        "ja": "目標に届かせるには: その手続を扱う窓口を設定に加えるか、--within を長く・--share を低くしてください (この時間帯は全窓口を開ける計画です)",
        "en": "To reach it: configure more counters for these procedures, or give a longer --within or a lower --share (the plan opens every counter in these half-hours)",
    },
    "plan.accuracy": {
        "ja": "予測の精度 (直近 {weeks} 週のバックテスト {start}〜{end}): 1日の来庁数 MAE {mae:.1f} 人 / MAPE {mape}、30分枠 MAE {slot_mae:.2f} 人 (比較: 前週同曜日 MAPE {naive}、同曜日8週平均 MAPE {mean})",
        "en": "Forecast accuracy (backtest of the last {weeks} weeks, {start}..{end}): visitors per day MAE {mae:.1f} / MAPE {mape}, per half-hour MAE {slot_mae:.2f} (seasonal-naive MAPE {naive}, same-weekday mean MAPE {mean})",
    },
    "plan.accuracy_none": {
        "ja": "予測の精度: 記録が少なくバックテストできません",
        "en": "Forecast accuracy: not enough history for a backtest",
    },
    "plan.models": {
        "ja": "モデルの前提:\n"
        "- 反復シミュレーション: 手続ごとの待ち行列、窓口ごとの担当手続、30分ごとの開閉 (閉める窓口は対応中の人を終えてから)、処理時間は記録の平均とばらつき (対数正規)、我慢時間は指数分布。不足する枠に窓口を足し、目標を保てる限り減らす。\n"
        "- Erlang C: 30分枠ごとに、その枠の来庁率が永久に続く定常状態、全窓口で1列、処理時間は指数分布、誰も帰らない。\n"
        "- Erlang-A: Erlang C に加えて我慢時間 (指数分布、取消・不在から推定) で帰る人を考え、負荷は直前の平均処理時間に来た人の分 (遅れ) で数える。",
        "en": "Model assumptions:\n"
        "- Iterative simulation: one queue per procedure, counters serve only their procedures, opened/closed per half-hour (a closing counter finishes its visitor), service times with the history's mean and spread (lognormal), exponential patience. Adds counters where short, then closes every one the target can spare.\n"
        "- Erlang C: each half-hour on its own in steady state at that half-hour's rate, one shared queue for all counters, exponential service, nobody leaves.\n"
        "- Erlang-A: Erlang C plus exponential patience fitted from cancellations and no-shows, with the lagged load (what arrived during the last mean service time).",
    },
    "plan.written": {"ja": "{path} に書き出しました", "en": "written to {path}"},
    "plan.chart": {
        "ja": "予測来庁数 (棒)、窓口数 (実線: 反復シミュレーション、破線: Erlang C)、平均待ち (折れ線、右軸・分) と目標 {within} 分",
        "en": "Forecast arrivals (bars), counters open (solid: iterative, dashed: Erlang C), mean wait (line, right axis, minutes) and the {within}-minute target",
    },
    # the congestion forecast (reports): its accuracy and the month-end reason
    "rpt.fc_accuracy": {
        "ja": "予測の精度 (直近{weeks}週のバックテスト): 1日の来庁数の誤差 平均{mae:.0f}人 (MAPE {mape})、前週同曜日の予測なら {naive}",
        "en": "Forecast accuracy (backtest of the last {weeks} weeks): visitors per day off by {mae:.0f} on average (MAPE {mape}); same weekday last week: {naive}",
    },
    "rpt.fc_accuracy_none": {
        "ja": "予測の精度: 記録が少なくバックテストできません",
        "en": "Forecast accuracy: too little history for a backtest",
    },
    "rpt.reason.end_of_month": {"ja": "月末", "en": "End of month"},
    "rpt.ui.fc_why.end_of_month": {"ja": "末", "en": "E"},
    "plan.group": {"ja": "窓口{counters} ({services})", "en": "counter {counters} ({services})"},
    "plan.factor.title": {"ja": "来庁予測の係数", "en": "The arrivals forecast's factors"},
    "plan.factor.note": {
        "ja": "1日の来庁数 = 基準 × 当てはまる係数 (×1.00 は影響なし)。記録から当てはめた値で、右端はその値の元になった開庁日数です。",
        "en": "Visitors per day = base × the factors that apply (×1.00: no effect), fitted to the history; the last column is the number of open days behind each value.",
    },
    "plan.factor.col": {"ja": "係数", "en": "factor"},
    "plan.factor.days": {"ja": "開庁日数", "en": "open days"},
    "plan.factor.base": {"ja": "基準 (1日の来庁数)", "en": "base (visitors per day)"},
    "plan.factor.weekday": {"ja": "曜日: {day}", "en": "weekday: {day}"},
    "plan.factor.month": {"ja": "月: {month}月", "en": "month: {month}"},
    "plan.factor.notice": {"ja": "通知書の到着から {days} 日", "en": "{days} days after notices"},
    "plan.factor.after_holiday": {"ja": "休日明け", "en": "after a holiday"},
    "plan.factor.after_year_end": {"ja": "年末年始明け", "en": "after the year-end closure"},
    "plan.factor.end_of_month": {
        "ja": "月末 (最後の3開庁日)",
        "en": "end of month (last 3 open days)",
    },
    "plan.col.plan": {"ja": "計画", "en": "plan"},
    "plan.col.arrivals": {"ja": "予測来庁数", "en": "arrivals"},
    "plan.col.total": {"ja": "窓口計", "en": "counters"},
    "plan.col.wait": {"ja": "平均待ち(分)", "en": "mean wait (min)"},
    "plan.col.met": {"ja": "目標達成", "en": "met"},
    "plan.col.share_met": {"ja": "目標を満たす30分枠", "en": "half-hours meeting the target"},
    "plan.col.counter_hh": {"ja": "窓口×30分", "en": "counter-half-hours"},
    "plan.col.overtime": {"ja": "終業後の延長(分)", "en": "overtime (min)"},
    "plan.col.left": {"ja": "帰った人", "en": "left"},
}
