"""The appointment slip: its signed token, its text and the files written for printing."""

from __future__ import annotations

from pathlib import Path

from queue_app import qr
from queue_app.domain.inquiry_views import (
    AppointmentView,
    SlipView,
    slip_lines,
)
from queue_app.domain.scan import qr_text
from queue_app.domain.tokens import TokenClaims, sign
from queue_app.i18n import Translator
from queue_app.services.documents import slip_document
from queue_app.services.inquiries.base import _appointment_view
from queue_app.services.inquiries.cases import InquiryCases


class InquirySlips(InquiryCases):
    # -- slips -----------------------------------------------------------------------------
    def token(self, appt: AppointmentView) -> str:
        return sign(self.secret, TokenClaims("P", appt.office_id, appt.day, appt.id, appt.code))

    def slip(self, appointment_id: int) -> SlipView:
        with self.uow.read() as session:
            appt = self._appt_row(session, appointment_id)
            case = self._case_row(session, appt.case_id)
        view = _appointment_view(appt)
        office = self.config.office(view.office_id)
        service = self.config.service(view.service_id)
        token = self.token(view)
        return SlipView(
            appointment=view,
            token=token,
            qr_data=qr_text(token, self.config.settings.web.public_url, "a"),
            office_name_ja=office.name_ja,
            office_name_en=office.name_en,
            location_ja=office.location_ja,
            location_en=office.location_en,
            service_name_ja=service.name_ja,
            service_name_en=service.name_en,
            deadline=case.deadline,
            visit_kind=case.visit_kind,
            reason=case.reason,
        )

    def slip_text(self, appointment_id: int, lang: str = "ja", with_qr: bool = True) -> str:
        slip = self.slip(appointment_id)
        lines = slip_lines(slip, Translator(lang))
        if with_qr:
            lines += ["", *qr.half_blocks(slip.qr), slip.token]
        return "\n".join(lines) + "\n"

    def write_slip(self, appointment_id: int, out_dir: Path, lang: str = "ja") -> dict[str, Path]:
        """The slip as text, PNG and SVG files in `out_dir` (the PNG and SVG are the whole
        document on white paper: office, procedure, code, date, what to bring, the QR)."""
        from queue_app.services.printing import write_png, write_svg

        slip = self.slip(appointment_id)
        out_dir.mkdir(parents=True, exist_ok=True)
        stem = f"slip-{slip.appointment.code}"
        txt = out_dir / f"{stem}.txt"
        txt.write_text(self.slip_text(appointment_id, lang), "utf-8")
        document = slip_document(slip, lang)
        png, svg = out_dir / f"{stem}.png", out_dir / f"{stem}.svg"
        write_png(document, png)
        write_svg(document, svg)
        return {"txt": txt, "png": png, "svg": svg}
