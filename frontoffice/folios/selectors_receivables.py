"""Reads of the city ledger: accounts with their balances, open items, unallocated cash, aging
and statements.

Amounts are summed in Decimal here rather than with SQL ``SUM``: SQLite sums decimals as
floating point. Each read costs a fixed number of queries, however many rows an account has.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from frontoffice.core.domain.money import ZERO, money
from frontoffice.core.models import Property
from frontoffice.folios.domain.receivables import (
    BUCKETS,
    Bucket,
    Item,
    StatementLine,
    aging,
    credit_available,
    open_balance,
    statement,
)
from frontoffice.folios.models import METHOD_LABELS, Allocation, OpenItem, ReceivableAccount, ReceivablePayment


@dataclass
class AccountSummary:
    """What a company owes: open items by aging bucket, unallocated cash and the balance."""

    open_total: Decimal = ZERO
    unallocated: Decimal = ZERO
    aging: dict[Bucket, Decimal] = field(default_factory=lambda: dict.fromkeys(BUCKETS, ZERO))

    @property
    def balance(self) -> Decimal:
        return money(self.open_total - self.unallocated)


def _allocated(rows) -> dict[int, Decimal]:
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for key, amount in rows:
        totals[key] += amount
    return totals


def _summaries(*, property: Property, as_of: dt.date, accounts=None) -> dict[int, AccountSummary]:
    """One summary per account of the property (or of ``accounts``), in four queries."""
    items_qs = OpenItem.objects.filter(property=property)
    payments_qs = ReceivablePayment.objects.filter(property=property)
    allocations_qs = Allocation.objects.filter(property=property)
    if accounts is not None:
        items_qs = items_qs.filter(account__in=accounts)
        payments_qs = payments_qs.filter(account__in=accounts)
        allocations_qs = allocations_qs.filter(payment__account__in=accounts)
    allocations = list(allocations_qs.values_list("open_item_id", "payment_id", "amount"))
    by_item = _allocated((i, a) for i, _p, a in allocations)
    by_payment = _allocated((p, a) for _i, p, a in allocations)
    items: dict[int, list[Item]] = defaultdict(list)
    for pk, account_id, raised, due, amount in items_qs.values_list(
        "id", "account_id", "business_date", "due_date", "amount"
    ):
        items[account_id].append(Item(id=pk, business_date=raised, due_date=due, amount=amount, allocated=by_item[pk]))
    cash: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for pk, account_id, amount in payments_qs.values_list("id", "account_id", "amount"):
        cash[account_id] += amount - by_payment[pk]
    summaries = {}
    for account_id in set(items) | set(cash):
        summaries[account_id] = AccountSummary(
            open_total=open_balance(items[account_id]),
            unallocated=money(cash[account_id]),
            aging=aging(items[account_id], as_of),
        )
    return summaries


def receivable_account_summary(*, account: ReceivableAccount, as_of: dt.date | None = None) -> AccountSummary:
    as_of = as_of or account.property.business_date
    return _summaries(property=account.property, as_of=as_of, accounts=[account]).get(account.pk) or AccountSummary()


def receivable_account_balance(*, account: ReceivableAccount) -> Decimal:
    """What the company owes: its open items less its unallocated cash (all items less all payments)."""
    return receivable_account_summary(account=account).balance


def receivable_account_list(*, property: Property, as_of: dt.date | None = None) -> list[ReceivableAccount]:
    """The property's accounts by number, each with ``summary`` (balance, unallocated cash, aging)
    and ``credit_available``."""
    as_of = as_of or property.business_date
    accounts = list(ReceivableAccount.objects.filter(property=property).select_related("company").order_by("number"))
    summaries = _summaries(property=property, as_of=as_of)
    for account in accounts:
        account.summary = summaries.get(account.pk) or AccountSummary()
        account.credit_available = credit_available(balance=account.summary.balance, credit_limit=account.credit_limit)
    return accounts


def receivable_account_get(*, property: Property, pk: int) -> ReceivableAccount | None:
    account = ReceivableAccount.objects.filter(property=property, pk=pk).select_related("company", "property").first()
    if account is not None:
        account.summary = receivable_account_summary(account=account)
        account.credit_available = credit_available(balance=account.summary.balance, credit_limit=account.credit_limit)
    return account


def receivable_accounts_for_direct_bill(*, property: Property):
    """Accounts a folio balance may be transferred to: active and allowing direct billing."""
    return (
        ReceivableAccount.objects.filter(property=property, active=True, direct_bill_allowed=True)
        .select_related("company")
        .order_by("company__name", "number")
    )


def open_items(*, account: ReceivableAccount, include_settled: bool = False) -> list[OpenItem]:
    """The account's items, oldest first, each with ``allocated`` and ``open_amount``; by default
    only those with something still open."""
    allocated = _allocated(Allocation.objects.filter(open_item__account=account).values_list("open_item_id", "amount"))
    items = list(
        OpenItem.objects.filter(account=account).select_related("folio__reservation").order_by("business_date", "id")
    )
    for item in items:
        item.allocated = money(allocated[item.pk])
        item.open_amount = money(item.amount - allocated[item.pk])
    return items if include_settled else [i for i in items if i.open_amount != 0]


def open_item_get(*, property: Property, pk: int) -> OpenItem | None:
    return OpenItem.objects.filter(property=property, pk=pk).first()


def receivable_payments(*, account: ReceivableAccount, only_unallocated: bool = False) -> list[ReceivablePayment]:
    """The account's payments, newest first, each with ``allocated``, ``unallocated`` and
    ``allocation_rows`` (the items it paid)."""
    payments = list(ReceivablePayment.objects.filter(account=account).order_by("-business_date", "-id"))
    rows = defaultdict(list)
    for allocation in Allocation.objects.filter(payment__account=account).order_by("id"):
        rows[allocation.payment_id].append(allocation)
    for payment in payments:
        payment.allocation_rows = rows[payment.pk]
        payment.allocated = money(sum((a.amount for a in rows[payment.pk]), ZERO))
        payment.unallocated = money(payment.amount - payment.allocated)
    return [p for p in payments if p.unallocated > 0] if only_unallocated else payments


def receivable_payment_get(*, property: Property, pk: int) -> ReceivablePayment | None:
    payment = ReceivablePayment.objects.filter(property=property, pk=pk).select_related("account").first()
    if payment is not None:
        rows = list(payment.allocations.order_by("id"))
        payment.allocation_rows = rows
        payment.allocated = money(sum((a.amount for a in rows), ZERO))
        payment.unallocated = money(payment.amount - payment.allocated)
    return payment


def receivables_aging(*, property: Property, as_of: dt.date | None = None) -> dict:
    """Aging per account and for the property as of a date (default: the business date):
    ``{"as_of", "accounts": [account with summary], "total": AccountSummary}``."""
    as_of = as_of or property.business_date
    accounts = receivable_account_list(property=property, as_of=as_of)
    total = AccountSummary()
    for account in accounts:
        s = account.summary
        total.open_total = money(total.open_total + s.open_total)
        total.unallocated = money(total.unallocated + s.unallocated)
        for bucket in BUCKETS:
            total.aging[bucket] = money(total.aging[bucket] + s.aging[bucket])
    return {"as_of": as_of, "accounts": accounts, "total": total}


@dataclass
class Statement:
    account: ReceivableAccount
    start: dt.date
    end: dt.date
    opening: Decimal
    lines: list[StatementLine]
    closing: Decimal


def receivable_statement(*, account: ReceivableAccount, start: dt.date, end: dt.date) -> Statement:
    """The account's statement for ``start``–``end`` (inclusive): the opening balance, items
    (debits) and payments (credits) in date order with a running balance, and the closing balance."""
    lines = [
        StatementLine(date=d, kind="item", id=pk, description=text, amount=amount)
        for pk, d, text, amount in OpenItem.objects.filter(account=account, business_date__lte=end).values_list(
            "id", "business_date", "description", "amount"
        )
    ]
    for pk, d, method, reference, amount in ReceivablePayment.objects.filter(
        account=account, business_date__lte=end
    ).values_list("id", "business_date", "method", "reference", "amount"):
        text = " · ".join(
            str(part) for part in (_("Payment received"), METHOD_LABELS.get(method, method), reference) if part
        )
        lines.append(StatementLine(date=d, kind="payment", id=pk, description=text, amount=-amount))
    opening, shown, closing = statement(lines=lines, start=start, end=end)
    return Statement(account=account, start=start, end=end, opening=opening, lines=shown, closing=closing)
