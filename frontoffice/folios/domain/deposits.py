"""Deposits as plain rules: the schedule a guarantee policy asks for, what is paid and overdue,
and how much of a deposit settles a fee.

Money paid before arrival is not the hotel's revenue yet: it sits on the reservation's deposit
folio (the deposit ledger, a liability) until check-in or a fee moves it to the guest folio.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from frontoffice.core.domain.money import ZERO, money

# A deposit is asked for within this many days of booking, and never later than the arrival.
DAYS_TO_PAY = 7


@dataclass(frozen=True)
class Due:
    due_date: dt.date
    amount: Decimal


@dataclass(frozen=True)
class DueStatus:
    due_date: dt.date
    amount: Decimal
    paid: Decimal
    outstanding: Decimal
    overdue: bool


def default_schedule(*, amount: Decimal, booked_on: dt.date, arrival: dt.date) -> list[Due]:
    """One line for the whole deposit, due a week after booking or at arrival, whichever is first."""
    amount = money(amount)
    if amount <= 0:
        return []
    due = max(booked_on, min(booked_on + dt.timedelta(days=DAYS_TO_PAY), arrival))
    return [Due(due_date=due, amount=amount)]


def schedule_status(lines: list[Due], *, paid: Decimal, today: dt.date) -> list[DueStatus]:
    """Each line with what is paid against it, earliest due first; unpaid after its date is overdue."""
    left = max(money(paid), ZERO)
    result = []
    for line in sorted(lines, key=lambda d: d.due_date):
        covered = min(left, line.amount)
        left -= covered
        outstanding = line.amount - covered
        result.append(
            DueStatus(
                due_date=line.due_date,
                amount=line.amount,
                paid=covered,
                outstanding=outstanding,
                overdue=outstanding > 0 and line.due_date < today,
            )
        )
    return result


def deposit_to_apply(*, held: Decimal, fee: Decimal | None = None) -> Decimal:
    """What moves from the deposit to the guest folio: all of it at check-in, or no more than the
    fee when a cancellation or no-show fee is charged (the rest stays refundable)."""
    held = max(money(held), ZERO)
    if fee is None:
        return held
    return min(held, max(money(fee), ZERO))
