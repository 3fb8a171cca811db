"""Messages of the faces of visit plans and the pickup stage (交付): the display's ready
list, the reception's plan keys at intake and the counter view's plan panel."""

MESSAGES: dict[str, dict[str, str]] = {
    "display.preparing_count": {"ja": "準備中 {n}件", "en": "Being prepared: {n}"},
    # -- the intake and the ticket ---------------------------------------------------------
    "plans.intake.steps": {"ja": "プラン「{plan}」: {steps}", "en": "Plan {plan}: {steps}"},
    "doc.plan": {"ja": "本日の手続 ({plan})", "en": "Your visit ({plan})"},
    # -- the counter view ----------------------------------------------------------------
    "plans.key.ready": {"ja": "お渡し可", "en": "Ready"},
    "plans.key.hand_over": {"ja": "お渡し", "en": "Hand over"},
    "plans.key.edit": {"ja": "手続変更", "en": "Plan"},
    "plans.not_preparing": {
        "ja": "{number} は準備中ではありません (お渡し可にできるのは準備中の番号札です)",
        "en": "{number} is not being prepared (only a ticket being prepared can be marked ready)",
    },
    "plans.not_ready": {
        "ja": "{number} はまだお渡しできません (先に Ctrl+O でお渡し可にしてください)",
        "en": "{number} is not ready for pickup yet (mark it ready with Ctrl+O first)",
    },
    "plans.marked_ready": {
        "ja": "{number} をお渡し可にしました (表示の「お渡しできます」に出ます)",
        "en": "{number} is ready for pickup (now on the display's list)",
    },
    "plans.handed_over": {"ja": "{number} をお渡ししました", "en": "{number} handed over"},
    "plans.handed_over_next": {
        "ja": "{number} をお渡ししました。次の手続「{service}」の列に並びます",
        "en": "{number} handed over; now waiting for {service}",
    },
    "plans.edited": {"ja": "{number} の手続を変更しました", "en": "{number}: plan changed"},
    "plans.panel.title": {"ja": "来庁の手続 ({n}件)", "en": "Visit plan ({n} steps)"},
    "plans.panel.key_ready": {"ja": "Ctrl+O: お渡し可にする", "en": "Ctrl+O: mark ready"},
    "plans.panel.key_hand_over": {"ja": "Ctrl+G: お渡し", "en": "Ctrl+G: hand over"},
    "plans.edit.title": {
        "ja": "{number} の手続の変更 (Enter: 決定 / Esc: 取消)",
        "en": "Change the plan of {number} (Enter: apply / Esc: cancel)",
    },
    "plans.edit.add_next": {"ja": "追加: {service} (次に)", "en": "Add {service} next"},
    "plans.edit.add_last": {"ja": "追加: {service} (最後に)", "en": "Add {service} last"},
    "plans.edit.skip": {"ja": "省略: {service}", "en": "Skip {service}"},
    "plans.edit.move": {
        "ja": "順番: {service} を{place}番目に",
        "en": "Move {service} to place {place}",
    },
    "plans.panel.key_edit": {
        "ja": "Ctrl+T: 手続の追加・省略・順番",
        "en": "Ctrl+T: add, skip, reorder",
    },
}
