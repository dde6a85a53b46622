"""Moving charges between folios, as plain rules: splitting a posting's amounts, what is left
of a posting after earlier moves, balance transfers and routing instructions.

Splitting never creates or loses a cent: the part moved is worked out first (its gross, then
its tax in proportion, rounded half up, then its net as the difference) and the part kept is
the original minus the part moved, so the two add up to the original exactly and each keeps
``gross == net + tax``. Signs follow the original: a negative posting splits into negative parts.

Routing: a stay's routing instructions are tried in order (by id) and the first that matches
the charge — its code or department, its business date within the instruction's dates — takes
its share (all of it, or a percentage of its gross) up to what the instruction's daily cap still
allows on that business date; the rest stays on the folio it was posted to. Only that first
instruction applies, even when its cap is used up.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from frontoffice.core.domain.money import ZERO, money
from frontoffice.folios.domain.ledger import MAX_AMOUNT, Amounts

HUNDRED = Decimal(100)
NOTHING = Amounts(net=ZERO, tax=ZERO, gross=ZERO)


class TransferRefusal(StrEnum):
    """Stable codes for what a move, a balance transfer or a routing instruction refuses."""

    AMOUNT_NOT_POSITIVE = "amount_not_positive"
    AMOUNT_TOO_LARGE = "amount_too_large"
    AMOUNT_AND_PERCENTAGE = "amount_and_percentage"
    PERCENTAGE_OUT_OF_RANGE = "percentage_out_of_range"
    NOTHING_LEFT = "nothing_left_to_move"
    EXCEEDS_REMAINING = "transfer_exceeds_remaining"
    ZERO_BALANCE = "zero_balance"
    EXCEEDS_BALANCE = "transfer_exceeds_balance"
    CAP_NOT_POSITIVE = "cap_not_positive"
    NOTHING_ROUTED = "nothing_routed"
    DATES_REVERSED = "dates_reversed"


def _sign(value: Decimal) -> int:
    return -1 if value < 0 else 1


def add(*parts: Amounts) -> Amounts:
    return Amounts(
        net=sum((p.net for p in parts), ZERO),
        tax=sum((p.tax for p in parts), ZERO),
        gross=sum((p.gross for p in parts), ZERO),
    )


def subtract(whole: Amounts, part: Amounts) -> Amounts:
    return Amounts(net=whole.net - part.net, tax=whole.tax - part.tax, gross=whole.gross - part.gross)


def split_by_gross(amounts: Amounts, gross: Decimal) -> tuple[Amounts, Amounts]:
    """``(moved, kept)``: ``gross`` (its size; the sign follows the original) moved, the rest kept.

    The tax moved is the original tax in proportion to the gross moved, rounded half up; the net
    moved is the gross moved less that tax. ``moved + kept == amounts`` in every figure.
    """
    size = abs(money(gross))
    if size > abs(amounts.gross):
        raise ValueError("cannot move more than the whole")
    if size == abs(amounts.gross):
        return amounts, NOTHING
    if size == 0:
        return NOTHING, amounts
    moved_gross = size * _sign(amounts.gross)
    moved_tax = money(amounts.tax * moved_gross / amounts.gross)
    moved = Amounts(net=moved_gross - moved_tax, tax=moved_tax, gross=moved_gross)
    return moved, subtract(amounts, moved)


def gross_for_percentage(gross: Decimal, percentage: Decimal) -> Decimal:
    """``percentage`` of ``gross``, rounded half up to the cent (the sign of ``gross``)."""
    return money(Decimal(gross) * Decimal(percentage) / HUNDRED)


def split_by_percentage(amounts: Amounts, percentage: Decimal) -> tuple[Amounts, Amounts]:
    """``(moved, kept)`` with ``percentage`` (0–100) of the gross moved."""
    if not ZERO <= Decimal(percentage) <= HUNDRED:
        raise ValueError("percentage out of range")
    return split_by_gross(amounts, gross_for_percentage(amounts.gross, percentage))


def check_percentage(percentage: Decimal | None) -> TransferRefusal | None:
    if percentage is None:
        return None
    return None if ZERO < Decimal(percentage) <= HUNDRED else TransferRefusal.PERCENTAGE_OUT_OF_RANGE


def check_positive(amount: Decimal | None) -> TransferRefusal | None:
    if amount is None:
        return None
    if money(amount) <= 0:
        return TransferRefusal.AMOUNT_NOT_POSITIVE
    return None if money(amount) <= MAX_AMOUNT else TransferRefusal.AMOUNT_TOO_LARGE


def plan_move(
    *,
    original: Amounts,
    moved_before: Iterable[Amounts] = (),
    amount: Decimal | None = None,
    percentage: Decimal | None = None,
) -> Amounts | TransferRefusal:
    """What to move of a posting: the amounts (signed like the posting) or a refusal.

    What is left of the posting is the original less what earlier moves took (given with the
    posting's sign). With neither ``amount`` nor ``percentage``, all that is left moves;
    ``amount`` is a gross size; ``percentage`` is of the original posting's gross. Moving
    more than is left is refused; the part is cut from what is left, so the moves and what
    stays always add up to the original.
    """
    if amount is not None and percentage is not None:
        return TransferRefusal.AMOUNT_AND_PERCENTAGE
    refusal = check_positive(amount) or check_percentage(percentage)
    if refusal:
        return refusal
    left = subtract(original, add(*moved_before))
    if left.gross == 0 or _sign(left.gross) != _sign(original.gross):
        return TransferRefusal.NOTHING_LEFT
    if amount is None and percentage is None:
        return left
    size = abs(money(amount)) if amount is not None else abs(gross_for_percentage(original.gross, percentage))
    if size == 0:
        return TransferRefusal.AMOUNT_NOT_POSITIVE
    if size > abs(left.gross):
        return TransferRefusal.EXCEEDS_REMAINING
    moved, _kept = split_by_gross(left, size)
    return moved


def plan_balance_transfer(*, balance: Decimal, amount: Decimal | None = None) -> Decimal | TransferRefusal:
    """The gross to take out of a folio's balance (signed like the balance), or a refusal.

    Without ``amount`` the whole balance moves; ``amount`` is a size, at most the balance's.
    A credit balance (negative) moves as a credit.
    """
    balance = money(balance)
    if balance == 0:
        return TransferRefusal.ZERO_BALANCE
    if amount is None:
        return balance
    refusal = check_positive(amount)
    if refusal:
        return refusal
    if money(amount) > abs(balance):
        return TransferRefusal.EXCEEDS_BALANCE
    return money(amount) * _sign(balance)


# --- routing -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Instruction:
    """One active routing instruction as the rule needs it.

    ``routed_today`` is the gross this instruction already routed on the charge's business date.
    """

    id: int
    target: int
    codes: frozenset[str] = frozenset()
    departments: frozenset[str] = frozenset()
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    percentage: Decimal | None = None
    daily_cap: Decimal | None = None
    routed_today: Decimal = ZERO

    def matches(self, *, code: str, department: str, business_date: dt.date) -> bool:
        if self.start_date is not None and business_date < self.start_date:
            return False
        if self.end_date is not None and business_date > self.end_date:
            return False
        return code in self.codes or department in self.departments


@dataclass(frozen=True)
class Charge:
    code: str
    department: str
    business_date: dt.date
    amounts: Amounts


@dataclass(frozen=True)
class Route:
    """A part of a charge going to ``target`` because of instruction ``instruction``."""

    instruction: int
    target: int
    amounts: Amounts


@dataclass(frozen=True)
class Routing:
    """Where a charge goes: ``routes`` to other folios and what ``stays`` (both may be empty)."""

    routes: tuple[Route, ...]
    stays: Amounts

    def total(self) -> Amounts:
        return add(self.stays, *(r.amounts for r in self.routes))


def route_charge(charge: Charge, instructions: Sequence[Instruction]) -> Routing:
    """Split a charge between the first matching instruction's target and the folio posted to."""
    for instruction in sorted(instructions, key=lambda i: i.id):
        if not instruction.matches(code=charge.code, department=charge.department, business_date=charge.business_date):
            continue
        share = charge.amounts.gross
        if instruction.percentage is not None:
            share = gross_for_percentage(share, instruction.percentage)
        if instruction.daily_cap is not None:
            room = max(ZERO, money(instruction.daily_cap) - money(instruction.routed_today))
            share = min(abs(share), room) * _sign(share)
        routed, stays = split_by_gross(charge.amounts, share)
        if routed.gross == 0:
            return Routing(routes=(), stays=charge.amounts)
        route = Route(instruction=instruction.id, target=instruction.target, amounts=routed)
        return Routing(routes=(route,), stays=stays)
    return Routing(routes=(), stays=charge.amounts)


def check_instruction(
    *,
    codes: Iterable[str],
    departments: Iterable[str],
    start_date: dt.date | None,
    end_date: dt.date | None,
    percentage: Decimal | None,
    daily_cap: Decimal | None,
) -> TransferRefusal | None:
    """A routing instruction routes something, over coherent dates, by a sane share and cap."""
    if not list(codes) and not list(departments):
        return TransferRefusal.NOTHING_ROUTED
    if start_date is not None and end_date is not None and end_date < start_date:
        return TransferRefusal.DATES_REVERSED
    refusal = check_percentage(percentage)
    if refusal:
        return refusal
    if daily_cap is not None and not ZERO < money(daily_cap) <= MAX_AMOUNT:
        return TransferRefusal.CAP_NOT_POSITIVE
    return None
