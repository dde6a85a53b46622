from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Path, Router, Status

from frontoffice.core.api import scoped, user_of
from frontoffice.core.domain.errors import InvalidInput, NotFound
from frontoffice.folios.models import Folio
from frontoffice.folios.schemas import ChargeIn, FolioOut, PaymentIn, PostedOut, RefundIn, ReverseIn, WindowIn
from frontoffice.folios.selectors import (
    folio_balance,
    folio_get,
    folio_list_for_reservation,
    posting_get,
    transaction_code_get,
)
from frontoffice.folios.services import (
    folio_for_reservation,
    folio_post_charge,
    folio_post_payment,
    folio_refund,
    folio_reverse_posting,
)
from frontoffice.reservations.selectors import reservation_get

router = Router()

# Row ids as the database can hold them: a larger number is a 422, not a driver overflow.
RowId = Annotated[int, Path(ge=1, le=2**63 - 1)]


def _folio(prop, pk: int) -> Folio:
    folio = folio_get(property=prop, pk=pk)
    if folio is None:
        raise NotFound(_("No folio %(id)s.") % {"id": pk})
    return folio


def _posted(posting):
    return Status(201, {"posting": posting, "balance": str(folio_balance(folio=posting.folio))})


def _reservation(prop, confirmation: str):
    res = reservation_get(property=prop, confirmation=confirmation)
    if res is None:
        raise NotFound(_("No reservation %(confirmation)s.") % {"confirmation": confirmation})
    return res


@router.get("/properties/{code}/reservations/{confirmation}/folios", response=list[FolioOut])
def list_folios(request, code: str, confirmation: str):
    """The reservation's folio windows with their postings and balances; empty until a window is
    opened (``POST …/folios``) or something is posted from the desk."""
    prop = scoped(request, code, "core.view_folios")
    return folio_list_for_reservation(reservation=_reservation(prop, confirmation))


@router.post("/properties/{code}/reservations/{confirmation}/folios", response={200: FolioOut, 201: FolioOut})
def open_folio(request, code: str, confirmation: str, payload: WindowIn):
    """Open folio window ``window`` (1–8) of the reservation: 201 when opened, 200 when it already was."""
    prop = scoped(request, code, "core.post_charges")
    res = _reservation(prop, confirmation)
    existed = any(f.window == payload.window for f in folio_list_for_reservation(reservation=res))
    folio = folio_for_reservation(reservation=res, actor=user_of(request), window=payload.window)
    (window,) = [f for f in folio_list_for_reservation(reservation=res) if f.pk == folio.pk]
    return Status(200 if existed else 201, window)


@router.post("/properties/{code}/folios/{folio_id}/postings", response={201: PostedOut})
def post_charge(request, code: str, folio_id: RowId, payload: ChargeIn):
    """Post a charge by transaction code. ``unit_amount`` includes tax when the property's prices do."""
    prop = scoped(request, code, "core.post_charges")
    folio = _folio(prop, folio_id)
    tcode = transaction_code_get(property=prop, code=payload.transaction_code)
    if tcode is None:
        raise InvalidInput(
            _("Unknown transaction code."), errors=[{"field": "transaction_code", "message": _("Unknown.")}]
        )
    posting = folio_post_charge(
        folio=folio,
        actor=user_of(request),
        transaction_code=tcode,
        quantity=payload.quantity,
        unit_amount=payload.unit_amount,
        description=payload.description,
        reference=payload.reference,
    )
    return _posted(posting)


@router.post("/properties/{code}/folios/{folio_id}/payments", response={201: PostedOut})
def post_payment(request, code: str, folio_id: RowId, payload: PaymentIn):
    """Take a payment. For cards send at most the brand, the last four digits and the provider's token."""
    prop = scoped(request, code, "core.take_payments")
    posting = folio_post_payment(folio=_folio(prop, folio_id), actor=user_of(request), **payload.dict())
    return _posted(posting)


@router.post("/properties/{code}/folios/{folio_id}/refunds", response={201: PostedOut})
def post_refund(request, code: str, folio_id: RowId, payload: RefundIn):
    """Refund to a method this folio was paid by, up to what it paid (409 ``refund_exceeds_paid`` beyond)."""
    prop = scoped(request, code, "core.refund")
    posting = folio_refund(folio=_folio(prop, folio_id), actor=user_of(request), **payload.dict())
    return _posted(posting)


@router.post("/properties/{code}/postings/{posting_id}/reverse", response={201: PostedOut})
def reverse_posting(request, code: str, posting_id: RowId, payload: ReverseIn):
    """Reverse a posting with its exact opposite. Once only; above the void limit a manager is needed."""
    prop = scoped(request, code, "core.view_folios")
    posting = posting_get(property=prop, pk=posting_id)
    if posting is None:
        raise NotFound(_("No posting %(id)s.") % {"id": posting_id})
    return _posted(folio_reverse_posting(posting=posting, actor=user_of(request), reason=payload.reason))
