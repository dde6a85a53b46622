"""The folio ledger as plain rules: departments, payment methods, pricing a line, signs,
balances, reversals and refunds.

Sign convention (amounts on the guest's balance, i.e. what the guest owes the hotel):

- a **charge** is positive (the guest owes more);
- a **payment** is negative (the guest owes less);
- a **refund** is positive (money handed back: the credit the payment left shrinks);
- a **reversal** carries the opposite amounts of the posting it corrects, so the pair nets to zero.

A folio's balance is the sum of its postings' gross amounts: positive means the guest
owes, negative means the hotel owes the guest (a credit balance), zero means settled.

Refusals are returned as stable codes (see ``Refusal``); the services turn them into
sentences in the reader's language.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from frontoffice.core.domain.money import ZERO, money, percent_of, tax_included

MAX_WINDOWS = 8
MAX_QUANTITY = 9999
MAX_AMOUNT = Decimal("999999.99")


class Department(StrEnum):
    ROOMS = "rooms"
    FOOD_BEVERAGE = "food_beverage"
    MINIBAR = "minibar"
    PARKING = "parking"
    LAUNDRY = "laundry"
    TELEPHONE = "telephone"
    SPA = "spa"
    MISCELLANEOUS = "miscellaneous"
    TAXES = "taxes"
    FEES = "fees"
    PAYMENT = "payment"
    REFUND = "refund"
    TRANSFER = "transfer"


class PaymentMethod(StrEnum):
    CASH = "cash"
    CARD = "card"
    BANK_TRANSFER = "bank_transfer"
    VOUCHER = "voucher"
    DIRECT_BILL = "direct_bill"


class Kind(StrEnum):
    """What a posting does to the guest's balance."""

    CHARGE = "charge"
    PAYMENT = "payment"
    REFUND = "refund"
    TRANSFER = "transfer"


def kind_of(department: Department | str) -> Kind:
    department = Department(department)
    if department is Department.PAYMENT:
        return Kind.PAYMENT
    if department is Department.REFUND:
        return Kind.REFUND
    if department is Department.TRANSFER:
        return Kind.TRANSFER
    return Kind.CHARGE


# A balance transfer is signed by its direction (out of a folio negative, into one positive).
SIGN = {Kind.CHARGE: 1, Kind.PAYMENT: -1, Kind.REFUND: 1, Kind.TRANSFER: 1}


@dataclass(frozen=True)
class Amounts:
    """One posting line's amounts, each rounded to the cent; ``gross == net + tax`` always."""

    net: Decimal
    tax: Decimal
    gross: Decimal

    def __post_init__(self):
        if self.net + self.tax != self.gross:
            raise ValueError("gross must equal net + tax")

    def negated(self) -> "Amounts":
        return Amounts(net=-self.net, tax=-self.tax, gross=-self.gross)

    def signed(self, kind: Kind | str) -> "Amounts":
        return self if SIGN[Kind(kind)] > 0 else self.negated()


def price_line(*, quantity: int, unit_amount: Decimal, tax_rate: Decimal, amounts_include_tax: bool) -> Amounts:
    """Net, tax and gross of ``quantity`` × ``unit_amount`` at ``tax_rate`` percent, unsigned.

    Rounding is per line, half up to the cent: the line total is rounded first, then the
    tax is computed on it (contained in it when amounts include tax, added to it otherwise)
    and rounded, and the remaining figure is the difference — so no cent is created or lost.
    """
    total = money(Decimal(quantity) * Decimal(unit_amount))
    if amounts_include_tax:
        tax = tax_included(total, tax_rate)
        return Amounts(net=total - tax, tax=tax, gross=total)
    tax = percent_of(total, tax_rate)
    return Amounts(net=total, tax=tax, gross=total + tax)


def money_amounts(amount: Decimal) -> Amounts:
    """A payment or refund: no tax, the whole amount is net and gross."""
    amount = money(amount)
    return Amounts(net=amount, tax=ZERO, gross=amount)


def balance(grosses: Iterable[Decimal]) -> Decimal:
    """The folio balance: the plain sum of its postings' gross amounts."""
    return money(sum((Decimal(g) for g in grosses), ZERO))


