"""The city ledger (accounts receivable) as plain rules: open amounts, allocating payments,
due dates, aging and the credit check.

An **open item** is a debt on a company's account (a folio balance transferred at check-out);
what is still open is its amount less the payments allocated to it. A **payment** received
from the company is allocated to open items in part or in full; what is not allocated stays
on the account as unallocated cash. The account's **balance** is what the company owes:
the open amounts less the unallocated cash (equivalently, all items less all payments).

Allocation never creates or loses a cent: a payment's allocations never exceed the payment,
an item's allocations never exceed its open amount.

Refusals are returned as stable codes (see ``Refusal``); the services turn them into
sentences in the reader's language.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from frontoffice.core.domain.money import ZERO, money
from frontoffice.folios.domain.ledger import MAX_AMOUNT

MAX_TERMS_DAYS = 365


class Bucket(StrEnum):
    """Aging buckets by days past due: not yet due, 1–30, 31–60, 61–90, over 90 days."""

    CURRENT = "current"
    DAYS_1_30 = "1_30"
    DAYS_31_60 = "31_60"
    DAYS_61_90 = "61_90"
    OVER_90 = "over_90"


BUCKETS = list(Bucket)


class Refusal(StrEnum):
    """Stable codes for what the city ledger refuses."""

    ALLOCATION_NOT_POSITIVE = "allocation_not_positive"
    ALLOCATION_EXCEEDS_PAYMENT = "allocation_exceeds_payment"
    ALLOCATION_EXCEEDS_OPEN = "allocation_exceeds_open"
    ITEM_NOT_OPEN = "item_not_open"
    ITEM_TWICE = "item_twice"
    NOTHING_TO_ALLOCATE = "nothing_to_allocate"
    NO_CREDIT = "no_credit"
    CREDIT_LIMIT_EXCEEDED = "credit_limit_exceeded"
    ACCOUNT_INACTIVE = "account_inactive"
    DIRECT_BILL_NOT_ALLOWED = "direct_bill_not_allowed"
    TERMS_OUT_OF_RANGE = "terms_out_of_range"


@dataclass(frozen=True)
class Item:
    """What the rules need to know about one open item."""

    id: int
    business_date: dt.date
    due_date: dt.date
    amount: Decimal
    allocated: Decimal = ZERO

    @property
    def open(self) -> Decimal:
        return open_amount(self.amount, [self.allocated])


def open_amount(amount: Decimal, allocations: Iterable[Decimal]) -> Decimal:
    """What is still owed on an item: its amount less the allocations made to it."""
    return money(Decimal(amount) - sum((Decimal(a) for a in allocations), ZERO))


def unallocated(amount: Decimal, allocations: Iterable[Decimal]) -> Decimal:
    """What is left of a payment after its allocations."""
    return open_amount(amount, allocations)


def check_terms(days: int) -> Refusal | None:
    return None if 0 <= days <= MAX_TERMS_DAYS else Refusal.TERMS_OUT_OF_RANGE


def due_date(business_date: dt.date, terms_days: int) -> dt.date:
    """An item is due ``terms_days`` after the business date it was raised on (0: due at once)."""
    return business_date + dt.timedelta(days=terms_days)


def days_past_due(due: dt.date, as_of: dt.date) -> int:
    """Whole days past the due date (0 or negative while not yet overdue)."""
    return (as_of - due).days


def bucket_of(due: dt.date, as_of: dt.date) -> Bucket:
    """The aging bucket of an item due on ``due``, seen on ``as_of``. Due today is current."""
    days = days_past_due(due, as_of)
    if days <= 0:
        return Bucket.CURRENT
    if days <= 30:
        return Bucket.DAYS_1_30
    if days <= 60:
        return Bucket.DAYS_31_60
    if days <= 90:
        return Bucket.DAYS_61_90
    return Bucket.OVER_90


def aging(items: Iterable[Item], as_of: dt.date) -> dict[Bucket, Decimal]:
    """The open amounts of ``items`` by bucket as of a date; the buckets sum to the open balance."""
    totals = dict.fromkeys(BUCKETS, ZERO)
    for item in items:
        if item.open:
            bucket = bucket_of(item.due_date, as_of)
            totals[bucket] = money(totals[bucket] + item.open)
    return totals


def open_balance(items: Iterable[Item]) -> Decimal:
    return money(sum((i.open for i in items), ZERO))


def oldest_first(items: Iterable[Item]) -> list[Item]:
    """Items in the order money is applied to them: oldest business date first, then as raised."""
    return sorted(items, key=lambda i: (i.business_date, i.id))


def check_allocations(
    *, available: Decimal, items: Sequence[Item], requested: Sequence[tuple[int, Decimal]]
) -> Refusal | None:
    """Chosen allocations: each positive, to an item with something open, never beyond its open
    amount, each item once, and all together never beyond what is left of the payment."""
    by_id = {i.id: i for i in items}
    seen: set[int] = set()
    total = ZERO
    for item_id, amount in requested:
        amount = Decimal(amount)
        if not amount.is_finite() or amount <= 0 or amount > MAX_AMOUNT or money(amount) != amount:
            return Refusal.ALLOCATION_NOT_POSITIVE
        if item_id in seen:
            return Refusal.ITEM_TWICE
        seen.add(item_id)
        item = by_id.get(item_id)
        if item is None or item.open <= 0:
            return Refusal.ITEM_NOT_OPEN
        if amount > item.open:
            return Refusal.ALLOCATION_EXCEEDS_OPEN
        total += amount
    if not requested:
        return Refusal.NOTHING_TO_ALLOCATE
    if total > money(available):
        return Refusal.ALLOCATION_EXCEEDS_PAYMENT
    return None


def allocate_oldest_first(*, available: Decimal, items: Iterable[Item]) -> list[tuple[int, Decimal]]:
    """Apply ``available`` to the items with something open, oldest first, each up to its open
    amount; what cannot be applied stays unallocated. Returns ``(item id, amount)`` pairs."""
    left = money(available)
    plan: list[tuple[int, Decimal]] = []
    for item in oldest_first(items):
        if left <= 0:
            break
        if item.open <= 0:
            continue
        amount = min(left, item.open)
        plan.append((item.id, amount))
        left -= amount
    return plan


def check_credit(*, balance: Decimal, amount: Decimal, credit_limit: Decimal) -> Refusal | None:
    """Billing ``amount`` to an account is within credit when its balance plus the amount does
    not exceed the limit. A limit of 0 means the account has no credit at all."""
    if Decimal(credit_limit) <= 0:
        return Refusal.NO_CREDIT
    if money(Decimal(balance) + Decimal(amount)) > money(credit_limit):
        return Refusal.CREDIT_LIMIT_EXCEEDED
    return None


def credit_available(*, balance: Decimal, credit_limit: Decimal) -> Decimal:
    """How much more may be billed to the account (never negative)."""
    return max(ZERO, money(Decimal(credit_limit) - Decimal(balance)))


def check_direct_bill(*, active: bool, direct_bill_allowed: bool) -> Refusal | None:
    if not active:
        return Refusal.ACCOUNT_INACTIVE
    if not direct_bill_allowed:
        return Refusal.DIRECT_BILL_NOT_ALLOWED
    return None


@dataclass(frozen=True)
class StatementLine:
    """One line of a statement: an item (a debit, positive) or a payment (a credit, negative)."""

    date: dt.date
    kind: str  # "item" or "payment"
    id: int
    description: str
    amount: Decimal  # signed: positive raises what the company owes
    balance: Decimal = ZERO


def statement(
    *, lines: Iterable[StatementLine], start: dt.date, end: dt.date
) -> tuple[Decimal, list[StatementLine], Decimal]:
    """Opening balance (everything before ``start``), the lines from ``start`` to ``end`` inclusive
    in date order (items before payments on one day) with a running balance, and the closing balance."""
    ordered = sorted(lines, key=lambda line: (line.date, line.kind != "item", line.id))
    opening = money(sum((line.amount for line in ordered if line.date < start), ZERO))
    running = opening
    shown = []
    for line in ordered:
        if start <= line.date <= end:
            running = money(running + line.amount)
            shown.append(
                StatementLine(
                    date=line.date,
                    kind=line.kind,
                    id=line.id,
                    description=line.description,
                    amount=line.amount,
                    balance=running,
                )
            )
    return opening, shown, running
