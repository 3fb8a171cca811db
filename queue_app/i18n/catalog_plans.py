"""Messages of visit plans (one ticket through several procedures) and the pickup stage
(交付: preparing → ready → handed over)."""

MESSAGES: dict[str, dict[str, str]] = {
    "state.preparing": {"ja": "準備中", "en": "preparing"},
    "state.ready": {"ja": "お渡しできます", "en": "ready for pickup"},
    "action.advance": {"ja": "次の手続へ", "en": "go on to the next step"},
    "action.prepare": {"ja": "準備中にする", "en": "start preparing"},
    "action.ready": {"ja": "お渡し可にする", "en": "mark ready"},
    "action.hand_over": {"ja": "お渡し", "en": "hand over"},
    "step.pending": {"ja": "これから", "en": "to come"},
    "step.current": {"ja": "現在", "en": "now"},
    "step.done": {"ja": "済", "en": "done"},
    "step.skipped": {"ja": "省略", "en": "skipped"},
    "step.cancelled": {"ja": "取消", "en": "cancelled"},
    "pickup.ready_title": {"ja": "お渡しできます", "en": "Ready for pickup"},
    "pickup.preparing_title": {"ja": "準備中", "en": "Being prepared"},
    "pickup.none_ready": {"ja": "お渡しできる番号はありません", "en": "Nothing ready for pickup"},
    "err.unknown_plan": {
        "ja": "プラン {value} は設定にありません (使えるもの: {known})",
        "en": "There is no plan {value} in the configuration (known: {known})",
    },
    "err.plan_not_at_office": {
        "ja": "プラン {value} は {office} では使えません (この庁舎のプラン: {known})",
        "en": "Plan {value} is not offered at {office} (this office's plans: {known})",
    },
    "err.plan_empty": {
        "ja": "--plan に手続を1つ以上指定してください (例: --plan moving,card_pickup,other)",
        "en": "Give at least one procedure with --plan (e.g. --plan moving,card_pickup,other)",
    },
    "err.plan_too_long": {
        "ja": "手続が多すぎます ({count} 件): 1回の来庁で {limit} 件までです",
        "en": "Too many procedures ({count}): a visit has at most {limit}",
    },
    "err.plan_unknown_service": {
        "ja": "手続 {value} はこの庁舎で扱っていません (使えるもの: {known})",
        "en": "Procedure {value} is not offered at this office (known: {known})",
    },
    "err.plan_duplicate": {
        "ja": "手続 {value} はすでにプランにあります (各手続は1回ずつ)",
        "en": "Procedure {value} is already in the plan (each procedure once)",
    },
    "err.plan_step_unknown": {
        "ja": "プランに {value} 番目の手続はありません",
        "en": "The plan has no step {value}",
    },
    "err.plan_step_not_pending": {
        "ja": "手続 {value} はこれからの手続にありません (これから: {known})",
        "en": "Procedure {value} is not among the steps to come (to come: {known})",
    },
    "err.plan_no_current": {
        "ja": "この番号札の来庁は終わっています (現在の手続がありません)",
        "en": "This ticket's visit has ended (there is no current step)",
    },
    "err.plan_ended": {
        "ja": "この番号札の来庁は終わっているため、手続を追加できません",
        "en": "This ticket's visit has ended: no step can be added",
    },
    "err.plan_after_inquiry": {
        "ja": "手続 {value} は今回の来庁で文書照会になりました。同じ日にはプランに戻せません (2回目の来庁を予約してください)",
        "en": "Procedure {value} ended in a document inquiry on this visit and cannot be added back today; book the second visit instead",
    },
    "err.plan_skip_busy": {
        "ja": "手続 {service} は窓口で対応中または交付待ちのため省略できません。先に完了するか待ちに戻してください",
        "en": "Step {service} is at a counter or in pickup and cannot be skipped; finish it or put it back in the queue first",
    },
    "err.plan_skip_last": {
        "ja": "手続 {service} は最後の手続のため省略できません。来庁を終えるには番号札を取り消してください",
        "en": "Step {service} is the last one and cannot be skipped; cancel the ticket to end the visit",
    },
    "err.plan_step_ended": {
        "ja": "手続 {service} はすでに終わっています ({state})",
        "en": "Step {service} has already ended ({state})",
    },
    "err.plan_move_not_pending": {
        "ja": "手続 {service} はこれからの手続ではないため、順番を変えられません",
        "en": "Step {service} is not still to come; its place cannot change",
    },
    "err.plan_move_place": {
        "ja": "順番 {value} は範囲外です (1〜{high} を指定してください。1 = 次)",
        "en": "Place {value} is out of range (give 1 to {high}; 1 = next)",
    },
    "err.plan_move_syntax": {
        "ja": "--move は 手続:順番 の形で指定してください (例: --move other:1)",
        "en": "Give --move as procedure:place (e.g. --move other:1)",
    },
    "err.plan_edit_nothing": {
        "ja": "--add、--skip、--move のどれかを指定してください",
        "en": "Give --add, --skip or --move",
    },
    "err.not_a_plan": {
        "ja": "番号札 {number} にはプランがありません (手続1つの番号札です)",
        "en": "Ticket {number} has no plan (a single-procedure ticket)",
    },
    "err.plan_and_service": {
        "ja": "--plan と手続 (--service) は同時に指定できません。プランの最初の手続で発券します",
        "en": "Give either --plan or --service, not both: the plan's first step is the service",
    },
    "err.service_or_plan": {
        "ja": "--service (手続) か --plan (プラン) のどちらかを指定してください (例: --service moving、--plan tennyu)",
        "en": "Give --service (a procedure) or --plan (a visit plan), e.g. --service moving or --plan tennyu",
    },
    "err.plan_at_without_add": {
        "ja": "--at は --add と一緒に指定してください (例: --add other --at 1)",
        "en": "Give --at together with --add (e.g. --add other --at 1)",
    },
    "plan.edit.added": {"ja": "手続 {service} を追加しました", "en": "Added step {service}"},
    "plan.edit.skipped": {"ja": "手続 {service} を省略しました", "en": "Skipped step {service}"},
    "plan.edit.moved": {
        "ja": "手続 {service} を {place} 番目に移しました",
        "en": "Moved step {service} to place {place}",
    },
    "rpt.visits.title": {
        "ja": "{office} 来庁時間レポート {span}",
        "en": "{office}: time in the building, {span}",
    },
    "rpt.visits.visits": {"ja": "来庁", "en": "Visits"},
    "rpt.visits.completed": {"ja": "完了", "en": "Completed"},
    "rpt.visits.multi": {
        "ja": "複数の窓口を回った来庁",
        "en": "Visits needing more than one counter",
    },
    "rpt.visits.building_p50": {"ja": "庁内滞在 中央値(分)", "en": "In building p50 (min)"},
    "rpt.visits.building_p90": {"ja": "庁内滞在 90%値(分)", "en": "In building p90 (min)"},
    "rpt.visits.plan": {"ja": "プラン", "en": "Plan"},
    "rpt.visits.longest_wait": {
        "ja": "最も待つ手続(待ち中央値)",
        "en": "Longest wait at (p50)",
    },
    "rpt.visits.per_plan": {"ja": "プラン別", "en": "Per plan"},
    "rpt.visits.plan_steps": {"ja": "{plan} の手続別", "en": "{plan}: per step"},
    "rpt.visits.per_service": {"ja": "手続別 (全来庁)", "en": "Per procedure (all visits)"},
    "rpt.visits.step": {"ja": "手続", "en": "Step"},
    "rpt.visits.service": {"ja": "手続", "en": "Procedure"},
    "rpt.visits.steps_n": {"ja": "呼出数", "en": "Called"},
    "rpt.visits.wait_p50": {"ja": "待ち 中央値", "en": "Wait p50"},
    "rpt.visits.wait_p90": {"ja": "待ち 90%値", "en": "Wait p90"},
    "rpt.visits.service_p50": {"ja": "対応 中央値", "en": "Service p50"},
    "rpt.visits.preparing_p50": {"ja": "準備 中央値", "en": "Preparing p50"},
    "rpt.visits.preparing_p90": {"ja": "準備 90%値", "en": "Preparing p90"},
    "rpt.visits.pickup_wait_p50": {"ja": "受取待ち 中央値", "en": "Pickup wait p50"},
    "rpt.visits.none": {"ja": "この期間の来庁はありません", "en": "No visits in this period"},
    "rpt.visits.note": {
        "ja": "時間は分。庁内滞在 = 受付から最後の手続の終了まで (完了した来庁のみ)。待ち = 列に並んでから最初の呼出まで。準備 = 窓口の手続の終了からお渡し可まで (待ちとは別に集計)。",
        "en": "Times in minutes. In building = arrival to the end of the last step (completed visits). Wait = joining the queue to the first call. Preparing = end of the counter step to ready for pickup (reported apart from waiting).",
    },
}
