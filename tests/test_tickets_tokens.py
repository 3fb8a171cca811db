"""Signed QR tokens: verify accepts the real one and refuses forged, altered, other-office,
other-day and wrong-kind tokens, each with its own reason (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from queue_app.domain.errors import DomainError, NotFoundError
from queue_app.domain.tokens import TokenClaims, sign
from queue_app.services import IssueRequest, Services
from tests.conftest import SECRET


@pytest.fixture
def ticket(services: Any) -> Any:
    return services.tickets.issue(IssueRequest("sogo", "ecert", visit_kind="renewal"))


def test_verify_accepts_the_real_token(services: Any, ticket: Any) -> None:
    assert services.tickets.verify_token(ticket.token, "sogo") == ticket.ticket
    assert services.tickets.verify_token(ticket.token) == ticket.ticket
    assert services.tickets.token(ticket.ticket) == ticket.token


def _refused(services: Any, token: str, office: str | None = "sogo") -> DomainError:
    with pytest.raises(DomainError) as err:
        services.tickets.verify_token(token, office)
    return err.value


def test_forged_signature(services: Any, ticket: Any) -> None:
    body, sig = ticket.token.rsplit(".", 1)
    flipped = ("A" if sig[0] != "A" else "B") + sig[1:]
    assert _refused(services, f"{body}.{flipped}").key == "err.token_forged"
    other = Services(services.engine, services.config, services.clock, b"another-install")
    assert _refused(other, ticket.token).key == "err.token_forged"


@pytest.mark.parametrize("part", [2, 3, 4, 5], ids=["office", "day", "id", "label"])
def test_altered_body(services: Any, ticket: Any, part: int) -> None:
    """Changing any field of a real token (keeping its signature) breaks the signature."""
    parts = ticket.token.split(".")
    parts[part] = {2: "yanasegawa", 3: "20261202", 4: "2", 5: "A-002"}[part]
    assert _refused(services, ".".join(parts), office=None).key == "err.token_forged"


def test_malformed(services: Any) -> None:
    for token in ("", "hello", "MDG1.T.sogo", "MDG9.T.sogo.20261201.1.A-001.XXXX"):
        assert _refused(services, token).key == "err.token_malformed"


def test_other_office(services: Any, ticket: Any) -> None:
    err = _refused(services, ticket.token, "yanasegawa")
    assert err.key == "err.token_other_office"
    assert err.params == {"office": "sogo", "here": "yanasegawa"}


def test_other_day(services: Any, ticket: Any) -> None:
    services.clock.advance(days=1)
    err = _refused(services, ticket.token)
    assert err.key == "err.token_other_day"
    assert err.params == {"day": "2026-12-01", "today": "2026-12-02"}
    # also when the scanner does not say which office it is
    assert _refused(services, ticket.token, office=None).key == "err.token_other_day"


def test_wrong_kind(services: Any, ticket: Any) -> None:
    t = ticket.ticket
    slip = sign(SECRET, TokenClaims("P", "sogo", t.service_day, t.id, t.display_number))
    assert _refused(services, slip).key == "err.token_wrong_kind"


def test_signed_but_for_another_ticket(services: Any, ticket: Any) -> None:
    """A validly signed token whose label does not match the ticket (e.g. another database
    with the same secret) is refused; an unknown id is not found."""
    t = ticket.ticket
    wrong = sign(SECRET, TokenClaims("T", "sogo", t.service_day, t.id, "A-999"))
    assert _refused(services, wrong).key == "err.token_forged"
    missing = sign(SECRET, TokenClaims("T", "sogo", t.service_day, 99999, "A-001"))
    with pytest.raises(NotFoundError):
        services.tickets.verify_token(missing, "sogo")


def test_yesterday_evening_token_is_other_day_this_morning(services: Any) -> None:
    """Service days are Tokyo days: 23:30 and 08:59 next morning are different days."""
    from tests.helpers_engine import jst

    services.clock.set(jst(2026, 11, 30, 23, 30))
    evening = services.tickets.issue(IssueRequest("sogo", "ecert", override="test"))
    services.clock.set(jst(2026, 11, 30, 23, 30) + timedelta(hours=9, minutes=29))
    assert _refused(services, evening.token).key == "err.token_other_day"
