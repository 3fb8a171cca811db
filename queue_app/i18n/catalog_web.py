"""Messages of the visitor's web pages, in the seven languages of `madoguchi web`.

Each entry is written as (日本語, やさしい日本語, English, 中文(简体), 한국어, Tiếng Việt,
Português) and expanded into the catalogue's usual {lang: text} form. `tests/test_web_i18n.py`
checks that no language lacks a key and that every translation keeps the same placeholders.
やさしい日本語 follows the Immigration Services Agency's guideline: short sentences, common
words, spaces between phrases where it helps.
"""

from __future__ import annotations

WEB_LANGS: tuple[str, ...] = ("ja", "ja-easy", "en", "zh-Hans", "ko", "vi", "pt")

# one line per message, the seven languages side by side (easier to check than 9 lines each)
# fmt: off
_T: dict[str, tuple[str, str, str, str, str, str, str]] = {
    # -- every page ------------------------------------------------------------------------
    "web.site": ("窓口の待ち状況", "まどぐちの まちじょうきょう", "Counter waiting times", "窗口等候情况", "창구 대기 현황", "Tình trạng chờ tại quầy", "Espera nos balcões"),
    "web.skip": ("本文へ移動", "ほんぶんへ いく", "Skip to main content", "跳到正文", "본문으로 건너뛰기", "Chuyển đến nội dung chính", "Ir para o conteúdo"),
    "web.lang_label": ("表示する言語", "ことば", "Language", "语言", "언어", "Ngôn ngữ", "Idioma"),
    "web.as_of": ("{time} 現在", "{time} の じょうほう", "As of {time}", "截至 {time}", "{time} 기준", "Cập nhật lúc {time}", "Atualizado às {time}"),
    "web.live": ("この画面は自動で新しくなります", "この がめんは じどうで かわります", "This page updates by itself", "本页面会自动更新", "이 화면은 자동으로 업데이트됩니다", "Trang này tự động cập nhật", "Esta página se atualiza sozinha"),
    "web.refresh_note": ("20秒ごとに自動で更新します", "20びょうごとに あたらしく なります", "This page reloads every 20 seconds", "本页面每20秒刷新一次", "이 페이지는 20초마다 새로 고쳐집니다", "Trang này tải lại sau mỗi 20 giây", "Esta página recarrega a cada 20 segundos"),
    "web.refresh_stop": ("自動更新を止める", "じどうで かわるのを とめる", "Stop automatic updates", "停止自动刷新", "자동 새로 고침 중지", "Dừng tự động cập nhật", "Parar a atualização automática"),
    "web.refresh_start": ("自動更新を再開する", "じどうで かわるように する", "Resume automatic updates", "恢复自动刷新", "자동 새로 고침 다시 시작", "Tiếp tục tự động cập nhật", "Retomar a atualização automática"),
    "web.reconnecting": ("接続が切れました。つなぎ直しています…", "つながりが きれました。いま つないでいます…", "Connection lost. Reconnecting…", "连接已断开，正在重新连接…", "연결이 끊어졌습니다. 다시 연결하는 중…", "Mất kết nối. Đang kết nối lại…", "Conexão perdida. Reconectando…"),
    "web.offices_link": ("窓口の一覧", "まどぐちの いちらん", "All offices", "所有窗口", "모든 창구", "Tất cả các quầy", "Todos os balcões"),
    "web.city": ("志木市", "しきし", "Shiki City", "志木市", "시키시", "Thành phố Shiki", "Cidade de Shiki"),
    # -- the ticket's own page -------------------------------------------------------------
    "web.ticket.title": ("受付番号 {number}", "あなたの ばんごう {number}", "Ticket {number}", "号码 {number}", "번호표 {number}", "Số thứ tự {number}", "Senha {number}"),
    "web.ticket.number": ("あなたの受付番号", "あなたの ばんごう", "Your number", "您的号码", "내 번호", "Số của bạn", "Sua senha"),
    "web.ticket.procedure": ("手続", "てつづき", "Procedure", "办理事项", "업무", "Thủ tục", "Procedimento"),
    "web.ticket.state": ("状況", "いまの じょうきょう", "Status", "状态", "상태", "Trạng thái", "Situação"),
    "web.ticket.ahead": ("あなたの前に {n}人", "あなたの まえに {n}にん", "Ahead of you: {n}", "您前面还有 {n} 人", "앞에 {n}명", "Còn {n} người trước bạn", "{n} pessoas na sua frente"),
    "web.ticket.next": ("次にお呼びします", "つぎに よびます", "You are next", "下一位就是您", "다음 차례입니다", "Bạn là người tiếp theo", "Você é o próximo"),
    "web.ticket.estimate_label": ("呼ばれるまでの目安", "よばれるまでの じかん", "Estimated wait", "预计等候时间", "예상 대기 시간", "Thời gian chờ dự kiến", "Espera estimada"),
    "web.ticket.estimate": ("約{m}分", "だいたい {m}ぷん", "About {m} minutes", "约 {m} 分钟", "약 {m}분", "Khoảng {m} phút", "Cerca de {m} minutos"),
    "web.ticket.estimate_soon": ("まもなく", "もうすぐ", "Soon", "马上", "곧", "Sắp đến lượt", "Em breve"),
    "web.ticket.estimate_note": ("目安です。前後することがあります。", "めやすです。はやく なったり おそく なったり します。", "This is an estimate; it may change.", "这是估计时间，可能会有变化。", "예상 시간이며 달라질 수 있습니다.", "Đây là thời gian ước tính, có thể thay đổi.", "É uma estimativa e pode mudar."),
    "web.ticket.calls": ("いまお呼びしている番号", "いま よんでいる ばんごう", "Numbers being called now", "正在叫号", "지금 호출 중인 번호", "Các số đang được gọi", "Senhas chamadas agora"),
    "web.ticket.no_calls": ("まだお呼び出しはありません", "まだ よんでいません", "No numbers called yet", "尚未叫号", "아직 호출된 번호가 없습니다", "Chưa gọi số nào", "Nenhuma senha chamada ainda"),
    "web.ticket.end": ("本日の受付は {time} まで", "きょうの うけつけは {time} まで", "Reception today ends at {time}", "今日受理截止到 {time}", "오늘 접수는 {time}까지", "Hôm nay nhận hồ sơ đến {time}", "Atendimento hoje até {time}"),
    "web.ticket.keep_open": ("このページを開いたままにしておくと、呼ばれたときにお知らせします。", "この ページを ひらいたままに してください。よばれたら しらせます。", "Keep this page open: it tells you when you are called.", "请保持本页面打开，叫到您时会通知您。", "이 페이지를 열어 두면 호출될 때 알려 드립니다.", "Hãy để trang này mở: trang sẽ báo khi đến lượt bạn.", "Mantenha esta página aberta: ela avisa quando você for chamado."),
    "web.ticket.alert_on": ("音と振動で知らせる", "おとと ふるえで しらせる", "Alert me with sound and vibration", "用声音和振动提醒我", "소리와 진동으로 알림", "Báo cho tôi bằng âm thanh và rung", "Avisar com som e vibração"),
    "web.ticket.alert_ready": ("呼ばれたら音と振動でお知らせします", "よばれたら おとと ふるえで しらせます", "You will hear a sound and feel a vibration when called", "叫到您时会发出声音并振动", "호출되면 소리와 진동으로 알려 드립니다", "Khi đến lượt, điện thoại sẽ kêu và rung", "Ao ser chamado, o telefone toca e vibra"),
    "web.ticket.qr_alt": ("受付番号 {number} のQRコード(窓口で読み取ります)", "ばんごう {number} の QRコード(まどぐちで よみます)", "QR code of ticket {number} (scanned at the counter)", "号码 {number} 的二维码（在窗口扫描）", "번호표 {number}의 QR 코드(창구에서 읽습니다)", "Mã QR của số {number} (quét tại quầy)", "Código QR da senha {number} (lido no balcão)"),
    # states
    "web.state.waiting": ("お待ちください", "まって ください", "Please wait", "请等候", "기다려 주세요", "Vui lòng chờ", "Aguarde, por favor"),
    "web.state.called": ("お呼び出し中です", "よばれて います", "You are being called", "正在叫您的号", "호출 중입니다", "Đang gọi số của bạn", "Você está sendo chamado"),
    "web.state.serving": ("窓口で受付中です", "まどぐちで てつづき ちゅう", "Being served at the counter", "正在窗口办理", "창구에서 처리 중입니다", "Đang được phục vụ tại quầy", "Em atendimento no balcão"),
    "web.state.done": ("お手続きは終わりました", "てつづきは おわりました", "Your visit is finished", "办理已完成", "업무가 끝났습니다", "Thủ tục đã xong", "Seu atendimento terminou"),
    "web.state.no_show": ("お呼びしましたが、いらっしゃいませんでした", "よびましたが いませんでした", "You were called but did not come", "叫号时您不在", "호출했지만 오지 않으셨습니다", "Đã gọi nhưng bạn không có mặt", "Você foi chamado, mas não compareceu"),
    "web.state.cancelled": ("この番号は取り消されました", "この ばんごうは つかえません", "This number was cancelled", "此号码已取消", "이 번호는 취소되었습니다", "Số này đã bị hủy", "Esta senha foi cancelada"),
    "web.call.heading": ("お呼び出しです", "あなたの ばんです", "It's your turn", "轮到您了", "차례가 되었습니다", "Đến lượt bạn", "É a sua vez"),
    "web.call.go": ("{counter}番窓口へお越しください", "{counter}ばんの まどぐちへ きて ください", "Please go to counter {counter}", "请到 {counter} 号窗口", "{counter}번 창구로 오세요", "Mời bạn đến quầy số {counter}", "Dirija-se ao balcão {counter}"),
    "web.call.go_any": ("窓口へお越しください", "まどぐちへ きて ください", "Please go to the counter", "请到窗口", "창구로 오세요", "Mời bạn đến quầy", "Dirija-se ao balcão"),
    "web.next.done": ("ご来庁ありがとうございました。", "きて くれて ありがとう ございました。", "Thank you for your visit.", "感谢您的光临。", "방문해 주셔서 감사합니다.", "Cảm ơn bạn đã đến.", "Obrigado pela visita."),
    "web.next.no_show": ("窓口の職員に声をかけてください。順番に戻れる場合があります。", "まどぐちの しょくいんに はなして ください。また まてる ことが あります。", "Please speak to a member of staff at the counter; you may be put back in the queue.", "请告诉窗口工作人员，可能可以重新排队。", "창구 직원에게 말씀해 주세요. 다시 줄에 설 수 있습니다.", "Hãy nói với nhân viên tại quầy; bạn có thể được xếp lại vào hàng.", "Fale com um atendente no balcão; você pode voltar para a fila."),
    "web.next.cancelled": ("窓口で新しい番号を受け取ってください。", "まどぐちで あたらしい ばんごうを もらって ください。", "Please take a new number at the reception.", "请在窗口领取新的号码。", "창구에서 새 번호표를 받아 주세요.", "Vui lòng lấy số mới tại quầy tiếp nhận.", "Retire uma nova senha na recepção."),
    "web.next.transferred": ("別の手続の列に移りました。このままお待ちください。", "べつの てつづきの れつに かわりました。このまま まって ください。", "You have been moved to another procedure's queue. Please keep waiting.", "您已转到另一个事项的队列，请继续等候。", "다른 업무 대기열로 옮겨졌습니다. 계속 기다려 주세요.", "Bạn đã được chuyển sang hàng của thủ tục khác. Vui lòng tiếp tục chờ.", "Você foi transferido para a fila de outro procedimento. Continue aguardando."),
    # -- the office's page and the index ---------------------------------------------------
    "web.office.title": ("{office} の待ち状況", "{office} の まちじょうきょう", "{office}: waiting times", "{office} 等候情况", "{office} 대기 현황", "{office}: thời gian chờ", "{office}: tempos de espera"),
    "web.office.waits": ("手続ごとの待ち状況", "てつづきごとの まちじょうきょう", "Waiting by procedure", "各事项等候情况", "업무별 대기 현황", "Thời gian chờ theo thủ tục", "Espera por procedimento"),
    "web.col.procedure": ("手続", "てつづき", "Procedure", "办理事项", "업무", "Thủ tục", "Procedimento"),
    "web.col.waiting": ("待っている人", "まっている ひと", "Waiting", "等候人数", "대기 인원", "Đang chờ", "Aguardando"),
    "web.col.estimate": ("待ち時間の目安", "まつ じかん", "Estimated wait", "预计等候", "예상 대기", "Thời gian chờ", "Espera estimada"),
    "web.col.level": ("混み具合", "こみぐあい", "Crowding", "拥挤程度", "혼잡도", "Mức đông", "Movimento"),
    "web.people": ("{n}人", "{n}にん", "{n}", "{n} 人", "{n}명", "{n} người", "{n}"),
    "web.minutes": ("約{m}分", "だいたい {m}ぷん", "about {m} min", "约 {m} 分钟", "약 {m}분", "khoảng {m} phút", "cerca de {m} min"),
    "web.no_wait": ("待ちなし", "またなくて いい", "no wait", "无需等候", "대기 없음", "không phải chờ", "sem espera"),
    "web.service_closed": ("本日は取り扱いなし", "きょうは できません", "not available today", "今日不办理", "오늘은 취급하지 않음", "hôm nay không làm", "não disponível hoje"),
    "web.level.quiet": ("空いています", "すいて います", "Quiet", "人少", "한산", "Vắng", "Tranquilo"),
    "web.level.moderate": ("やや混雑", "すこし こんで います", "Busy", "较拥挤", "약간 혼잡", "Hơi đông", "Movimentado"),
    "web.level.crowded": ("混雑", "とても こんで います", "Crowded", "拥挤", "혼잡", "Rất đông", "Lotado"),
    "web.others": ("ほかの窓口", "ほかの まどぐち", "Other offices", "其他窗口", "다른 창구", "Các quầy khác", "Outros balcões"),
    "web.other.waiting": ("{office}なら待ち{n}人", "{office}なら まっている ひと {n}にん", "{office}: {n} waiting", "{office}：等候 {n} 人", "{office}: 대기 {n}명", "{office}: {n} người đang chờ", "{office}: {n} aguardando"),
    "web.other.closed_now": ("{office}は受付時間外です", "{office}は いま しまって います", "{office}: closed now", "{office}：现在不受理", "{office}: 지금은 접수 시간이 아닙니다", "{office}: hiện đang đóng cửa", "{office}: fechado agora"),
    "web.other.closed_today": ("{office}は本日休みです", "{office}は きょう やすみです", "{office}: closed today", "{office}：今日休息", "{office}: 오늘 휴무", "{office}: hôm nay nghỉ", "{office}: fechado hoje"),
    "web.open_now": ("受付中", "いま あいて います", "Open now", "正在受理", "접수 중", "Đang mở cửa", "Aberto agora"),
    "web.closed_now": ("受付時間外", "いま しまって います", "Closed now", "不在受理时间", "접수 시간 외", "Đang đóng cửa", "Fechado agora"),
    "web.hours": ("本日の受付時間", "きょうの うけつけ じかん", "Reception hours today", "今日受理时间", "오늘 접수 시간", "Giờ nhận hồ sơ hôm nay", "Horário de hoje"),
    "web.closed_today": ("本日は休みです({reason})", "きょうは やすみです({reason})", "Closed today ({reason})", "今日休息（{reason}）", "오늘은 휴무입니다({reason})", "Hôm nay nghỉ ({reason})", "Fechado hoje ({reason})"),
    "web.until_close": ("受付終了まで{m}分", "うけつけが おわるまで {m}ぷん", "Reception ends in {m} min", "距受理结束还有 {m} 分钟", "접수 마감까지 {m}분", "Còn {m} phút nữa hết giờ nhận", "O atendimento termina em {m} min"),
    "web.reception_over": ("本日の受付は終了しました", "きょうの うけつけは おわりました", "Reception has ended for today", "今日受理已结束", "오늘 접수는 끝났습니다", "Hôm nay đã hết giờ nhận", "O atendimento de hoje terminou"),
    "web.closures": ("これからのお休み", "これからの やすみ", "Coming closures", "近期休息日", "앞으로의 휴무", "Ngày nghỉ sắp tới", "Próximos fechamentos"),
    "web.closure.office": ("{when} 休み({reason})", "{when} やすみ({reason})", "{when}: closed ({reason})", "{when} 休息（{reason}）", "{when} 휴무({reason})", "{when}: nghỉ ({reason})", "{when}: fechado ({reason})"),
    "web.closure.service": ("{when} {service}は休止({reason})", "{when} {service}は できません({reason})", "{when}: no {service} ({reason})", "{when} 不办理{service}（{reason}）", "{when} {service} 중지({reason})", "{when}: không làm {service} ({reason})", "{when}: sem {service} ({reason})"),
    "web.forecast": ("混雑予想カレンダー", "こみぐあいの よそう", "Crowding forecast", "拥挤程度预测", "혼잡 예상 달력", "Dự báo mức đông", "Previsão de movimento"),
    "web.forecast.note": ("これまでの来庁者数から予想しています。", "いままでに きた ひとの かずから よそうして います。", "Forecast from the number of past visitors.", "根据以往来访人数预测。", "지금까지의 방문자 수로 예상합니다.", "Dự báo dựa trên số người đến trước đây.", "Previsão baseada no número de visitantes anteriores."),
    "web.forecast.closed": ("休み", "やすみ", "Closed", "休息", "휴무", "Nghỉ", "Fechado"),
    "web.forecast.none": ("予想はまだありません", "よそうは まだ ありません", "No forecast yet", "暂无预测", "아직 예상이 없습니다", "Chưa có dự báo", "Ainda não há previsão"),
    "web.date": ("{m}月{d}日({wd})", "{m}がつ{d}にち({wd})", "{wd} {m}/{d}", "{m}月{d}日（{wd}）", "{m}월 {d}일({wd})", "{wd} {d}/{m}", "{wd} {d}/{m}"),
    "web.weekdays": ("月,火,水,木,金,土,日", "げつ,か,すい,もく,きん,ど,にち", "Mon,Tue,Wed,Thu,Fri,Sat,Sun", "周一,周二,周三,周四,周五,周六,周日", "월,화,수,목,금,토,일", "T2,T3,T4,T5,T6,T7,CN", "seg,ter,qua,qui,sex,sáb,dom"),
    "web.tomorrow": ("明日", "あした", "Tomorrow", "明天", "내일", "Ngày mai", "Amanhã"),
    "web.index.title": ("窓口の待ち状況", "まどぐちの まちじょうきょう", "Waiting times at the counters", "各窗口等候情况", "창구별 대기 현황", "Thời gian chờ tại các quầy", "Tempos de espera nos balcões"),
    "web.index.intro": ("窓口を選ぶと、手続ごとの待ち人数と混雑予想が見られます。", "まどぐちを えらぶと、まっている ひとの かずと こみぐあいが わかります。", "Choose an office to see the waits per procedure and the crowding forecast.", "选择窗口可查看各事项的等候人数和拥挤预测。", "창구를 선택하면 업무별 대기 인원과 혼잡 예상을 볼 수 있습니다.", "Chọn một quầy để xem số người chờ theo thủ tục và dự báo mức đông.", "Escolha um balcão para ver a espera por procedimento e a previsão de movimento."),
    "web.index.summary": ("待ち{n}人・最長 約{m}分", "まっている ひと {n}にん・ながくて {m}ぷん", "{n} waiting, up to about {m} min", "等候 {n} 人，最长约 {m} 分钟", "대기 {n}명, 최대 약 {m}분", "{n} người chờ, lâu nhất khoảng {m} phút", "{n} aguardando, até cerca de {m} min"),
    # -- the waiting-room board ------------------------------------------------------------
    "web.board.title": ("{office} 呼出状況", "{office} よびだし", "{office}: now serving", "{office} 叫号情况", "{office} 호출 현황", "{office}: đang phục vụ", "{office}: chamadas"),
    "web.board.now": ("お呼び出し中", "いま よんでいる ばんごう", "Now calling", "正在叫号", "지금 호출", "Đang gọi", "Chamando agora"),
    "web.board.recent": ("これまでのお呼び出し", "まえに よんだ ばんごう", "Recent calls", "最近叫号", "최근 호출", "Các số đã gọi", "Chamadas recentes"),
    "web.board.to_counter": ("{counter}番窓口", "{counter}ばん まどぐち", "Counter {counter}", "{counter} 号窗口", "{counter}번 창구", "Quầy {counter}", "Balcão {counter}"),
    # -- visit plans and the pickup stage (交付) ---------------------------------------------
    "web.state.preparing": ("書類を準備しています", "しょるいを じゅんびして います", "Your document is being prepared", "正在准备您的文件", "서류를 준비하고 있습니다", "Đang chuẩn bị giấy tờ của bạn", "Seu documento está sendo preparado"),
    "web.state.ready": ("お渡しできます", "うけとれます", "Ready for pickup", "可以领取了", "수령하실 수 있습니다", "Đã sẵn sàng để nhận", "Pronto para retirada"),
    "web.next.preparing": ("準備ができたら、この画面と待合室の表示でお知らせします。", "じゅんびが できたら、この がめんと まちあいしつの がめんで しらせます。", "When it is ready, this page and the board in the waiting room will show your number.", "准备好后，本页面和等候室的显示屏会通知您。", "준비되면 이 화면과 대기실 화면에서 알려 드립니다.", "Khi xong, trang này và bảng trong phòng chờ sẽ báo số của bạn.", "Quando estiver pronto, esta página e o painel da sala de espera mostrarão sua senha."),
    "web.next.ready": ("受け取りの窓口へお越しください。", "うけとる まどぐちへ きて ください。", "Please come to the pickup counter.", "请到领取窗口。", "수령 창구로 오세요.", "Mời bạn đến quầy nhận.", "Dirija-se ao balcão de retirada."),
    "web.next.plan_step": ("次の手続の列に並んでいます。このままお待ちください。", "つぎの てつづきの れつに ならんで います。このまま まって ください。", "You are now in the queue for your next step. Please keep waiting.", "您已在下一个事项的队列中，请继续等候。", "다음 업무 대기열에 있습니다. 계속 기다려 주세요.", "Bạn đang ở hàng chờ của bước tiếp theo. Vui lòng tiếp tục chờ.", "Você está na fila da próxima etapa. Continue aguardando."),
    "web.plan.heading": ("本日の手続の順番", "きょうの てつづきの じゅんばん", "Your visit today, step by step", "今天的办理顺序", "오늘의 업무 순서", "Các thủ tục hôm nay theo thứ tự", "Sua visita hoje, passo a passo"),
    "web.plan.done": ("済み", "おわりました", "Done", "已完成", "완료", "Đã xong", "Concluído"),
    "web.plan.skipped": ("省略", "しません", "Skipped", "已跳过", "생략", "Bỏ qua", "Pulado"),
    "web.plan.cancelled": ("取消", "とりけし", "Cancelled", "已取消", "취소", "Đã hủy", "Cancelado"),
    "web.plan.current": ("いまの手続", "いまの てつづき", "Current step", "当前事项", "현재 업무", "Bước hiện tại", "Etapa atual"),
    "web.plan.pending": ("このあと", "このあと", "Still to come", "稍后办理", "이후 진행", "Sắp tới", "A seguir"),
    "web.board.ready": ("お渡しできます", "うけとれる ばんごう", "Ready for pickup", "可以领取", "수령 가능", "Sẵn sàng để nhận", "Pronto para retirada"),
    "web.board.none_ready": ("お渡しできる番号はまだありません", "うけとれる ばんごうは まだ ありません", "Nothing ready for pickup yet", "暂无可领取的号码", "아직 수령 가능한 번호가 없습니다", "Chưa có số nào sẵn sàng để nhận", "Nenhuma senha pronta para retirada ainda"),
    "web.board.preparing": ("準備中 {n}件", "じゅんび ちゅう {n}けん", "Being prepared: {n}", "准备中：{n} 件", "준비 중 {n}건", "Đang chuẩn bị: {n}", "Em preparação: {n}"),
    # -- appointment slips -----------------------------------------------------------------
    "web.slip.title": ("ご予約の内容", "よやくの ないよう", "Your appointment", "您的预约", "예약 내용", "Lịch hẹn của bạn", "Seu agendamento"),
    "web.slip.code": ("予約番号", "よやく ばんごう", "Booking code", "预约号码", "예약 번호", "Mã đặt hẹn", "Código do agendamento"),
    "web.slip.when": ("日時", "ひと じかん", "Date and time", "日期和时间", "일시", "Ngày giờ", "Data e horário"),
    "web.slip.where": ("場所", "ばしょ", "Place", "地点", "장소", "Địa điểm", "Local"),
    "web.slip.procedure": ("手続", "てつづき", "Procedure", "办理事项", "업무", "Thủ tục", "Procedimento"),
    "web.slip.deadline": ("照会書兼回答書の有効期限", "かいとうしょを つかえる きげん", "The answer form is valid until", "照会书兼回答书有效期至", "조회서 겸 회답서 유효 기한", "Phiếu trả lời có hiệu lực đến", "O formulário de resposta vale até"),
    "web.slip.bring": ("お持ちいただくもの", "もってくる もの", "Please bring", "请携带", "가져오실 것", "Vui lòng mang theo", "Traga"),
    # what to bring (queue_app.domain.bring: the same rules as the assessment, per visit kind)
    "web.bring.card": ("更新するご本人のマイナンバーカード", "こうしんする ほんにんの マイナンバーカード", "The My Number Card of the person renewing", "办理更新的本人的个人编号卡", "갱신하는 본인의 마이넘버 카드", "Thẻ My Number của người gia hạn", "O cartão My Number da pessoa que renova"),
    "web.bring.card_ward": ("ご本人(成年被後見人)のマイナンバーカード", "ほんにん(せいねん ひこうけんにん)の マイナンバーカード", "The ward's My Number Card", "本人（成年被监护人）的个人编号卡", "본인(성년피후견인)의 마이넘버 카드", "Thẻ My Number của người được giám hộ", "O cartão My Number da pessoa tutelada"),
    "web.bring.notice": ("電子証明書の有効期限のお知らせ(届いている場合)", "でんし しょうめいしょの きげんの おしらせ(とどいて いれば)", "The e-certificate expiry notice (if it has arrived)", "电子证书有效期通知（如已收到）", "전자증명서 유효기한 안내(받은 경우)", "Thông báo hết hạn chứng thư điện tử (nếu đã nhận)", "O aviso de vencimento do certificado (se já chegou)"),
    "web.bring.answer_form_sealed": ("郵送した照会書兼回答書(ご本人が記入し、暗証番号を書いて封をしたもの)", "ゆうびんで おくった かいとうしょ(ほんにんが かいて、あんしょうばんごうを かいて ふうを した もの)", "The inquiry answer form we mailed, filled in by the person, PINs sealed inside", "邮寄的照会书兼回答书（本人填写，写好密码并封口）", "우편으로 보낸 조회서 겸 회답서(본인이 작성하고 비밀번호를 적어 봉한 것)", "Phiếu hỏi kiêm trả lời đã gửi qua bưu điện (người đó tự điền, ghi mã PIN và dán kín)", "O formulário de resposta enviado pelo correio, preenchido pela pessoa, com as senhas lacradas"),
    "web.bring.answer_form": ("郵送した照会書兼回答書(必要なことを書いたもの)", "ゆうびんで おくった かいとうしょ(ひつような ことを かいた もの)", "The inquiry answer form we mailed, filled in", "邮寄的照会书兼回答书（已填写）", "우편으로 보낸 조회서 겸 회답서(작성한 것)", "Phiếu hỏi kiêm trả lời đã gửi qua bưu điện (đã điền)", "O formulário de resposta enviado pelo correio, preenchido"),
    "web.bring.photo_id_agent": ("代理人の顔写真付き本人確認書類(運転免許証、パスポートなど)", "だいりにんの かおしゃしんが ある みぶんしょうめいしょ(うんてんめんきょしょう、パスポートなど)", "The agent's government-issued photo ID (driving licence, passport…)", "代理人的带照片身份证件（驾照、护照等）", "대리인의 사진이 있는 신분증(운전면허증, 여권 등)", "Giấy tờ tùy thân có ảnh của người đại diện (bằng lái xe, hộ chiếu…)", "Documento oficial com foto do representante (carteira de motorista, passaporte…)"),
    "web.bring.photo_id_guardian": ("成年後見人の顔写真付き本人確認書類(運転免許証、パスポートなど)", "こうけんにんの かおしゃしんが ある みぶんしょうめいしょ(うんてんめんきょしょう、パスポートなど)", "The guardian's government-issued photo ID (driving licence, passport…)", "成年监护人的带照片身份证件（驾照、护照等）", "성년후견인의 사진이 있는 신분증(운전면허증, 여권 등)", "Giấy tờ tùy thân có ảnh của người giám hộ (bằng lái xe, hộ chiếu…)", "Documento oficial com foto do tutor (carteira de motorista, passaporte…)"),
    "web.bring.any_id": ("代理人の本人確認書類(顔写真がなくてもかまいません)", "だいりにんの みぶんしょうめいしょ(かおしゃしんが なくても いいです)", "An ID of the agent (no photo needed)", "代理人的身份证件（无照片也可以）", "대리인의 신분증(사진이 없어도 됩니다)", "Giấy tờ tùy thân của người đại diện (không cần ảnh)", "Um documento do representante (sem foto também serve)"),
    "web.bring.registry_cert": ("成年後見人であることがわかる登記事項証明書", "こうけんにん で ある ことが わかる とうきじこう しょうめいしょ", "The certificate of registered matters (登記事項証明書) proving the guardianship", "能证明成年监护人身份的登记事项证明书", "성년후견인임을 확인할 수 있는 등기사항증명서", "Giấy chứng nhận đăng ký (登記事項証明書) chứng minh quyền giám hộ", "A certidão de registro (登記事項証明書) que comprova a tutela"),
    "web.bring.ward_if_sign": ("署名用電子証明書を更新するときは、ご本人(成年被後見人)もいっしょに来てください", "しょめいよう でんし しょうめいしょを こうしん する ときは、ほんにんも いっしょに きて ください", "To renew the signing certificate, the ward must come too", "更新签名用电子证书时，本人（成年被监护人）也须一同前来", "서명용 전자증명서를 갱신하는 경우 본인(성년피후견인)도 함께 와 주세요", "Khi gia hạn chứng thư ký số, người được giám hộ cũng phải đến", "Para renovar o certificado de assinatura, a pessoa tutelada também precisa vir"),
    "web.slip.show": ("当日は、この画面か予約票を窓口でお見せください。", "その ひは、この がめんか よやくひょうを まどぐちで みせて ください。", "On the day, show this page or the printed slip at the counter.", "当天请在窗口出示本页面或预约单。", "당일 창구에서 이 화면이나 예약표를 보여 주세요.", "Vào ngày hẹn, hãy cho nhân viên xem trang này hoặc phiếu hẹn.", "No dia, mostre esta página ou o comprovante no balcão."),
    "web.slip.ics": ("カレンダーに追加(.ics)", "カレンダーに いれる(.ics)", "Add to calendar (.ics)", "添加到日历（.ics）", "캘린더에 추가(.ics)", "Thêm vào lịch (.ics)", "Adicionar ao calendário (.ics)"),
    "web.slip.ics_title": ("{service}(予約 {code})", "{service}(よやく {code})", "{service} (booking {code})", "{service}（预约 {code}）", "{service}(예약 {code})", "{service} (mã hẹn {code})", "{service} (agendamento {code})"),
    # -- refusals --------------------------------------------------------------------------
    "web.notfound.title": ("ページが見つかりません", "ページが ありません", "Page not found", "找不到页面", "페이지를 찾을 수 없습니다", "Không tìm thấy trang", "Página não encontrada"),
    "web.notfound.body": ("番号札や予約票のQRコードをもう一度読み取ってください。番号札は発行した日だけ使えます。わからないときは窓口の職員におたずねください。", "ばんごうふだの QRコードを もう いちど よんで ください。ばんごうふだは もらった ひ だけ つかえます。わからない ときは しょくいんに きいて ください。", "Please scan the QR code on your ticket or slip again. A ticket works only on the day it was issued. If in doubt, ask a member of staff.", "请重新扫描号码单或预约单上的二维码。号码单仅在发放当天有效。如有疑问，请询问工作人员。", "번호표나 예약표의 QR 코드를 다시 읽어 주세요. 번호표는 발행한 날에만 사용할 수 있습니다. 모르시면 직원에게 물어 주세요.", "Vui lòng quét lại mã QR trên phiếu số hoặc phiếu hẹn. Phiếu số chỉ dùng được trong ngày phát. Nếu chưa rõ, hãy hỏi nhân viên.", "Leia de novo o código QR da senha ou do comprovante. A senha vale só no dia em que foi emitida. Em caso de dúvida, pergunte a um atendente."),
    "web.busy.title": ("ただいま混み合っています", "いま こんで います", "Too many requests", "请求过多", "요청이 너무 많습니다", "Quá nhiều yêu cầu", "Muitas solicitações"),
    "web.busy.body": ("しばらくしてからもう一度お試しください。", "すこし まってから もう いちど ためして ください。", "Please try again in a little while.", "请稍后再试。", "잠시 후 다시 시도해 주세요.", "Vui lòng thử lại sau ít phút.", "Tente novamente daqui a pouco."),
    "web.bad.title": ("この要求には応じられません", "この ページは ひらけません", "This request cannot be served", "无法处理此请求", "이 요청은 처리할 수 없습니다", "Không thể xử lý yêu cầu này", "Não é possível atender a este pedido"),
    # -- services and closure reasons of the default configuration (others: English name) --
    "web.svc.ecert": ("電子証明書の更新", "でんし しょうめいしょの こうしん", "E-certificate renewal", "电子证书更新", "전자증명서 갱신", "Gia hạn chứng thư điện tử", "Renovação do certificado eletrônico"),
    "web.svc.certificate": ("証明書(住民票・戸籍)", "しょうめいしょ(じゅうみんひょう・こせき)", "Certificates (residence, family register)", "证明书（住民票、户籍）", "증명서(주민표·호적)", "Giấy chứng nhận (cư trú, hộ tịch)", "Certidões (residência, registro familiar)"),
    "web.svc.moving": ("転入・転出", "ひっこし", "Moving in / out", "迁入・迁出", "전입·전출", "Chuyển đến / chuyển đi", "Mudança (entrada / saída)"),
    "web.svc.card_pickup": ("マイナンバーカードの受け取り", "マイナンバーカードを うけとる", "My Number Card pickup", "领取个人编号卡", "마이넘버 카드 수령", "Nhận thẻ My Number", "Retirada do cartão My Number"),
    "web.svc.other": ("その他の手続", "その ほかの てつづき", "Other procedures", "其他事项", "기타 업무", "Thủ tục khác", "Outros procedimentos"),
    "web.reason.weekend": ("土日", "どようび・にちようび", "Weekend", "周末", "주말", "Cuối tuần", "Fim de semana"),
    "web.reason.holiday": ("祝日", "しゅくじつ", "National holiday", "法定节假日", "공휴일", "Ngày lễ", "Feriado nacional"),
    "web.reason.station_wednesday": ("水曜休所", "すいようびは やすみ", "Closed on Wednesdays", "每周三休息", "수요일 휴무", "Nghỉ thứ Tư", "Fechado às quartas"),
    "web.reason.year_end": ("年末年始", "ねんまつ ねんし", "Year-end holidays", "年末年初", "연말연시", "Nghỉ cuối năm", "Feriado de fim de ano"),
    "web.reason.system_maintenance": ("システムの点検日", "システムの てんけんび", "System maintenance day", "系统维护日", "시스템 점검일", "Ngày bảo trì hệ thống", "Dia de manutenção do sistema"),
    "web.reason.no_hours": ("受付のない曜日", "うけつけが ない ひ", "No reception on this day", "该日不受理", "접수가 없는 요일", "Không nhận hồ sơ vào ngày này", "Sem atendimento neste dia"),
    "web.reason.other": ("休み", "やすみ", "Closed", "休息", "휴무", "Nghỉ", "Fechado"),
    # -- the server's own terminal lines -----------------------------------------------------
    "web.serving": ("窓口の公開ページを {url} で配信しています(Ctrl+C で終了)", "ページを {url} で だして います(Ctrl+C で おわる)", "Serving the visitor pages at {url} (Ctrl+C to stop)", "正在 {url} 提供页面（按 Ctrl+C 停止）", "{url}에서 페이지를 제공하는 중(Ctrl+C로 종료)", "Đang phục vụ trang tại {url} (Ctrl+C để dừng)", "Servindo as páginas em {url} (Ctrl+C para parar)"),
}
# fmt: on

