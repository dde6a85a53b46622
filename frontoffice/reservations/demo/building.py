"""Configuration shared by the demo's properties, made through the services from data.

Room types and rate plans from lists of the services' arguments, a plan's prices loaded
season by season, restrictions set day by day, inventory rows for the planning window;
and ``Built``, what building a property hands to the booking planner.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from frontoffice.core.domain.money import money
from frontoffice.core.models import Property
from frontoffice.rates.models import RatePlan
from frontoffice.rates.services import MAX_BULK_DAYS, rate_plan_create, rates_bulk_update
from frontoffice.reservations.demo.demand import Profile
from frontoffice.reservations.demo.seasons import WEEKDAY_NIGHTS, WEEKEND_NIGHTS
from frontoffice.rooms.inventory import dates_between, inventory_ensure
from frontoffice.rooms.models import RoomType
from frontoffice.rooms.services import room_type_create

WEEKEND_PRICE = 0.85  # a Friday or Saturday night costs this much of a business-week night


@dataclass
class Built:
    """A property ready for its bookings: how it sells, which types are asked for, who books."""

    property: Property
    profile: Profile
    weights: dict[str, float]  # room type code -> share of demand
    cancel_rates: dict[str, float]  # rate plan code -> share of bookings cancelled
    agents: list[int]  # users who take phone, email and walk-in bookings
    notes: list[str] = field(default_factory=list)


def euros(value: float) -> Decimal:
    return money(Decimal(round(value)))


def rate_values(base: float, factor: float = 1.0, weekly: float = 1.0) -> dict[str, Decimal]:
    """A night's price for a plan priced at ``base``: season ``factor`` and weekday ``weekly`` applied.

    The extra-adult supplement is a quarter of the base, the child supplement 12 %.
    """
    return {"price": euros(base * factor * weekly), "extra_adult": euros(base * 0.25), "child": euros(base * 0.12)}


def room_types_create(*, property: Property, actor, specs: list[dict], first_sort_order: int = 0) -> dict:
    """Room types from ``room_type_create`` arguments, sorted as listed; returns them by code."""
    return {
        spec["code"]: room_type_create(property=property, actor=actor, sort_order=first_sort_order + i, **spec)
        for i, spec in enumerate(specs)
    }


def rate_plans_create(*, property: Property, actor, specs: dict[str, dict]) -> dict[str, RatePlan]:
    """Rate plans from ``rate_plan_create`` arguments by code, in order; ``parent`` names an earlier code."""
    plans: dict[str, RatePlan] = {}
    for code, spec in specs.items():
        parent = spec.get("parent")
        fields = {**spec, "parent": plans[parent]} if parent else spec
        plans[code] = rate_plan_create(property=property, actor=actor, code=code, **fields)
    return plans


def season_rates(
    *,
    property: Property,
    actor,
    room_type: RoomType,
    plan: RatePlan,
    base: int,
    start: dt.date,
    end: dt.date,
    factor: Callable[[dt.date], float],
    weekend: float = WEEKEND_PRICE,
) -> None:
    """Load a plan's prices: one bulk update per run of days with the same season factor and weekday group.

    Friday and Saturday nights cost ``weekend`` times a business-week night.
    """
    runs: list[tuple[dt.date, dt.date, float]] = []
    day = start
    while day <= end:
        f = factor(day)
        if runs and runs[-1][2] == f and runs[-1][1] == day - dt.timedelta(days=1):
            runs[-1] = (runs[-1][0], day, f)
        else:
            runs.append((day, day, f))
        day += dt.timedelta(days=1)
    longest = dt.timedelta(days=MAX_BULK_DAYS - 1)  # the service takes at most this many days at once
    pieces = []
    for first, last, f in runs:
        while last - first > longest:
            pieces.append((first, first + longest - dt.timedelta(days=1), f))
            first += longest
        pieces.append((first, last, f))
    for first, last, f in pieces:
        for weekdays, weekly in ((WEEKDAY_NIGHTS, 1.0), (WEEKEND_NIGHTS, weekend)):
            rates_bulk_update(
                property=property,
                actor=actor,
                room_types=[room_type],
                rate_plans=[plan],
                start=first,
                end=last,
                weekdays=weekdays,
                values=rate_values(base, f, weekly),
            )


def restrict_days(
    *,
    property: Property,
    actor,
    room_types: list[RoomType],
    rules: Iterable[tuple[Iterable[dt.date], list[RatePlan], dict]],
    start: dt.date,
    end: dt.date,
) -> None:
    """For each ``(days, plans, values)`` rule, set ``values`` on each of its days within ``[start, end]``."""
    for days, plans, values in rules:
        for day in sorted(d for d in days if start <= d <= end):
            rates_bulk_update(
                property=property,
                actor=actor,
                room_types=room_types,
                rate_plans=plans,
                start=day,
                end=day,
                values=values,
            )


def inventory_rows(property: Property, room_types: list[RoomType], start: dt.date, end: dt.date) -> None:
    """Inventory rows for every room type and night in ``[start, end)`` (physical and out of order counted)."""
    inventory_ensure(property_id=property.pk, keys={(rt.pk, d) for rt in room_types for d in dates_between(start, end)})
