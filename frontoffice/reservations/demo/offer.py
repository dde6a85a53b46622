"""What a property has to sell, in the booking planner's terms, read from the database.

Room types with their sellable rooms and capacity per night and the rooms' blocked
periods; rate plans with their resolved nightly prices and restrictions. Arrays are
indexed by day offset from the planning start.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from frontoffice.core.models import Property
from frontoffice.rates.domain.policies import CancellationPolicy
from frontoffice.rates.domain.pricing import NightPrice
from frontoffice.rates.domain.restrictions import DayRestrictions
from frontoffice.rates.models import RatePlan
from frontoffice.rates.selectors import daily_rates_load
from frontoffice.reservations.domain.availability import PlanInfo, plan_prices, plan_restrictions
from frontoffice.reservations.selectors import plan_infos
from frontoffice.reservations.services import cancellation_policy_of
from frontoffice.rooms.models import InventoryNight, Room, RoomBlock, RoomType


@dataclass
class RoomSlot:
    id: int
    blocked: list[tuple[int, int]] = field(default_factory=list)  # day offsets [start, end) not to be let


@dataclass
class TypeModel:
    """A room type as the planner sees it. Arrays are indexed by day offset from ``start``."""

    id: int
    code: str
    base_occupancy: int
    max_occupancy: int
    weight: float  # share of demand asking for this type
    sellable: list[int]  # physical - out of order
    capacity: list[int]  # sellable + overbooking: what ``sold`` may reach
    rooms: list[RoomSlot]
    sold: list[int] = field(default_factory=list)
    free_rooms: list[tuple[int, int]] = field(default_factory=list)  # heap of (free from offset, room index)


@dataclass
class PlanModel:
    id: int
    code: str
    meal_plan: str
    guarantee: str
    deposit_percent: Decimal
    policy: CancellationPolicy
    cancel_rate: float  # share of bookings that get cancelled (on top of those that stay)
    prices: dict[int, list[NightPrice | None]]  # room type id -> price per day offset
    restrictions: dict[int, dict[dt.date, DayRestrictions]]


def plan_models(
    *, property: Property, room_types: list[RoomType], start: dt.date, horizon: int, cancel_rates: dict[str, float]
) -> dict[str, PlanModel]:
    """Every active plan's nightly prices and restrictions, read back from the loaded daily rates.

    Derived plans are resolved through the same domain functions availability uses.
    """
    all_plans = list(RatePlan.objects.filter(property=property, active=True).select_related("parent"))
    _, infos = plan_infos(all_plans)
    by_code: dict[str, PlanInfo] = {i.code: i for i in infos}
    end = start + dt.timedelta(days=horizon)
    loaded_prices, loaded_restrictions = daily_rates_load(
        property=property, room_type_ids=[rt.pk for rt in room_types], start=start, end=end
    )
    dates = [start + dt.timedelta(days=i) for i in range(horizon)]
    models = {}
    for plan in all_plans:
        info = by_code[plan.code]
        prices, restrictions = {}, {}
        for rt in room_types:
            resolved = plan_prices(info, by_code, loaded_prices.get(rt.pk, {}), dates)
            prices[rt.pk] = [resolved.get(day) for day in dates]
            rules = plan_restrictions(info, by_code, loaded_restrictions.get(rt.pk, {}))
            if rules:
                restrictions[rt.pk] = rules
        models[plan.code] = PlanModel(
            id=plan.pk,
            code=plan.code,
            meal_plan=plan.meal_plan,
            guarantee=plan.guarantee,
            deposit_percent=plan.deposit_percent,
            policy=cancellation_policy_of(plan),
            cancel_rate=cancel_rates.get(plan.code, 0.1),
            prices=prices,
            restrictions=restrictions,
        )
    return models


def type_models(*, property: Property, start: dt.date, horizon: int, weights: dict[str, float]) -> list[TypeModel]:
    """Room types with their inventory per night (the rows must exist) and their rooms' blocks."""
    end = start + dt.timedelta(days=horizon)
    types = list(RoomType.objects.filter(property=property))
    rows = InventoryNight.objects.filter(property=property, date__gte=start, date__lt=end).values_list(
        "room_type_id", "date", "physical", "out_of_order", "overbooking"
    )
    sellable = {rt.pk: [0] * horizon for rt in types}
    capacity = {rt.pk: [0] * horizon for rt in types}
    for rt_id, day, physical, ooo, over in rows:
        i = (day - start).days
        sellable[rt_id][i] = physical - ooo
        capacity[rt_id][i] = physical - ooo + over
    rooms: dict[int, list[RoomSlot]] = {rt.pk: [] for rt in types}
    slots = {}
    for room in Room.objects.filter(property=property, active=True).order_by("number"):
        slots[room.pk] = RoomSlot(room.pk)
        rooms[room.room_type_id].append(slots[room.pk])
    for block in RoomBlock.objects.filter(property=property, released_at__isnull=True, end__gt=start, start__lt=end):
        if block.room_id in slots:
            slots[block.room_id].blocked.append(((block.start - start).days, (block.end - start).days))
    return [
        TypeModel(
            id=rt.pk,
            code=rt.code,
            base_occupancy=rt.base_occupancy,
            max_occupancy=rt.max_occupancy,
            weight=weights.get(rt.code, 0.0),
            sellable=sellable[rt.pk],
            capacity=capacity[rt.pk],
            rooms=rooms[rt.pk],
        )
        for rt in types
    ]
