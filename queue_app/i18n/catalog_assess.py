"""Messages of the renewal window and the visit assessment."""

MESSAGES: dict[str, dict[str, str]] = {
    # -- visit kinds ---------------------------------------------------------------------
    "visit.self": {"ja": "本人", "en": "the person themself"},
    "visit.agent_with_answer": {
        "ja": "任意代理人(照会書兼回答書あり)",
        "en": "agent (with the answer form)",
    },
    "visit.agent_first": {
        "ja": "任意代理人 1回目(照会書兼回答書なし)",
        "en": "agent, first visit (no answer form)",
    },
    "visit.agent_second": {
        "ja": "任意代理人 2回目",
        "en": "agent, second visit",
    },
    "visit.guardian": {"ja": "成年後見人", "en": "adult guardian"},
    # -- items brought -------------------------------------------------------------------
    "item.card": {
        "ja": "更新対象者本人のマイナンバーカード",
        "en": "My Number Card of the person renewing",
    },
    "item.notice": {
        "ja": "マイナンバーカード電子証明書 有効期限のお知らせ(届いていない場合は不要)",
        "en": "e-certificate expiry notice (not needed if it has not arrived)",
    },
    "item.answer_form": {
        "ja": "照会書兼回答書(本人が暗証番号を記入し封入したもの)",
        "en": "inquiry-and-answer form (照会書兼回答書), filled in and sealed by the person",
    },
    "item.photo_id": {
        "ja": "官公署発行の顔写真付き本人確認書類(マイナンバーカード、運転免許証、パスポートなど)",
        "en": "government-issued photo ID (My Number Card, driving licence, passport...)",
    },
    "item.nonphoto_id": {
        "ja": "顔写真なしの本人確認書類(健康保険証など)",
        "en": "ID without a photo (e.g. health-insurance card)",
    },
    "item.any_id": {
        "ja": "任意代理人の本人確認書類(顔写真なしでも可: マイナンバーカード、運転免許証、健康保険証など)",
        "en": "an ID of the agent (no photo needed: My Number Card, driving licence, health-insurance card...)",
    },
    "item.registry_cert": {
        "ja": "成年後見人であることが確認できる登記事項証明書",
        "en": "certificate of registered matters (登記事項証明書) proving the guardianship",
    },
    "item.ward_present": {
        "ja": "更新対象者本人(成年被後見人)の同行",
        "en": "the ward in person at the counter",
    },
    # -- PIN status and certificates -----------------------------------------------------
    "pin.known": {"ja": "暗証番号が分かる", "en": "PIN known"},
    "pin.forgotten": {"ja": "暗証番号が不明", "en": "PIN forgotten"},
    "pin.locked": {"ja": "暗証番号ロック中", "en": "PIN locked"},
    "cert.user": {
        "ja": "利用者証明用電子証明書(暗証番号: 数字4桁)",
        "en": "user-authentication certificate (4-digit PIN)",
    },
    "cert.sign": {
        "ja": "署名用電子証明書(暗証番号: 英数字6~16桁)",
        "en": "signing certificate (6-16 character alphanumeric PIN)",
    },
    # -- decisions -----------------------------------------------------------------------
    "decision.serve_today": {"ja": "本日手続できます(即日更新)", "en": "can be served today"},
    "decision.document_inquiry": {
        "ja": "文書照会(後日もう一度来庁が必要)",
        "en": "document inquiry (another visit needed)",
    },
    "decision.new_card_application": {
        "ja": "カードの交付申請へご案内(電子証明書の更新ではありません)",
        "en": "route to a new-card application (not a certificate renewal)",
    },
    "decision.cannot_proceed": {
        "ja": "本日は手続できません(必要書類等の不足)",
        "en": "cannot proceed today (required items missing)",
    },
    # -- reasons -------------------------------------------------------------------------
    "assess.reason.serve_today": {
        "ja": "必要なものがすべてそろっています。本日更新できます。",
        "en": "Everything required is here; the renewal can be done today.",
    },
    "assess.reason.card_expiring": {
        "ja": "お知らせの「有効期限が到来するもの」欄に「マイナンバーカード」とあるため、カード自体の有効期限が近づいています。新しいカードの作成が必要です。個人番号カード交付申請書は総合窓口課・各出張所で発行しています。",
        "en": "The notice lists マイナンバーカード under items expiring: the card itself is expiring and a new card is needed. Application forms (交付申請書) are issued at the General Counter Section and the branch offices.",
    },
    "assess.reason.card_required": {
        "ja": "更新対象者本人のマイナンバーカードがないと手続できません。",
        "en": "The My Number Card of the person renewing is required for every procedure.",
    },
    "assess.reason.answer_form_missing": {
        "ja": "照会書兼回答書がない場合は即日更新できません。「任意代理人 1回目(照会書兼回答書なし)」として受け付けると、本人への文書照会のあと2回目の来庁で手続できます。",
        "en": "Without the answer form the renewal cannot be done today. Registered as an agent's first visit (no answer form), the city sends a document inquiry to the person and the agent comes back a second time.",
    },
    "assess.reason.photo_id_required": {
        "ja": "任意代理人の官公署発行の顔写真付き本人確認書類が必要です。顔写真のない書類では本日の手続はできません。",
        "en": "The agent needs a government-issued photo ID; an ID without a photo is not enough for this procedure.",
    },
    "assess.reason.hint_first_visit_nonphoto": {
        "ja": "顔写真なしの本人確認書類でも「任意代理人 1回目(照会書兼回答書なし)」の手続(文書照会による2回来庁)なら受け付けられます。",
        "en": "With an ID without a photo the agent can still start the first-visit route (document inquiry, two visits).",
    },
    "assess.reason.agent_first_any_id": {
        "ja": "任意代理人の本人確認書類が必要です。1回目の来庁では、どの本人確認書類でもかまいません(顔写真なしの健康保険証なども可)。",
        "en": "The agent needs an ID document. On the first visit any ID will do (one without a photo, such as a health-insurance card, is fine).",
    },
    "assess.reason.agent_first_inquiry": {
        "ja": "照会書兼回答書がないため、更新対象者本人へ文書で照会します。届いた照会書兼回答書(署名又は記名押印・暗証番号を封入)と顔写真付き本人確認書類を持って、2回目にお越しください。",
        "en": "Without the answer form the city mails a document inquiry to the person. The agent comes back with the returned form (signed or sealed, PINs sealed inside) and a photo ID.",
    },
    "assess.reason.hint_same_day_with_answer": {
        "ja": "照会書兼回答書と顔写真付き本人確認書類をお持ちです。来庁者の区分を「任意代理人(照会書兼回答書あり)」に変えて判定し直すと、文書照会なしで手続できる場合があります。",
        "en": "The agent has the answer form and a photo ID: assessed again as an agent with the answer form, the visit may not need a document inquiry.",
    },
    "assess.reason.agent_first_inquiry_later": {
        "ja": "照会書兼回答書がない任意代理人の手続は、必要なものがそろったうえで更新対象者本人へ文書で照会し、2回目の来庁で行います。",
        "en": "For an agent without the answer form, once the required items are here the city mails a document inquiry to the person and the agent comes back a second time.",
    },
    "assess.reason.second_answer_form": {
        "ja": "2回目の来庁には、1回目の後に郵送した照会書兼回答書(署名又は記名押印があり、暗証番号を封入したもの)が必要です。",
        "en": "The second visit needs the answer form mailed after the first visit, signed or sealed, with the PINs sealed inside.",
    },
    "assess.reason.guardian_registry_cert": {
        "ja": "成年後見人であることが確認できる登記事項証明書が必要です。",
        "en": "A certificate of registered matters proving the guardianship is required.",
    },
    "assess.reason.guardian_no_photo_id": {
        "ja": "成年後見人の顔写真付き本人確認書類がないため、文書照会となります。",
        "en": "The guardian has no photo ID, so a document inquiry is needed.",
    },
    "assess.reason.guardian_no_photo_id_later": {
        "ja": "成年後見人の顔写真付き本人確認書類がない場合は、必要なものがそろったうえで文書照会となります。",
        "en": "Without a photo ID of the guardian, a document inquiry follows once the required items are here.",
    },
    "assess.reason.guardian_ward_present": {
        "ja": "署名用電子証明書を更新する場合は、更新対象者本人も必ず窓口に同行する必要があります。",
        "en": "To renew the signing certificate the ward must come to the counter too.",
    },
    "assess.reason.guardian_user_only": {
        "ja": "更新対象者本人(成年被後見人)が同行していないため、本日は利用者証明用電子証明書のみ更新できます。署名用電子証明書の更新には本人の同行が必要です。",
        "en": "The ward has not come: the user-authentication certificate can be renewed today; renewing the signing certificate needs the ward at the counter.",
    },
    "assess.reason.guardian_ward_next_visit": {
        "ja": "署名用電子証明書を更新する場合は、次回の来庁時に更新対象者本人(成年被後見人)も同行してください。",
        "en": "To renew the signing certificate, the ward must come along on the next visit.",
    },
    "assess.reason.pin_user_forgotten": {
        "ja": "利用者証明用電子証明書の暗証番号(数字4桁)が不明なため、暗証番号の再設定が必要です。",
        "en": "The 4-digit PIN of the user-authentication certificate is forgotten: it must be reset.",
    },
    "assess.reason.pin_user_locked": {
        "ja": "利用者証明用電子証明書の暗証番号(数字4桁)にロックがかかっているため(3回誤りでロック)、暗証番号の再設定が必要です。",
        "en": "The 4-digit PIN of the user-authentication certificate is locked (locks after 3 misses): it must be reset.",
    },
    "assess.reason.pin_sign_forgotten": {
        "ja": "署名用電子証明書の暗証番号(英数字6~16桁)が不明なため、暗証番号の再設定が必要です。",
        "en": "The signing-certificate PIN (6-16 alphanumeric) is forgotten: it must be reset.",
    },
    "assess.reason.pin_sign_locked": {
        "ja": "署名用電子証明書の暗証番号(英数字6~16桁)にロックがかかっているため(5回誤りでロック)、暗証番号の再設定が必要です。",
        "en": "The signing-certificate PIN (6-16 alphanumeric) is locked (locks after 5 misses): it must be reset.",
    },
    # -- inquiry reasons -----------------------------------------------------------------
    "assess.inquiry.pin_reset": {
        "ja": "暗証番号の再設定(文書照会による再度の来庁が必要)",
        "en": "PIN reset (document inquiry, another visit needed)",
    },
    "assess.inquiry.agent_first": {
        "ja": "照会書兼回答書のない任意代理人(文書照会のあと2回目の来庁が必要)",
        "en": "agent without the answer form (second visit after the document inquiry)",
    },
    "assess.inquiry.guardian_no_photo_id": {
        "ja": "顔写真付き本人確認書類のない成年後見人",
        "en": "guardian without a photo ID",
    },
    # -- warnings ------------------------------------------------------------------------
    "assess.warn.id_documents": {
        "ja": "本人確認書類は、氏名・住所が最新で住民票の記載と一致し、有効期間内のものに限ります。窓口で複写します。",
        "en": "ID documents must show the current name and address as in the resident register and be within their validity; they are photocopied at the counter.",
    },
    "assess.warn.guardian_sign": {
        "ja": "成年被後見人には署名用電子証明書は原則として発行されません。本人同行のうえ、発行できるか窓口で確認してください。",
        "en": "The signing certificate is in principle not issued to adult wards; confirm at the counter, with the ward present, whether it can be issued.",
    },
    "renewal.warn.too_early": {
        "ja": "更新手続期間より前です。手続はできますが、新しい電子証明書の有効期限が短くなります(期間内なら発行後6回目の誕生日まで、期間前だと5回目の誕生日までとなり、約1年短くなります)。",
        "en": "This is before the renewal window. Renewal is possible, but the new certificate runs only to the 5th birthday after issue instead of the 6th (about a year shorter).",
    },
    "renewal.warn.expired": {
        "ja": "電子証明書の有効期限が過ぎています。期限後でも無料で更新(再発行)できますが、それまではコンビニ交付やe-Taxなどが利用できません。",
        "en": "The certificate has expired. It can still be renewed (re-issued) free of charge, but until then convenience-store issuance and e-Tax do not work.",
    },
    # -- renewal window output -----------------------------------------------------------
    "renewal.status.too_early": {"ja": "更新手続期間前", "en": "before the renewal window"},
    "renewal.status.open": {"ja": "更新手続期間中", "en": "renewal window open"},
    "renewal.status.expired": {"ja": "有効期限切れ", "en": "expired"},
    "renewal.detail.too_early": {
        "ja": "期間開始まであと{days}日",
        "en": "the window opens in {days} day(s)",
    },
    "renewal.detail.open": {
        "ja": "有効期限まであと{days}日",
        "en": "{days} day(s) left until expiry",
    },
    "renewal.detail.open_last_day": {
        "ja": "本日が有効期限日(更新手続期間の最終日)です",
        "en": "today is the expiry date, the last day of the window",
    },
    "renewal.detail.expired": {
        "ja": "有効期限から{days}日経過",
        "en": "expired {days} day(s) ago",
    },
    "renewal.label.expiry": {"ja": "電子証明書の有効期限", "en": "certificate expiry"},
    "renewal.label.today": {"ja": "基準日", "en": "as of"},
    "renewal.label.window": {"ja": "更新手続期間", "en": "renewal window"},
    "renewal.label.status": {"ja": "状態", "en": "status"},
    "renewal.label.warning": {"ja": "注意", "en": "note"},
    "renewal.label.fee": {"ja": "手数料: 無料", "en": "fee: free"},
    "renewal.window_range": {"ja": "{start} 〜 {end}", "en": "{start} to {end}"},
    # -- assessment output ---------------------------------------------------------------
    "assess.label.visit": {"ja": "来庁者", "en": "visitor"},
    "assess.label.brought": {"ja": "持参したもの", "en": "brought"},
    "assess.label.renew": {"ja": "更新する証明書", "en": "certificates to renew"},
    "assess.label.covered": {
        "ja": "今回の手続で更新する証明書",
        "en": "certificates this decision covers",
    },
    "assess.label.decision": {"ja": "判定", "en": "decision"},
    "assess.label.missing": {"ja": "不足しているもの", "en": "missing"},
    "assess.label.reasons": {"ja": "理由", "en": "reasons"},
    "assess.label.inquiry": {"ja": "文書照会の理由", "en": "reason for the document inquiry"},
    "assess.label.renewal": {"ja": "更新手続期間", "en": "renewal window"},
    "assess.label.warnings": {"ja": "注意", "en": "notes"},
    "assess.label.none": {"ja": "なし", "en": "none"},
    "assess.list_separator": {"ja": "、", "en": "; "},
    # -- CLI errors ----------------------------------------------------------------------
    "assess.err.invalid_pin_status": {
        "ja": "{flag} には PIN の状態だけを指定します (PIN そのものは入力しないでください。入力値は表示しません)。使える値: {allowed}",
        "en": "{flag} takes the PIN's status only, never the PIN itself (the value is not shown); choose from {allowed}",
    },
    "assess.err.invalid_choice": {
        "ja": "{flag} の値 '{value}' は使えません。使える値: {allowed}",
        "en": "{flag}: '{value}' is not allowed; choose from {allowed}",
    },
}
