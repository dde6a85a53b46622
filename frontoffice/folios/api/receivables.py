"""The city ledger API: company accounts, their open items, payments and allocations,
statements and aging, and transferring a folio's balance to an account."""

import datetime as dt
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status
from ninja.pagination import paginate

from frontoffice.core.api import Pagination, scoped, user_of
from frontoffice.core.domain.errors import InvalidInput, NotFound
from frontoffice.core.domain.money import ZERO
from frontoffice.folios.models import ReceivableAccount
from frontoffice.folios.schemas_receivables import (
    AccountIn,
    AccountOut,
    AccountPatch,
    AgingReportOut,
    AllocateIn,
    OpenItemOut,
    ReceivablePaymentIn,
    ReceivablePaymentOut,
    StatementOut,
    TransferredOut,
    TransferToAccountIn,
    aging_out,
)
from frontoffice.folios.selectors import folio_balance, folio_get
from frontoffice.folios.selectors_receivables import (
    open_items,
    receivable_account_get,
    receivable_account_list,
    receivable_payment_get,
    receivable_statement,
    receivables_aging,
)
from frontoffice.folios.services import (
    folio_transfer_to_account,
    receivable_account_create,
    receivable_account_update,
    receivable_payment_allocate,
    receivable_payment_record,
)
from frontoffice.guests.models import Company

router = Router(tags=["receivables"])

RowId = Annotated[int, Path(ge=1, le=2**63 - 1)]


def _account(prop, pk: int) -> ReceivableAccount:
    account = receivable_account_get(property=prop, pk=pk)
    if account is None:
        raise NotFound(_("No account %(id)s.") % {"id": pk})
    return account


def _unknown(field: str, text: str):
    return InvalidInput(text, errors=[{"field": field, "message": _("Unknown.")}])


def _allocations(payload) -> list[tuple[int, object]]:
    return [(a.open_item_id, a.amount) for a in payload.allocations]


@router.get("/properties/{code}/receivable-accounts", response=list[AccountOut])
@paginate(Pagination)
def list_accounts(request, code: str):
    """Company accounts by number, with balance, unallocated cash and aging as of the business date."""
    prop = scoped(request, code, "core.view_receivables")
    return receivable_account_list(property=prop)


@router.post("/properties/{code}/receivable-accounts", response={201: AccountOut})
def create_account(request, code: str, payload: AccountIn):
    """Open a company's account: one per company; numbers unique (409 otherwise)."""
    prop = scoped(request, code, "core.manage_receivables")
    data = payload.dict()
    company = Company.objects.filter(property=prop, pk=data.pop("company_id")).first()
    if company is None:
        raise _unknown("company_id", _("Unknown company."))
    account = receivable_account_create(property=prop, actor=user_of(request), company=company, **data)
    return Status(201, _account(prop, account.pk))


@router.get("/properties/{code}/receivable-accounts/{account_id}", response=AccountOut)
def get_account(request, code: str, account_id: RowId):
    prop = scoped(request, code, "core.view_receivables")
    return _account(prop, account_id)


@router.patch("/properties/{code}/receivable-accounts/{account_id}", response=AccountOut)
def patch_account(request, code: str, account_id: RowId, payload: AccountPatch):
    """Change number, credit limit, terms (for items raised from now on), direct billing or active."""
    prop = scoped(request, code, "core.manage_receivables")
    account = _account(prop, account_id)
    changes = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    receivable_account_update(account=account, actor=user_of(request), **changes)
    return _account(prop, account_id)


@router.get("/properties/{code}/receivable-accounts/{account_id}/open-items", response=list[OpenItemOut])
@paginate(Pagination)
def list_open_items(request, code: str, account_id: RowId, include_settled: bool = False):
    """The account's items with something still open, oldest first (all of them with ``include_settled``)."""
    prop = scoped(request, code, "core.view_receivables")
    return open_items(account=_account(prop, account_id), include_settled=include_settled)


