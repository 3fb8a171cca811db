"""Reception modals, one module per dialog: staff login, intake, issued ticket, outcome,
transfer, call by number, the offer to schedule a second visit."""

from __future__ import annotations

from screens.reception.modals.call_number import CallNumberScreen
from screens.reception.modals.intake import (
    NEW_CARD_SERVICE,
    IntakePlan,
    IntakeScreen,
    Issued,
    IssueFailed,
)
from screens.reception.modals.issued import IssuedTicketScreen, TicketQR
from screens.reception.modals.login import StaffLoginScreen
from screens.reception.modals.outcome import OutcomeScreen, default_outcome
from screens.reception.modals.schedule_offer import ScheduleOfferScreen
from screens.reception.modals.transfer import TransferScreen

__all__ = [
    "NEW_CARD_SERVICE",
    "CallNumberScreen",
    "IntakePlan",
    "IntakeScreen",
    "IssueFailed",
    "Issued",
    "IssuedTicketScreen",
    "OutcomeScreen",
    "ScheduleOfferScreen",
    "StaffLoginScreen",
    "TicketQR",
    "TransferScreen",
    "default_outcome",
]
