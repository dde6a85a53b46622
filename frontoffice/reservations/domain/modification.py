"""Rules for changing a booking that is already sold.

A change is not a new sale of the nights the guest already holds:
- nights kept on the same room type and plan keep the price agreed at booking; only new
  nights are priced at today's rates. An occupancy change adjusts each kept night by the
  difference in supplements at today's rates, not by re-pricing the room;
- sale restrictions apply to what the change sells anew: a stop-sell to the added nights,
  closed-to-arrival and the stay/advance rules to a new arrival date, closed-to-departure to
  a new departure date. A change of room type or plan is a new sale: everything applies;
- once the cancellation penalty applies (inside the deadline, or a non-refundable rate),
  a change that would let the guest owe less (another plan, a later arrival, a lower
  total) is a partial cancellation: only a manager may make it.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from frontoffice.rates.domain.pricing import NightPrice, occupancy_price
from frontoffice.rates.domain.restrictions import Block

ARRIVAL_RULES = {"closed_to_arrival", "min_stay", "max_stay", "min_advance", "max_advance", "arrival_in_past"}


@dataclass(frozen=True)
class Occupancy:
    adults: int
    children: int


def blocks_for_change(
    blocks: list[Block],
    *,
    old_dates: set[dt.date],
    arrival_changed: bool,
    departure_changed: bool,
    same_product: bool,
) -> list[Block]:
    """The reasons that still refuse a change (see the module's rules)."""
    if not same_product:
        return list(blocks)
    kept = []
    for b in blocks:
        if b.code == "closed" and b.params.get("date") in old_dates:
            continue
        if b.code in ARRIVAL_RULES and not arrival_changed:
            continue
        if b.code == "closed_to_departure" and not departure_changed:
            continue
        if b.code == "no_rate":
            continue  # decided by nightly_prices_for_change, which knows which nights need a price
        kept.append(b)
    return kept


def nightly_prices_for_change(
    *,
    dates: list[dt.date],
    agreed: dict[dt.date, Decimal],
    current: dict[dt.date, NightPrice],
    same_product: bool,
    old: Occupancy,
    new: Occupancy,
    base_occupancy: int,
) -> tuple[dict[dt.date, Decimal], list[dt.date]]:
    """Prices of the changed stay's nights, and the nights that need a price none is loaded for."""
    prices: dict[dt.date, Decimal] = {}
    missing: list[dt.date] = []

    def today(day: dt.date, occ: Occupancy) -> Decimal:
        return occupancy_price(current[day], adults=occ.adults, children=occ.children, base_occupancy=base_occupancy)

    for day in dates:
        keep = same_product and day in agreed
        if keep and old == new:
            prices[day] = agreed[day]
        elif day not in current:
            missing.append(day)
        elif keep:
            prices[day] = max(agreed[day] + today(day, new) - today(day, old), Decimal("0.00"))
        else:
            prices[day] = today(day, new)
    return prices, missing


def change_needs_manager(
    *,
    penalty_now: Decimal,
    plan_changed: bool,
    arrival_changed: bool,
    old_room_total: Decimal,
    new_room_total: Decimal,
) -> bool:
    """Inside the cancellation terms, a change that lowers what the guest owes is a manager's call."""
    if penalty_now <= 0:
        return False
    return plan_changed or arrival_changed or new_room_total < old_room_total
