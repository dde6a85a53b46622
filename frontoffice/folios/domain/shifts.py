"""Cashier shifts as plain rules: which postings need a shift, what a counted drawer may hold,
and the close report — expected against counted, per payment method.

Amounts taken in a shift come from its postings, signed on the guest's balance (see
``domain.ledger``): a payment is negative, a refund positive, a reversal the opposite of
what it corrects. The report turns them into the cashier's view:

- **payments** by a method: money received, ``−Σ gross`` of its payment postings (a reversed
  payment counts back out, so a payment and its reversal net to zero);
- **refunds** by a method: money handed back, ``Σ gross`` of its refund postings (reversals
  included, with their sign);
- **net** = payments − refunds;
- **expected** in the drawer: for cash the opening float plus the net; for any other
  method its net (card slips, transfer confirmations, vouchers, direct-bill vouchers);
- **variance** = counted − expected: positive is *over*, negative is *short*, zero is *even*.

A method not counted at close counts as zero.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from frontoffice.core.domain.money import CENT, ZERO, money
from frontoffice.folios.domain.ledger import MAX_AMOUNT, Kind, PaymentMethod

MONEY_KINDS = (Kind.PAYMENT, Kind.REFUND)


def needs_shift(*, kind: Kind | str, method: PaymentMethod | str) -> bool:
    """Cash in or out of a drawer needs the cashier's open shift: cash payments and cash
    refunds (and their reversals). Other methods and charges may be posted without one."""
    return Kind(kind) in MONEY_KINDS and method == PaymentMethod.CASH.value


class Result(StrEnum):
    """How what was counted compares with what was expected."""

    OVER = "over"
    SHORT = "short"
    EVEN = "even"


def result_of(variance: Decimal) -> Result:
    if variance > 0:
        return Result.OVER
    if variance < 0:
        return Result.SHORT
    return Result.EVEN


@dataclass(frozen=True)
class ShiftEntry:
    """What the report needs of one posting made in the shift."""

    kind: Kind
    method: str
    gross: Decimal


@dataclass(frozen=True)
class MethodLine:
    """One payment method's line of the report. ``counted`` and ``variance`` are None while
    the shift is open (nothing has been counted yet)."""

    method: PaymentMethod
    payments: Decimal
    refunds: Decimal
    net: Decimal
    expected: Decimal
    counted: Decimal | None = None
    variance: Decimal | None = None

    @property
    def result(self) -> Result | None:
        return None if self.variance is None else result_of(self.variance)


@dataclass(frozen=True)
class ShiftReport:
    opening_float: Decimal
    lines: tuple[MethodLine, ...]
    expected_total: Decimal
    counted_total: Decimal | None
    variance_total: Decimal | None

    @property
    def result(self) -> Result | None:
        return None if self.variance_total is None else result_of(self.variance_total)

    def line(self, method: PaymentMethod | str) -> MethodLine:
        method = PaymentMethod(method)
        return next(line for line in self.lines if line.method is method)


def shift_report(
    *, opening_float: Decimal, entries: Iterable[ShiftEntry], counted: Mapping[str, Decimal] | None = None
) -> ShiftReport:
    """The close report: one line per payment method (all of them, in a fixed order).

    Entries other than payments and refunds (charges, transfers) are ignored: they move no money.
    With ``counted`` (the shift is being closed or is closed) each line gets its variance; a
    method missing from ``counted`` was counted as zero.
    """
    paid = {m: ZERO for m in PaymentMethod}
    refunded = {m: ZERO for m in PaymentMethod}
    for entry in entries:
        kind = Kind(entry.kind)
        if kind not in MONEY_KINDS or not entry.method:
            continue
        method = PaymentMethod(entry.method)
        if kind is Kind.PAYMENT:
            paid[method] -= Decimal(entry.gross)
        else:
            refunded[method] += Decimal(entry.gross)
    opening_float = money(opening_float)
    lines = []
    for method in PaymentMethod:
        net = money(paid[method] - refunded[method])
        expected = opening_float + net if method is PaymentMethod.CASH else net
        count = None if counted is None else money(counted.get(method.value, ZERO))
        lines.append(
            MethodLine(
                method=method,
                payments=money(paid[method]),
                refunds=money(refunded[method]),
                net=net,
                expected=expected,
                counted=count,
                variance=None if count is None else count - expected,
            )
        )
    expected_total = sum((line.expected for line in lines), ZERO)
    counted_total = None if counted is None else sum((line.counted for line in lines), ZERO)
    return ShiftReport(
        opening_float=opening_float,
        lines=tuple(lines),
        expected_total=expected_total,
        counted_total=counted_total,
        variance_total=None if counted_total is None else counted_total - expected_total,
    )


class CountRefusal(StrEnum):
    UNKNOWN_METHOD = "unknown_method"
    NOT_A_NUMBER = "not_a_number"
    NEGATIVE = "negative"
    TOO_PRECISE = "too_precise"
    TOO_LARGE = "too_large"


def check_float(amount) -> CountRefusal | None:
    """An opening float is a count of the drawer: a non-negative amount in cents."""
    return _check_count(amount)


def _check_count(amount) -> CountRefusal | None:
    if isinstance(amount, float | bool):
        return CountRefusal.NOT_A_NUMBER  # binary fractions are not money
    try:
        amount = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError):
        return CountRefusal.NOT_A_NUMBER
    if not amount.is_finite():
        return CountRefusal.NOT_A_NUMBER
    if amount < 0:
        return CountRefusal.NEGATIVE
    if amount > MAX_AMOUNT:
        return CountRefusal.TOO_LARGE
    if amount != amount.quantize(CENT):
        return CountRefusal.TOO_PRECISE
    return None


def check_counted(counted: Mapping[str, object]) -> dict[str, CountRefusal]:
    """What is wrong with a count at close, per method (empty when it is all right): every key
    a payment method, every amount a non-negative Decimal in cents, up to the ledger's maximum."""
    methods = {m.value for m in PaymentMethod}
    problems = {}
    for method, amount in counted.items():
        if method not in methods:
            problems[str(method)] = CountRefusal.UNKNOWN_METHOD
            continue
        refusal = _check_count(amount)
        if refusal is not None:
            problems[method] = refusal
    return problems
