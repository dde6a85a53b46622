"""One property's bookings: planned in memory, written in bulk, recounted, with their history.

``planner_for`` sets the booking planner up for a property (its taxes, arrival times and
time zone); the benchmark builds its data with it too.
"""

import datetime as dt
import random
from collections.abc import Callable

from django.utils import timezone

from frontoffice.core.models import Property
from frontoffice.reservations.demo.building import Built
from frontoffice.reservations.demo.demand import Profile
from frontoffice.reservations.demo.history import history_write
from frontoffice.reservations.demo.housekeeping import room_conditions_set
from frontoffice.reservations.demo.offer import PlanModel, TypeModel, plan_models, type_models
from frontoffice.reservations.demo.planner import BookingPlanner
from frontoffice.reservations.demo.writing import inventory_recount, write_plan
from frontoffice.reservations.selectors import tax_rules
from frontoffice.reservations.services import arrival_moment
from frontoffice.rooms.models import RoomType


def planner_for(
    property: Property,
    *,
    rng: random.Random,
    today: dt.date,
    start: dt.date,
    end: dt.date,
    types: list[TypeModel],
    plans: dict[str, PlanModel],
    profile: Profile,
    agents: list[int] | None = None,
) -> BookingPlanner:
    """A planner for ``property``'s arrivals in ``[start, end)``, with ``today`` as the business date."""
    return BookingPlanner(
        rng=rng,
        business_date=today,
        now=timezone.now(),
        start=start,
        end=end,
        types=types,
        plans=plans,
        profile=profile,
        taxes=tax_rules(property),
        arrival_at=lambda day: arrival_moment(property, day),
        tz=property.tz,
        agents=agents,
    )


def seed_bookings(
    built: Built,
    *,
    today: dt.date,
    start: dt.date,
    end: dt.date,
    seed: int,
    advance: Callable[[int], None] | None = None,
) -> int:
    """Plan and write the bookings of one property; returns how many reservations were written."""
    prop = built.property
    horizon = (end - start).days + 9
    types = type_models(property=prop, start=start, horizon=horizon, weights=built.weights)
    plans = plan_models(
        property=prop,
        room_types=list(RoomType.objects.filter(property=prop)),
        start=start,
        horizon=horizon,
        cancel_rates=built.cancel_rates,
    )
    planner = planner_for(
        prop,
        rng=random.Random(f"{seed}-{prop.code}"),
        today=today,
        start=start,
        end=end,
        types=types,
        plans=plans,
        profile=built.profile,
        agents=built.agents,
    )
    plan = planner.plan(advance)
    written = write_plan(prop, plan)
    history_write(prop, plan, rng=random.Random(f"{seed}-{prop.code}-history"), now=planner.now)
    inventory_recount(prop)
    room_conditions_set(prop, today, random.Random(seed))
    return written
