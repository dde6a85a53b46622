"""How a property sells, as the booking planner draws it: segments, stay lengths, targets.

A ``Profile`` holds a property's nightly occupancy target, its length-of-stay mix, the
guests' nationalities and its market ``Segment``s (when they book, on which plans and
channels, alone or as a group). Plain data: the properties and the benchmark fill it in.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Segment:
    code: str  # market segment
    weekday_weight: float  # arrivals Sunday to Thursday
    weekend_weight: float  # arrivals Friday and Saturday
    plans: dict[str, float]
    channels: dict[str, float]
    customer_type: str = "transient"
    contract_plans: frozenset[str] = frozenset()  # booked on these, the customer type is "contract"
    companies: list[int] = field(default_factory=list)
    travel_agents: list[int] = field(default_factory=list)
    group_rooms: tuple[int, int] | None = None
    solo_share: float = 0.3
    same_day: float = 0.06
    lead_mean: float = 15.0
    long_lead: float = 0.15  # share booked 61–180 days ahead
    tentative_share: float = 0.02
    notes: str = ""


@dataclass
class Profile:
    """How a property sells: demand per night, stay lengths, segments, guests."""

    occupancy: Callable[[dt.date], float]  # target share of sellable rooms per night
    segments: list[Segment]
    los: list[float]  # weights of 1..n nights
    nationalities: dict[str, float]
    child_share: float = 0.12
    walk_in_share: float = 0.45  # of same-day leisure bookings
    repeat_share: float = 0.12
    no_show_rate: float = 0.02
    parking_share: float = 0.08
    waitlist_max: int = 8
    assign_today_share: float = 0.5  # of today's arrivals with a room already assigned
    early_check_in_share: float = 0.12
    checked_out_today_share: float = 0.35
    special_request_share: float = 0.12
