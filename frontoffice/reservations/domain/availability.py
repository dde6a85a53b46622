"""Availability and rates for a stay: which room types are free and what each plan costs.

Pure: the service loads inventory, prices and restrictions, this decides.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from frontoffice.rates.domain.pricing import Derivation, NightPrice, Quote, TaxRules, derive, occupancy_price, quote
from frontoffice.rates.domain.restrictions import OPEN, Block, DayRestrictions, check_restrictions


@dataclass(frozen=True)
class NightInventory:
    physical: int
    out_of_order: int
    sold: int
    overbooking: int = 0

    @property
    def free(self) -> int:
        """Rooms not yet sold (negative when overbooked)."""
        return self.physical - self.out_of_order - self.sold

    @property
    def sellable(self) -> int:
        """Rooms that may still be sold, counting the overbooking allowance."""
        return self.physical - self.out_of_order + self.overbooking - self.sold


EMPTY_NIGHT = NightInventory(0, 0, 0, 0)


@dataclass(frozen=True)
class PlanInfo:
    code: str
    parent_code: str | None = None
    derivation: Derivation = field(default_factory=Derivation)


@dataclass(frozen=True)
class RateOption:
    plan_code: str
    quote: Quote | None
    blocks: tuple[Block, ...] = ()

    @property
    def bookable(self) -> bool:
        return self.quote is not None and not self.blocks


@dataclass(frozen=True)
class RoomTypeAvailability:
    room_type_code: str
    available: int  # rooms free on every night (physical free, never negative)
    sellable: int  # including the overbooking allowance
    nights_free: tuple[int, ...]
    rates: tuple[RateOption, ...]
    blocks: tuple[Block, ...] = ()  # what blocks the room type whatever the plan


def rooms_free(nights: list[NightInventory]) -> tuple[int, int]:
    if not nights:
        return 0, 0
    return max(min(n.free for n in nights), 0), max(min(n.sellable for n in nights), 0)


def plan_prices(
    plan: PlanInfo, plans: dict[str, PlanInfo], loaded: dict[str, dict[dt.date, NightPrice]], dates: list[dt.date]
) -> dict[dt.date, NightPrice]:
    """Nightly prices of a plan; a derived plan follows its parent (through any depth)."""
    if plan.parent_code is None:
        own = loaded.get(plan.code, {})
        return {d: own[d] for d in dates if d in own}
    parent = plans.get(plan.parent_code)
    if parent is None:
        return {}
    parent_prices = plan_prices(parent, plans, loaded, dates)
    return {d: derive(p, plan.derivation) for d, p in parent_prices.items()}


def plan_restrictions(
    plan: PlanInfo, plans: dict[str, PlanInfo], loaded: dict[str, dict[dt.date, DayRestrictions]]
) -> dict[dt.date, DayRestrictions]:
    own = dict(loaded.get(plan.code, {}))
    if plan.parent_code and plan.parent_code in plans:
        inherited = plan_restrictions(plans[plan.parent_code], plans, loaded)
        for day, r in inherited.items():
            own[day] = own.get(day, OPEN).stricter(r)
    return own


def evaluate_room_type(
    *,
    room_type_code: str,
    base_occupancy: int,
    max_occupancy: int,
    arrival: dt.date,
    departure: dt.date,
    today: dt.date,
    adults: int,
    children_ages: list[int],
    inventory: dict[dt.date, NightInventory],
    plans: list[PlanInfo],
    prices: dict[str, dict[dt.date, NightPrice]],
    restrictions: dict[str, dict[dt.date, DayRestrictions]],
    taxes: TaxRules,
    rooms: int = 1,
) -> RoomTypeAvailability:
    """Rooms free and every plan's quote (or the reasons it cannot be sold) for one room type."""
    dates = [arrival + dt.timedelta(days=i) for i in range((departure - arrival).days)]
    nights = [inventory.get(d, EMPTY_NIGHT) for d in dates]
    available, sellable = rooms_free(nights)
    type_blocks: list[Block] = []
    persons = adults + len(children_ages)
    if persons > max_occupancy:
        type_blocks.append(
            Block(
                "over_occupancy",
                f"At most {max_occupancy} guests fit in this room type.",
                {"max": max_occupancy},
            )
        )
    if arrival < today:
        type_blocks.append(Block("arrival_in_past", "Arrival cannot be before the business date.", {}))
    if sellable < rooms:
        full = [d for d, n in zip(dates, nights, strict=True) if n.sellable < rooms]
        first = full[0] if full else arrival
        type_blocks.append(
            Block(
                "no_availability",
                f"No room of this type is free on {first.isoformat()}.",
                {"date": first, "nights": len(full)},
            )
        )
    by_code = {p.code: p for p in plans}
    options = []
    for plan in plans:
        prices_by_date = plan_prices(plan, by_code, prices, dates)
        blocks = check_restrictions(
            arrival=arrival,
            departure=departure,
            today=today,
            by_date=plan_restrictions(plan, by_code, restrictions),
        )
        missing = [d for d in dates if d not in prices_by_date]
        if missing:
            blocks.append(Block("no_rate", f"No price is loaded for {missing[0].isoformat()}.", {"date": missing[0]}))
            options.append(RateOption(plan.code, None, tuple(blocks)))
            continue
        nightly = [
            (
                d,
                occupancy_price(
                    prices_by_date[d],
                    adults=adults,
                    children=len(children_ages),
                    base_occupancy=base_occupancy,
                ),
            )
            for d in dates
        ]
        options.append(
            RateOption(
                plan.code,
                quote(nightly, taxes, adults=adults, children_ages=children_ages),
                tuple(blocks),
            )
        )
    return RoomTypeAvailability(
        room_type_code=room_type_code,
        available=available,
        sellable=sellable,
        nights_free=tuple(n.free for n in nights),
        rates=tuple(options),
        blocks=tuple(type_blocks),
    )


def total_of(option: RateOption) -> Decimal | None:
    return option.quote.total if option.quote else None
