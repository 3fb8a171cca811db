"""The ticket's signed QR token: verify it (`IssueCore.token` makes it)."""

from __future__ import annotations

from queue_app.domain.errors import DomainError
from queue_app.domain.scan import extract_token
from queue_app.domain.tokens import verify
from queue_app.services.tickets.queue import TicketQueue
from queue_app.services.views import TicketView


class TicketTokens(TicketQueue):
    # -- tokens (`IssueCore.token` makes them) ---------------------------------------
    def verify_token(
        self, token: str, office_id: str | None = None, today: bool = True
    ) -> TicketView:
        """A scanned QR (the bare token or the ticket page's address): forged, other-office
        and other-day tokens are refused by name."""
        token = extract_token(token)
        if office_id is not None:
            self.config.office(office_id)
        claims = verify(self.secret, token, office_id=office_id, kind="T")
        if today:
            # the day is checked even when the scanner names no office: the token's own
            # (signed) office says which time zone "today" is in
            day = self.calendar.service_day(claims.office_id, self.clock.now())
            if claims.day != day:
                raise DomainError(
                    "err.token_other_day", day=claims.day.isoformat(), today=day.isoformat()
                )
        ticket = self.get(claims.object_id)
        if (
            ticket.display_number != claims.label
            or ticket.office_id != claims.office_id
            or ticket.service_day != claims.day
        ):
            raise DomainError("err.token_forged")
        if ticket.nonce != claims.nonce:
            # signed by this install, but for another issuance of this id and number (a
            # database restored from a backup): the paper ticket is not this ticket
            raise DomainError("err.token_other_issuance")
        return ticket
