"""Cashier shifts: open a drawer, see it, close it with the count; managers see everyone's."""

import datetime as dt
from typing import Annotated, Literal

from django.utils.translation import gettext as _
from ninja import Path, Router, Status
from ninja.pagination import paginate

from frontoffice.core.api import Pagination, scoped, user_of
from frontoffice.core.domain.errors import NotFound, PermissionDenied
from frontoffice.folios.models import CashierShift
from frontoffice.folios.schemas import ShiftCloseIn, ShiftDetailOut, ShiftOpenIn, ShiftOut
from frontoffice.folios.selectors import cashier_shift_current, cashier_shift_get, cashier_shift_list
from frontoffice.folios.services import cashier_shift_close, cashier_shift_open

router = Router(tags=["cashier shifts"])

RowId = Annotated[int, Path(ge=1, le=2**63 - 1)]
TAKE = "core.take_payments"
MANAGE = "core.manage_cashier_shifts"


def _cashiering(request, code: str):
    """The property, for a caller who takes payments or oversees shifts (else 403)."""
    prop = scoped(request, code)
    user = user_of(request)
    if not (user.has_perm(TAKE) or user.has_perm(MANAGE)):
        raise PermissionDenied(_("Your role does not allow this action."))
    return prop, user


def _shift(prop, user, pk: int) -> CashierShift:
    shift = cashier_shift_get(property=prop, user=user, pk=pk)
    if shift is None:
        raise NotFound(_("No cashier shift %(id)s.") % {"id": pk})
    return shift


@router.post("/properties/{code}/cashier-shifts", response={201: ShiftDetailOut})
def open_shift(request, code: str, payload: ShiftOpenIn):
    """Open your drawer with its float. One open shift per cashier (409 ``shift_already_open``)."""
    prop = scoped(request, code, TAKE)
    shift = cashier_shift_open(property=prop, actor=user_of(request), opening_float=payload.opening_float)
    return Status(201, _shift(prop, user_of(request), shift.pk))


@router.get("/properties/{code}/cashier-shifts", response=list[ShiftOut])
@paginate(Pagination)
def list_shifts(
    request,
    code: str,
    business_date: dt.date | None = None,
    cashier: str = "",
    status: Literal["", "open", "closed"] = "",
):
    """Shifts newest first: your own, or everyone's with the right to manage cashier shifts."""
    prop, user = _cashiering(request, code)
    return cashier_shift_list(property=prop, user=user, business_date=business_date, cashier=cashier, status=status)


@router.get("/properties/{code}/cashier-shifts/current", response=ShiftDetailOut)
def current_shift(request, code: str):
    """Your open shift with its running totals (404 ``no_open_shift`` when you have none)."""
    prop = scoped(request, code, TAKE)
    shift = cashier_shift_current(property=prop, user=user_of(request))
    if shift is None:
        raise NotFound(_("You have no open cashier shift."), code="no_open_shift")
    return shift


@router.get("/properties/{code}/cashier-shifts/{shift_id}", response=ShiftDetailOut)
def get_shift(request, code: str, shift_id: RowId):
    """A shift with its report per payment method: expected, and once closed counted and variance."""
    prop, user = _cashiering(request, code)
    return _shift(prop, user, shift_id)


@router.post("/properties/{code}/cashier-shifts/{shift_id}/close", response=ShiftDetailOut)
def close_shift(request, code: str, shift_id: RowId, payload: ShiftCloseIn):
    """Close a shift with the amount counted per method; returns the close report.
    A closed shift is never changed (409 ``shift_closed``)."""
    prop, user = _cashiering(request, code)
    shift = cashier_shift_close(
        shift=_shift(prop, user, shift_id), actor=user, counted=payload.counted, note=payload.note
    )
    return _shift(prop, user, shift.pk)
