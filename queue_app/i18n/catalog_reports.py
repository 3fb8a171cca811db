"""Messages of the reports part (Japanese first, English second)."""

MESSAGES: dict[str, dict[str, str]] = {
    # errors
    "err.month_invalid": {
        "ja": "--month の値 {value} が読めません(YYYY-MM の形で指定してください)",
        "en": "cannot read --month {value} (use YYYY-MM)",
    },
    "err.report_format": {
        "ja": "形式 {value} には対応していません({known})",
        "en": "unknown format {value} (use {known})",
    },
    # titles
    "rpt.title_daily": {
        "ja": "日報 待ち時間 {office} {date}({weekday})",
        "en": "Daily wait report {office} {date} ({weekday})",
    },
    "rpt.title_range": {
        "ja": "期間報告 {office} {start} 〜 {end}",
        "en": "Wait report {office} {start} to {end}",
    },
    "rpt.title_forecast": {
        "ja": "混雑予想カレンダー {office} {month}",
        "en": "Congestion forecast {office} {month}",
    },
    "rpt.closed": {"ja": "休み({reason})", "en": "closed ({reason})"},
    "rpt.hours": {"ja": "受付時間 {hours}", "en": "Reception hours {hours}"},
    "rpt.no_tickets": {
        "ja": "この日の発券はありません",
        "en": "No tickets were issued on this day",
    },
    "rpt.kind_none": {"ja": "(未区分)", "en": "(not set)"},
    # figures
    "rpt.issued": {"ja": "発券", "en": "Issued"},
    "rpt.served": {"ja": "対応済", "en": "Served"},
    "rpt.no_show": {"ja": "不在", "en": "No-show"},
    "rpt.cancelled": {"ja": "取消", "en": "Cancelled"},
    "rpt.transferred": {"ja": "回付", "en": "Transferred"},
    "rpt.wait_mean": {"ja": "平均待ち(分)", "en": "Mean wait (min)"},
    "rpt.wait_median": {"ja": "待ち中央値(分)", "en": "Median wait (min)"},
    "rpt.wait_p90": {"ja": "待ち90%値(分)", "en": "p90 wait (min)"},
    "rpt.wait_max": {"ja": "最長待ち(分)", "en": "Max wait (min)"},
    "rpt.service_mean": {"ja": "平均対応時間(分)", "en": "Mean service (min)"},
    "rpt.service_median": {"ja": "対応時間中央値(分)", "en": "Median service (min)"},
    "rpt.over_target": {"ja": "{m}分超の待ち", "en": "Waited over {m} min"},
    "rpt.last30": {
        "ja": "受付終了前30分の発券({start}-{end})",
        "en": "Issued in the last 30 min ({start}-{end})",
    },
    "rpt.last_finish": {"ja": "最終対応終了", "en": "Last visit finished"},
    "rpt.overtime": {"ja": "受付終了後の作業(分)", "en": "Work after reception ended (min)"},
    "rpt.early_note": {
        "ja": "開庁前({opens})に発券された{n}件は、{opens}から待ち時間を数えています。",
        "en": "{n} ticket(s) were issued before opening ({opens}); their wait counts from {opens}.",
    },
    "rpt.wait_note": {
        "ja": "待ち時間は発券から最初の呼出までです。開庁前と受付時間の合間(休憩)は含みません。",
        "en": "Waiting time runs from issue to the first call, without the time before opening "
        "or breaks between reception hours.",
    },
    "rpt.target_line": {"ja": "目標 {m}分", "en": "target {m} min"},
    "rpt.after_close_note": {
        "ja": "受付終了({closes})より後に呼び出された{n}件は、{closes}以降の待ち時間も含みます。",
        "en": "{n} ticket(s) were called after reception ended ({closes}); their wait includes "
        "the time after {closes}.",
    },
    "rpt.provisional": {
        "ja": "途中経過({time} 現在)",
        "en": "Provisional (as of {time})",
    },
    "rpt.provisional_note": {
        "ja": "この日はまだ終わっていません。数字は途中経過で、これからの時間帯は「-」です。",
        "en": "This day is not over yet: the figures are provisional; hours still to come show '-'.",
    },
    "rpt.future": {
        "ja": "{day} はまだ来ていない日です。記録はありません(今日は {today}。記録がある最後の日は"
        " {last})",
        "en": "{day} has not come yet: there are no records (today is {today}; the last day "
        "with records is {last})",
    },
    "rpt.future_none": {
        "ja": "{day} はまだ来ていない日です。記録はありません(今日は {today}。この窓口にはまだ"
        "受付の記録がありません)",
        "en": "{day} has not come yet: there are no records (today is {today}; this office has "
        "no tickets yet)",
    },
    "rpt.range_future": {
        "ja": "{span}({n}日)はまだ来ていない日です(今日は {today})。記録がないため、開庁日数にも"
        "平均にも数えていません。",
        "en": "{span} ({n} day(s)) have not come yet (today is {today}): they have no records "
        "and are not counted in the open days or the averages.",
    },
    "rpt.visits.future": {
        "ja": "{span}({n}日)はまだ来ていない日です(今日は {today})。数字は {today} までの"
        "来庁です。",
        "en": "{span} ({n} day(s)) have not come yet (today is {today}): the figures are the "
        "visits up to {today}.",
    },
    "rpt.future_day": {"ja": "まだ来ていない日", "en": "not yet come"},
    "err.forecast_no_history": {
        "ja": "{office} には {start} 〜 {end} (直近 {weeks} 週間) の受付記録がありません。"
        "混雑を予想できません (--weeks で期間を延ばすか、madoguchi demo で試せます)",
        "en": "{office} has no tickets from {start} to {end} (the last {weeks} weeks) to "
        "forecast from (give more --weeks, or try madoguchi demo)",
    },
    "rpt.by_hour": {"ja": "時間帯別", "en": "By hour"},
    "rpt.by_service": {"ja": "手続別", "en": "By procedure"},
    "rpt.by_kind": {"ja": "来庁区分別", "en": "By visit kind"},
    "rpt.hour": {"ja": "時台", "en": "Hour"},
    "rpt.arrivals": {"ja": "来庁", "en": "Arrivals"},
    "rpt.peak": {"ja": "最大待ち人数", "en": "Most waiting"},
    "rpt.group": {"ja": "区分", "en": "Group"},
    "rpt.figure": {"ja": "項目", "en": "Figure"},
    "rpt.value": {"ja": "値", "en": "Value"},
    "rpt.date": {"ja": "日付", "en": "Date"},
    "rpt.weekday": {"ja": "曜日", "en": "Day"},
    "rpt.total": {"ja": "合計", "en": "Total"},
    "rpt.open_days": {"ja": "開庁日数", "en": "Open days"},
    "rpt.heat_arrivals": {
        "ja": "曜日×時間帯 来庁者数(1日平均)",
        "en": "Arrivals per open day, weekday x hour",
    },
    "rpt.heat_wait": {"ja": "曜日×時間帯 平均待ち(分)", "en": "Mean wait (min), weekday x hour"},
    "rpt.chart_hour": {"ja": "時間帯別 来庁者数と平均待ち", "en": "Arrivals and mean wait by hour"},
    "rpt.chart_days": {"ja": "日別 平均待ち(分)", "en": "Mean wait by day (min)"},
    # forecast
    "rpt.level.quiet": {"ja": "空いています", "en": "Quiet"},
    "rpt.level.moderate": {"ja": "やや混雑", "en": "Busy"},
    "rpt.level.crowded": {"ja": "混雑", "en": "Crowded"},
    "rpt.reason.monday": {"ja": "月曜日", "en": "Monday"},
    "rpt.reason.after_closed": {"ja": "休み明け", "en": "After a closed day"},
    "rpt.reason.notice": {"ja": "通知書到着後", "en": "After expiry notices"},
    "rpt.fc_level": {"ja": "混雑予想", "en": "Expected"},
    "rpt.fc_wait": {"ja": "予想待ち(分)", "en": "Expected wait (min)"},
    "rpt.fc_why": {"ja": "要因", "en": "Why"},
    "rpt.fc_history": {
        "ja": "過去の実績 {start} 〜 {end}({n}開庁日)から予想",
        "en": "Based on {start} to {end} ({n} open days)",
    },
    "rpt.fc_notices": {
        "ja": "通知書の到着日(想定): {dates}",
        "en": "Expected notice delivery: {dates}",
    },
    "rpt.fc_notices_inferred": {"ja": "(過去の混雑から推定)", "en": "(inferred from past spikes)"},
    "rpt.fc_notices_config": {
        "ja": "(設定 [reports] notice_dates)",
        "en": "(from [reports] notice_dates)",
    },
    "rpt.fc_legend": {
        "ja": "空いています: 待ち{m}分未満 / やや混雑: {m}〜{c}分 / 混雑: {c}分以上",
        "en": "Quiet: under {m} min / Busy: {m}-{c} min / Crowded: {c} min or more",
    },
    "rpt.fc_closing": {
        "ja": "受付終了(午後5時頃)直前は混雑します。",
        "en": "The last minutes before reception ends are busy.",
    },
    "rpt.print": {"ja": "印刷", "en": "Print"},
    "rpt.written": {"ja": "{path} に書き出しました", "en": "written to {path}"},
    # the reports screen
    "rpt.ui.title": {"ja": "待ち時間の報告", "en": "Wait-time reports"},
    "rpt.ui.office": {"ja": "窓口", "en": "Office"},
    "rpt.ui.from": {"ja": "開始日", "en": "From"},
    "rpt.ui.to": {"ja": "終了日", "en": "To"},
    "rpt.ui.view.report": {"ja": "実績", "en": "Report"},
    "rpt.ui.view.forecast": {"ja": "混雑予想", "en": "Forecast"},
    "rpt.ui.view.visits": {"ja": "滞在", "en": "Visits"},
    "rpt.ui.visits.name": {"ja": "プラン・手続", "en": "Plan / step"},
    "rpt.ui.visits.count": {"ja": "件数", "en": "N"},
    "rpt.ui.visits.done": {"ja": "完了", "en": "Done"},
    "rpt.ui.visits.stay50": {"ja": "滞在50%", "en": "Stay50%"},
    "rpt.ui.visits.stay90": {"ja": "滞在90%", "en": "Stay90%"},
    "rpt.ui.visits.wait50": {"ja": "待ち50%", "en": "Wait50%"},
    "rpt.ui.visits.wait90": {"ja": "待ち90%", "en": "Wait90%"},
    "rpt.ui.visits.prep50": {"ja": "準備50%", "en": "Prep50%"},
    "rpt.ui.visits.legend": {
        "ja": "分。滞在=受付〜最後の手続の終了。件数=プランは来庁数、手続は呼出数。{mark}=最も待つ手続。準備=お渡し可までの準備 (待ちとは別)",
        "en": "Minutes. Stay = arrival to the last step's end. N = visits (plan), calls (step). {mark} = the plan's longest wait. Prep = preparing for pickup",
    },
    "rpt.ui.bad_month": {
        "ja": "月は YYYY-MM で入力してください",
        "en": "Enter the month as YYYY-MM",
    },
    "rpt.ui.minutes": {"ja": "(予想待ち・分)", "en": "(expected wait, min)"},
    "rpt.ui.fc_closed": {"ja": "休み", "en": "closed"},
    "rpt.ui.lvl.quiet": {"ja": "空き", "en": "quiet"},
    "rpt.ui.lvl.moderate": {"ja": "やや", "en": "busy"},
    "rpt.ui.lvl.crowded": {"ja": "混雑", "en": "crowded"},
    "rpt.ui.fc_wait": {"ja": "約{m}分", "en": "~{m}min"},
    "rpt.ui.fc_why.after_closed": {"ja": "明", "en": "A"},
    "rpt.ui.fc_why.notice": {"ja": "通", "en": "N"},
    "rpt.ui.fc_marks": {
        "ja": "明=休み明け 通=通知書到着後 末=月末",
        "en": "A=after a closed day N=after expiry notices E=end of month",
    },
    "rpt.ui.show": {"ja": "表示", "en": "Show"},
    "rpt.ui.loading": {"ja": "集計しています…", "en": "Computing…"},
    "rpt.ui.summary": {
        "ja": "発券 {issued} / 対応済 {served} / 不在 {no_show} / 取消 {cancelled} / 回付 {transferred}",
        "en": "Issued {issued} / served {served} / no-show {no_show} / cancelled {cancelled} / transferred {transferred}",
    },
    "rpt.ui.waits": {
        "ja": "待ち 平均 {mean} / 中央値 {median} / 90% {p90} / 最長 {max} 分 ・ {target}分超 {over}",
        "en": "Wait mean {mean} / median {median} / p90 {p90} / max {max} min · over {target} min {over}",
    },
    "rpt.ui.range_waits": {
        "ja": "開庁 {days}日 ・ 平均待ち {mean} 分 ・ 最長 {max} 分",
        "en": "{days} open days · mean wait {mean} min · max {max} min",
    },
    "rpt.ui.arrivals_by_hour": {"ja": "時間帯別 来庁", "en": "Arrivals by hour"},
    "rpt.ui.wait_by_hour": {"ja": "時間帯別 平均待ち", "en": "Mean wait by hour"},
    "rpt.ui.arrivals_by_day": {"ja": "日別 来庁", "en": "Arrivals by day"},
    "rpt.ui.wait_by_day": {"ja": "日別 平均待ち", "en": "Mean wait by day"},
    "rpt.ui.days_spark": {"ja": "日別 平均待ち", "en": "Mean wait by day"},
}