@router.post("/properties/{code}/receivable-accounts/{account_id}/payments", response={201: ReceivablePaymentOut})
def record_payment(request, code: str, account_id: RowId, payload: ReceivablePaymentIn):
    """Record a payment from the company and allocate it to the items given (in part or in full),
    or oldest first with ``auto``. What is not allocated stays on the account (409 on over-allocation)."""
    prop = scoped(request, code, "core.manage_receivables")
    payment = receivable_payment_record(
        account=_account(prop, account_id),
        actor=user_of(request),
        amount=payload.amount,
        method=payload.method,
        reference=payload.reference,
        allocations=_allocations(payload),
        auto=payload.auto,
    )
    return Status(201, receivable_payment_get(property=prop, pk=payment.pk))


@router.post("/properties/{code}/receivable-payments/{payment_id}/allocations", response={201: ReceivablePaymentOut})
def allocate_payment(request, code: str, payment_id: RowId, payload: AllocateIn):
    """Apply a payment's unallocated cash to the items given, or oldest first with ``auto``."""
    prop = scoped(request, code, "core.manage_receivables")
    payment = receivable_payment_get(property=prop, pk=payment_id)
    if payment is None:
        raise NotFound(_("No payment %(id)s.") % {"id": payment_id})
    receivable_payment_allocate(
        payment=payment, actor=user_of(request), allocations=_allocations(payload), auto=payload.auto
    )
    return Status(201, receivable_payment_get(property=prop, pk=payment_id))


@router.get("/properties/{code}/receivable-accounts/{account_id}/statement", response=StatementOut)
def statement(
    request,
    code: str,
    account_id: RowId,
    date_from: Annotated[dt.date | None, Query(alias="from")] = None,
    date_to: Annotated[dt.date | None, Query(alias="to")] = None,
):
    """Opening balance, items and payments from ``from`` to ``to`` (inclusive; default: the month
    to the business date) with a running balance, and the closing balance."""
    prop = scoped(request, code, "core.view_receivables")
    account = _account(prop, account_id)
    end = date_to or prop.business_date
    start = date_from or end.replace(day=1)
    if start > end:
        raise InvalidInput(_("The period ends before it starts."), errors=[{"field": "to", "message": _("Too early.")}])
    st = receivable_statement(account=account, start=start, end=end)
    return {
        "account_id": account.pk,
        "number": account.number,
        "company": account.company.name,
        "start": start,
        "end": end,
        "opening_balance": str(st.opening),
        "lines": st.lines,
        "closing_balance": str(st.closing),
    }


@router.get("/properties/{code}/receivables/aging", response=AgingReportOut)
def aging(request, code: str, as_of: dt.date | None = None):
    """Open amounts by days past due (current, 1–30, 31–60, 61–90, over 90) per account and in total."""
    prop = scoped(request, code, "core.view_receivables")
    report = receivables_aging(property=prop, as_of=as_of)
    total = report["total"]
    return {
        "as_of": report["as_of"],
        "accounts": report["accounts"],
        "total_open": str(total.open_total),
        "total_unallocated": str(total.unallocated),
        "total_balance": str(total.balance),
        "total_aging": aging_out(total),
    }


@router.post("/properties/{code}/folios/{folio_id}/transfer-to-account", response={201: TransferredOut})
def transfer_to_account(request, code: str, folio_id: RowId, payload: TransferToAccountIn):
    """Move the folio's balance (or ``amount`` of it) to a company account: a direct-bill posting on
    the folio and an open item on the account. 409 when the account is inactive, does not allow
    direct billing, or the credit limit would be exceeded (a manager may override with a reason)."""
    prop = scoped(request, code, "core.direct_bill")
    folio = folio_get(property=prop, pk=folio_id)
    if folio is None:
        raise NotFound(_("No folio %(id)s.") % {"id": folio_id})
    account = ReceivableAccount.objects.filter(property=prop, pk=payload.account_id).first()
    if account is None:
        raise _unknown("account_id", _("Unknown account."))
    item = folio_transfer_to_account(
        folio=folio,
        account=account,
        actor=user_of(request),
        amount=payload.amount,
        override_reason=payload.override_reason,
    )
    item.allocated, item.open_amount = ZERO, item.amount
    return Status(201, {"posting": item.posting, "balance": str(folio_balance(folio=folio)), "open_item": item})
