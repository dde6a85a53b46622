"""Transfers between folios, routing instructions, house folios, closing and credit limits."""

from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from frontoffice.core.api import Pagination, scoped, user_of
from frontoffice.core.domain.errors import InvalidInput, NotFound
from frontoffice.folios.api.postings import RowId, _folio
from frontoffice.folios.schemas import (
    BalanceTransferIn,
    CreditLimitIn,
    EndIn,
    FolioSummaryOut,
    HouseFolioIn,
    PayerIn,
    PostingTransferIn,
    ReopenIn,
    RoutingInstructionIn,
    RoutingInstructionOut,
    TransferOut,
)
from frontoffice.folios.selectors import (
    folio_balance,
    folio_list_house,
    posting_get,
    routing_instruction_get,
    routing_instruction_list,
)
from frontoffice.folios.services import (
    folio_close,
    folio_open_house,
    folio_reopen,
    folio_set_credit_limit,
    folio_set_payer,
    folio_transfer_balance,
    posting_transfer,
    routing_instruction_create,
    routing_instruction_end,
)
from frontoffice.guests.models import Company
from frontoffice.reservations.selectors import reservation_get

router = Router()


def _transferred(out, into):
    return Status(
        201,
        {
            "transfer_id": str(out.transfer_id),
            "source": out,
            "target": into,
            "source_balance": str(folio_balance(folio=out.folio)),
            "target_balance": str(folio_balance(folio=into.folio)),
        },
    )


def _summary(folio):
    folio.balance = folio_balance(folio=folio)
    return folio


def _reservation(prop, confirmation: str):
    res = reservation_get(property=prop, confirmation=confirmation)
    if res is None:
        raise NotFound(_("No reservation %(confirmation)s.") % {"confirmation": confirmation})
    return res


@router.post("/properties/{code}/postings/{posting_id}/transfer", response={201: TransferOut})
def transfer_posting(request, code: str, posting_id: RowId, payload: PostingTransferIn):
    """Move a charge (all that is left of it, an ``amount`` of its gross or a ``percentage``) to
    another folio: a pair of postings sharing ``transfer_id``. Payments and refunds do not move."""
    prop = scoped(request, code, "core.transfer_postings")
    posting = posting_get(property=prop, pk=posting_id)
    if posting is None:
        raise NotFound(_("No posting %(id)s.") % {"id": posting_id})
    out, into = posting_transfer(
        posting=posting,
        target_folio=_folio(prop, payload.target_folio),
        actor=user_of(request),
        reason=payload.reason,
        amount=payload.amount,
        percentage=payload.percentage,
    )
    return _transferred(out, into)


@router.post("/properties/{code}/folios/{folio_id}/transfer-balance", response={201: TransferOut})
def transfer_balance(request, code: str, folio_id: RowId, payload: BalanceTransferIn):
    """Move the folio's balance (or ``amount`` of it) to another folio with two transfer postings."""
    prop = scoped(request, code, "core.transfer_postings")
    out, into = folio_transfer_balance(
        source=_folio(prop, folio_id),
        target=_folio(prop, payload.target_folio),
        actor=user_of(request),
        amount=payload.amount,
        reason=payload.reason,
    )
    return _transferred(out, into)


@router.get("/properties/{code}/reservations/{confirmation}/routing-instructions", response=list[RoutingInstructionOut])
def list_routing(request, code: str, confirmation: str):
    """The stay's routing instructions, active and ended, in the order they are tried."""
    prop = scoped(request, code, "core.view_folios")
    return routing_instruction_list(reservation=_reservation(prop, confirmation))


@router.post(
    "/properties/{code}/reservations/{confirmation}/routing-instructions", response={201: RoutingInstructionOut}
)
def create_routing(request, code: str, confirmation: str, payload: RoutingInstructionIn):
    """Route the stay's future charges by code or department to another folio, from now on."""
    prop = scoped(request, code, "core.transfer_postings")
    res = _reservation(prop, confirmation)
    data = payload.dict()
    target = _folio(prop, data.pop("target_folio"))
    instruction = routing_instruction_create(reservation=res, target_folio=target, actor=user_of(request), **data)
    return Status(201, instruction)


@router.post("/properties/{code}/routing-instructions/{instruction_id}/end", response=RoutingInstructionOut)
def end_routing(request, code: str, instruction_id: RowId, payload: EndIn):
    """Stop a routing instruction; what it routed stays where it went."""
    prop = scoped(request, code, "core.transfer_postings")
    instruction = routing_instruction_get(property=prop, pk=instruction_id)
    if instruction is None:
        raise NotFound(_("No routing instruction %(id)s.") % {"id": instruction_id})
    return routing_instruction_end(instruction=instruction, actor=user_of(request), reason=payload.reason)


@router.post("/properties/{code}/folios/house", response={201: FolioSummaryOut})
def open_house_folio(request, code: str, payload: HouseFolioIn):
    """Open a house folio (no reservation): staff meals, paid-outs, events."""
    prop = scoped(request, code, "core.post_charges")
    return Status(201, _summary(folio_open_house(property=prop, actor=user_of(request), name=payload.name)))


@router.get("/properties/{code}/folios/house", response=list[FolioSummaryOut])
@paginate(Pagination)
def list_house_folios(request, code: str, include_closed: bool = False):
    """The property's house folios with their balances (open ones unless ``include_closed``)."""
    prop = scoped(request, code, "core.view_folios")
    return folio_list_house(property=prop, include_closed=include_closed)


@router.post("/properties/{code}/folios/{folio_id}/close", response=FolioSummaryOut)
def close_folio(request, code: str, folio_id: RowId):
    """Close a settled folio (409 ``folio_not_settled`` while its balance is not zero)."""
    prop = scoped(request, code, "core.take_payments")
    return _summary(folio_close(folio=_folio(prop, folio_id), actor=user_of(request)))


@router.post("/properties/{code}/folios/{folio_id}/reopen", response=FolioSummaryOut)
def reopen_folio(request, code: str, folio_id: RowId, payload: ReopenIn):
    """Reopen a closed folio (a manager, with a reason)."""
    prop = scoped(request, code, "core.void_postings")
    return _summary(folio_reopen(folio=_folio(prop, folio_id), actor=user_of(request), reason=payload.reason))


@router.put("/properties/{code}/folios/{folio_id}/credit-limit", response=FolioSummaryOut)
def set_credit_limit(request, code: str, folio_id: RowId, payload: CreditLimitIn):
    """Set or remove (``null``) the folio's credit limit. Going over it is allowed, and flagged."""
    prop = scoped(request, code, "core.void_postings")
    folio = folio_set_credit_limit(
        folio=_folio(prop, folio_id), actor=user_of(request), credit_limit=payload.credit_limit
    )
    return _summary(folio)


@router.put("/properties/{code}/folios/{folio_id}/payer", response=FolioSummaryOut)
def set_payer(request, code: str, folio_id: RowId, payload: PayerIn):
    """Bill a window to a company (``{"company": id}``) or back to the guest (``null``)."""
    prop = scoped(request, code, "core.transfer_postings")
    company = None
    if payload.company is not None:
        company = Company.objects.filter(property=prop, pk=payload.company).first()
        if company is None:
            raise InvalidInput(_("Unknown company."), errors=[{"field": "company", "message": _("Unknown company.")}])
    return _summary(folio_set_payer(folio=_folio(prop, folio_id), actor=user_of(request), company=company))