MESSAGES: dict[str, dict[str, str]] = {
    key: dict(zip(WEB_LANGS, texts, strict=True)) for key, texts in _T.items()
}

# `madoguchi web` on the operator's terminal: Japanese and English like every other command
CLI_MESSAGES: dict[str, dict[str, str]] = {
    "err.web_port": {
        "ja": "--port は 1〜65535 で指定してください (例: --port 8080)",
        "en": "--port must be between 1 and 65535 (e.g. --port 8080)",
    },
    "err.web_public_url": {
        "ja": "public_url '{value}' が不正です。http:// か https:// で始まるアドレスを指定してください(例: https://madoguchi.city.example.jp)",
        "en": "public_url '{value}' is invalid; give an address starting with http:// or https:// (e.g. https://madoguchi.city.example.jp)",
    },
    "err.web_allowed_hosts": {
        "ja": '{host} (すべてのアドレス)で待ち受けるときは、利用者が開くアドレスを設定してください。設定ファイルの [web] に allowed_hosts = ["192.168.10.20"] のように書くか、--public-url を指定するか、--host にこの機械の LAN アドレスを指定してください。allowed_hosts が空のときに受け付けるのはループバック・待ち受けアドレス・public_url のホスト名だけです(docs/web.md)',
        "en": 'Listening on {host} (every address) needs the address visitors open: add allowed_hosts = ["192.168.10.20"] under [web] in the configuration file, or give --public-url, or give --host this machine\'s LAN address. An empty allowed_hosts accepts only loopback, the listening address and the host of public_url (docs/web.md)',
    },
    "web.bind_public": {
        "ja": "注意: {host} で待ち受けます。インターネットに公開するときは nginx などの後ろに置いてください(docs/web.md)",
        "en": "Note: listening on {host}; to face the internet, put it behind a reverse proxy such as nginx (docs/web.md)",
    },
}
