"""The front desk's refusals as sentences in the reader's language."""

from django.utils.translation import gettext as _

from frontoffice.frontdesk.domain.checkin import Refusal


def refusal_text(refusal: Refusal, **params) -> str:
    texts = {
        Refusal.NOT_EXPECTED: _("This reservation is not expected to arrive (it is %(status)s or its stay is over)."),
        Refusal.ROOM_NOT_ASSIGNED: _("Assign a room before checking in."),
        Refusal.ROOM_OUT_OF_ORDER: _("Room %(room)s is out of order."),
        Refusal.ROOM_OCCUPIED: _("Room %(room)s is still occupied by another guest."),
        Refusal.ROOM_NOT_READY: _("Room %(room)s is not ready (dirty); override with a reason if the guest takes it."),
        Refusal.EARLY_ARRIVAL: _("The arrival date is %(arrival)s; an early check-in needs a manager."),
        Refusal.LATE_ARRIVAL: _("The arrival date was %(arrival)s; a late arrival needs a manager."),
        Refusal.DEPOSIT_MISSING: _("A deposit of %(outstanding)s is still due; a manager may override."),
        Refusal.DO_NOT_RENT: _("This guest is marked do-not-rent."),
        Refusal.REGISTRATION_INCOMPLETE: _("The registration is incomplete: %(problems)s."),
        Refusal.NOT_IN_HOUSE: _("This reservation is not in house."),
        Refusal.BALANCE_DUE: _(
            "The folio balance is %(balance)s: settle it, transfer it to a company account, or a manager overrides."
        ),
        Refusal.REVERT_NOT_SAME_DAY: _("A check-in is reverted only on the business date it was made."),
        Refusal.REVERT_HAS_POSTINGS: _("Charges or payments were posted since check-in; correct them first."),
    }
    return texts[refusal] % params