class Refusal(StrEnum):
    """Stable codes for what the ledger refuses."""

    AMOUNT_NOT_POSITIVE = "amount_not_positive"
    AMOUNT_TOO_LARGE = "amount_too_large"
    QUANTITY_OUT_OF_RANGE = "quantity_out_of_range"
    REVERSAL_OF_REVERSAL = "reversal_of_reversal"
    ALREADY_REVERSED = "already_reversed"
    PAYMENT_ALREADY_REFUNDED = "payment_already_refunded"
    REFUND_METHOD_NOT_PAID = "refund_method_not_paid"
    REFUND_EXCEEDS_PAID = "refund_exceeds_paid"
    REFUND_EXCEEDS_CREDIT = "refund_exceeds_credit"
    FOLIO_CLOSED = "folio_closed"
    WINDOW_OUT_OF_RANGE = "window_out_of_range"


def check_amount(amount: Decimal) -> Refusal | None:
    amount = Decimal(amount)
    if amount <= 0 or money(amount) <= 0:
        return Refusal.AMOUNT_NOT_POSITIVE
    if amount > MAX_AMOUNT:
        return Refusal.AMOUNT_TOO_LARGE
    return None


def check_quantity(quantity: int) -> Refusal | None:
    return None if 1 <= quantity <= MAX_QUANTITY else Refusal.QUANTITY_OUT_OF_RANGE


def check_window(window: int) -> Refusal | None:
    return None if 1 <= window <= MAX_WINDOWS else Refusal.WINDOW_OUT_OF_RANGE


@dataclass(frozen=True)
class Entry:
    """What the ledger rules need to know about one posting."""

    kind: Kind
    gross: Decimal
    method: str = ""
    is_reversal: bool = False


def check_reversal(*, is_reversal: bool, already_reversed: bool) -> Refusal | None:
    """A posting may be reversed once, and a reversal is never itself reversed."""
    if is_reversal:
        return Refusal.REVERSAL_OF_REVERSAL
    if already_reversed:
        return Refusal.ALREADY_REVERSED
    return None


def check_payment_reversal(*, entries: Iterable[Entry], method: PaymentMethod | str, amount: Decimal) -> Refusal | None:
    """A payment may be reversed only while what is left refundable to its method covers it:
    otherwise the refunds already made would stand without the payment they came from."""
    if refundable(entries, method) < money(amount):
        return Refusal.PAYMENT_ALREADY_REFUNDED
    return None


def reversal_needs_manager(*, gross: Decimal, limit: Decimal) -> bool:
    """Reversing more than the property's void limit (in absolute value) needs a manager."""
    return abs(Decimal(gross)) > Decimal(limit)


def refundable(entries: Iterable[Entry], method: PaymentMethod | str) -> Decimal:
    """What may still be refunded to ``method``: its payments minus the refunds already made
    to it, reversals included (a reversed payment no longer counts, a reversed refund is owed again).

    Payments and refunds by a method are the entries carrying that method and kind payment
    or refund; with our signs that is minus the sum of their gross amounts.
    """
    method = PaymentMethod(method)
    total = sum(
        (e.gross for e in entries if e.method == method.value and e.kind in (Kind.PAYMENT, Kind.REFUND)),
        ZERO,
    )
    return money(-total)


def credit_of(entries: Iterable[Entry]) -> Decimal:
    """What the folio holds in the guest's favour: minus its balance, or zero when the guest owes."""
    return max(-balance(e.gross for e in entries), ZERO)


def check_refund(*, entries: Iterable[Entry], method: PaymentMethod | str, amount: Decimal) -> Refusal | None:
    """A refund goes only to a method with net payments on the folio, not beyond them, and never
    beyond the credit the folio holds: money applied to charges, or moved to another folio (a
    deposit settling a fee, a balance transfer), is no longer there to give back."""
    entries = list(entries)
    refusal = check_amount(amount)
    if refusal:
        return refusal
    available = refundable(entries, method)
    if available <= 0:
        return Refusal.REFUND_METHOD_NOT_PAID
    if money(amount) > available:
        return Refusal.REFUND_EXCEEDS_PAID
    if money(amount) > credit_of(entries):
        return Refusal.REFUND_EXCEEDS_CREDIT
    return None
