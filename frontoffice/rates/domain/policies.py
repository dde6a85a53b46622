"""Cancellation, guarantee and no-show policies of a rate plan."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from frontoffice.core.domain.money import ZERO, money, percent_of


@dataclass(frozen=True)
class CancellationPolicy:
    """Free until ``free_hours`` before arrival (at the property's check-in time), then a penalty.

    ``penalty`` is one of none, first_night, percent (of the room total) or whole_stay.
    A non-refundable plan charges the whole stay from the moment it is booked.
    """

    refundable: bool = True
    free_hours: int = 24
    penalty: str = "first_night"
    percent: Decimal = ZERO

    def deadline(self, arrival_at: dt.datetime) -> dt.datetime | None:
        """The last moment cancellation is free, or None when it never is."""
        if not self.refundable:
            return None
        # Real hours, not clock hours: across a daylight-saving change the window keeps its length.
        return arrival_at.astimezone(dt.UTC) - dt.timedelta(hours=self.free_hours)

    def fee(self, *, now: dt.datetime, arrival_at: dt.datetime, first_night: Decimal, room_total: Decimal) -> Decimal:
        if self.refundable:
            deadline = self.deadline(arrival_at)
            if deadline is not None and now <= deadline:
                return ZERO
            return penalty_amount(self.penalty, self.percent, first_night=first_night, room_total=room_total)
        return money(room_total)


def penalty_amount(kind: str, percent: Decimal, *, first_night: Decimal, room_total: Decimal) -> Decimal:
    if kind == "none":
        return ZERO
    if kind == "first_night":
        return money(min(first_night, room_total))
    if kind == "percent":
        return percent_of(room_total, percent)
    if kind == "whole_stay":
        return money(room_total)
    raise ValueError(f"unknown penalty {kind!r}")


def deposit_due(*, guarantee: str, deposit_percent: Decimal, total: Decimal) -> Decimal:
    """The deposit a guarantee policy asks for (zero unless the policy is a deposit)."""
    if guarantee != "deposit":
        return ZERO
    return percent_of(total, deposit_percent)


def may_sell_plan(*, public: bool, plan_code: str, negotiated: set[str], manager: bool) -> bool:
    """A public plan is sold to anyone; a restricted one to companies that negotiated it, or by a manager."""
    return public or manager or plan_code in negotiated
