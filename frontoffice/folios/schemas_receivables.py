"""Schemas of the city ledger API. Amounts are decimal strings."""

import datetime as dt
from decimal import Decimal

from ninja import Schema
from pydantic import Field

from frontoffice.folios.domain.receivables import BUCKETS
from frontoffice.folios.schemas import PostingOut

Amount = Field(gt=0, max_digits=12, decimal_places=2)


class AgingOut(Schema):
    """Open amounts by days past due; the buckets sum to ``open_total``."""

    current: str
    days_1_30: str
    days_31_60: str
    days_61_90: str
    over_90: str


def aging_out(summary) -> dict:
    values = [str(summary.aging[b]) for b in BUCKETS]
    return dict(zip(["current", "days_1_30", "days_31_60", "days_61_90", "over_90"], values, strict=True))


class AccountOut(Schema):
    """A company's account. ``balance`` is what it owes: ``open_total`` less ``unallocated`` cash."""

    id: int
    number: str
    company_id: int
    company: str
    credit_limit: str
    payment_terms_days: int
    direct_bill_allowed: bool
    active: bool
    open_total: str
    unallocated: str
    balance: str
    credit_available: str
    aging: AgingOut

    @staticmethod
    def resolve_company(obj):
        return obj.company.name

    @staticmethod
    def resolve_credit_limit(obj):
        return str(obj.credit_limit)

    @staticmethod
    def resolve_open_total(obj):
        return str(obj.summary.open_total)

    @staticmethod
    def resolve_unallocated(obj):
        return str(obj.summary.unallocated)

    @staticmethod
    def resolve_balance(obj):
        return str(obj.summary.balance)

    @staticmethod
    def resolve_credit_available(obj):
        return str(obj.credit_available)

    @staticmethod
    def resolve_aging(obj):
        return aging_out(obj.summary)


class AccountIn(Schema):
    company_id: int = Field(ge=1, le=2**63 - 1)
    number: str = Field(min_length=1, max_length=20)
    credit_limit: Decimal = Field(Decimal("0"), ge=0, max_digits=12, decimal_places=2)
    payment_terms_days: int = Field(30, ge=0, le=365)
    direct_bill_allowed: bool = True
    active: bool = True


class AccountPatch(Schema):
    number: str | None = Field(None, min_length=1, max_length=20)
    credit_limit: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    payment_terms_days: int | None = Field(None, ge=0, le=365)
    direct_bill_allowed: bool | None = None
    active: bool | None = None


class OpenItemOut(Schema):
    id: int
    business_date: dt.date
    due_date: dt.date
    description: str
    amount: str
    allocated: str
    open_amount: str
    folio_id: int | None
    posting_id: int | None

    @staticmethod
    def resolve_amount(obj):
        return str(obj.amount)

    @staticmethod
    def resolve_allocated(obj):
        return str(obj.allocated)

    @staticmethod
    def resolve_open_amount(obj):
        return str(obj.open_amount)


class AllocationIn(Schema):
    open_item_id: int = Field(ge=1, le=2**63 - 1)
    amount: Decimal = Amount


class AllocationOut(Schema):
    id: int
    open_item_id: int
    amount: str
    business_date: dt.date

    @staticmethod
    def resolve_amount(obj):
        return str(obj.amount)


class ReceivablePaymentIn(Schema):
    amount: Decimal = Amount
    method: str = Field(description="cash, card, bank_transfer or voucher")
    reference: str = Field("", max_length=80)
    allocations: list[AllocationIn] = Field(default_factory=list, max_length=500)
    auto: bool = Field(False, description="Allocate oldest first (instead of ``allocations``)")


class AllocateIn(Schema):
    allocations: list[AllocationIn] = Field(default_factory=list, max_length=500)
    auto: bool = False


class ReceivablePaymentOut(Schema):
    """A payment received; ``unallocated`` is what is left of it on the account."""

    id: int
    account_id: int
    business_date: dt.date
    amount: str
    method: str
    reference: str
    allocated: str
    unallocated: str
    allocations: list[AllocationOut]

    @staticmethod
    def resolve_amount(obj):
        return str(obj.amount)

    @staticmethod
    def resolve_allocated(obj):
        return str(obj.allocated)

    @staticmethod
    def resolve_unallocated(obj):
        return str(obj.unallocated)

    @staticmethod
    def resolve_allocations(obj):
        return obj.allocation_rows


class StatementLineOut(Schema):
    date: dt.date
    kind: str = Field(description="item (a debit) or payment (a credit)")
    id: int
    description: str
    amount: str
    balance: str

    @staticmethod
    def resolve_amount(obj):
        return str(obj.amount)

    @staticmethod
    def resolve_balance(obj):
        return str(obj.balance)


class StatementOut(Schema):
    account_id: int
    number: str
    company: str
    start: dt.date
    end: dt.date
    opening_balance: str
    lines: list[StatementLineOut]
    closing_balance: str


class AgingReportOut(Schema):
    as_of: dt.date
    accounts: list[AccountOut]
    total_open: str
    total_unallocated: str
    total_balance: str
    total_aging: AgingOut


class TransferToAccountIn(Schema):
    account_id: int = Field(ge=1, le=2**63 - 1)
    amount: Decimal | None = Field(None, gt=0, max_digits=12, decimal_places=2, description="Default: the balance")
    override_reason: str = Field("", max_length=200, description="A manager exceeding the credit limit")


class TransferredOut(Schema):
    """The direct-bill posting on the folio, the folio's balance after it, and the open item."""

    posting: PostingOut
    balance: str
    open_item: OpenItemOut
