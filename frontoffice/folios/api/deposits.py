"""Deposits of a reservation: schedule, payments before arrival (the deposit ledger)."""

from django.utils.translation import gettext as _
from ninja import Router, Status

from frontoffice.core.api import scoped, user_of
from frontoffice.core.domain.errors import NotFound
from frontoffice.folios.models import Folio, FolioKind, Posting
from frontoffice.folios.schemas import DepositIn, DepositScheduleIn, DepositsOut, PostedOut
from frontoffice.folios.selectors import folio_balance
from frontoffice.folios.services import deposit_held, deposit_schedule, deposit_schedule_set, deposit_take
from frontoffice.reservations.selectors import reservation_get

router = Router()


def _reservation(prop, confirmation: str):
    res = reservation_get(property=prop, confirmation=confirmation)
    if res is None:
        raise NotFound(_("No reservation %(confirmation)s.") % {"confirmation": confirmation})
    return res


def _deposits(res) -> dict:
    folio = Folio.objects.filter(reservation=res, kind=FolioKind.DEPOSIT).first()
    postings = (
        list(Posting.objects.filter(folio=folio).select_related("transaction_code", "actor").order_by("id"))
        if folio
        else []
    )
    return {
        "held": str(deposit_held(reservation=res)),
        "schedule": deposit_schedule(reservation=res),
        "postings": postings,
    }


@router.get("/properties/{code}/reservations/{confirmation}/deposits", response=DepositsOut)
def get_deposits(request, code: str, confirmation: str):
    prop = scoped(request, code, "core.view_folios")
    return _deposits(_reservation(prop, confirmation))


@router.post("/properties/{code}/reservations/{confirmation}/deposits", response={201: PostedOut})
def take_deposit(request, code: str, confirmation: str, payload: DepositIn):
    """Take a deposit before arrival; it is held on the deposit ledger until check-in.
    409 ``deposit_not_before_arrival`` once the guest has arrived or the booking is cancelled."""
    prop = scoped(request, code, "core.take_payments")
    res = _reservation(prop, confirmation)
    posting = deposit_take(reservation=res, actor=user_of(request), **payload.dict())
    return Status(201, {"posting": posting, "balance": str(folio_balance(folio=posting.folio))})


@router.put("/properties/{code}/reservations/{confirmation}/deposit-schedule", response=DepositsOut)
def set_deposit_schedule(request, code: str, confirmation: str, payload: DepositScheduleIn):
    """Replace the deposit schedule; an empty list goes back to what the rate plan's policy asks."""
    prop = scoped(request, code, "core.take_payments")
    res = _reservation(prop, confirmation)
    deposit_schedule_set(
        reservation=res, actor=user_of(request), lines=[(line.due_date, line.amount) for line in payload.lines]
    )
    return _deposits(res)
