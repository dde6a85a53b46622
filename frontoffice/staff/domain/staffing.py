"""Staffing rules: how many people each role needs on each shift of each day, from the size of
the property and its forecast (arrivals, departures and guests in house per day).

The rules, each configurable (``StaffingRules``):

* **front desk** — the morning shift handles the departures, the afternoon shift the arrivals: the
  busiest hour takes a share of the day's movements (``departure_peak_share``,
  ``arrival_peak_share``), and an agent handles ``check_outs_per_hour`` or ``check_ins_per_hour``;
  never fewer than ``desk_minimum`` on a day shift;
* **porters** — from ``porters_from_rooms`` rooms: one per ``luggage_moves_per_hour`` arrivals or
  departures in the shift's busiest hour;
* **concierge** — one on the day shifts when more guests than ``concierge_from_guests`` are in house;
* **night audit** — ``night_auditors`` every night;
* **reservations** and a **duty manager** — one on the office (or morning) shift from
  ``reservations_from_rooms`` and ``manager_from_rooms`` rooms;
* a **small property** (fewer rooms than ``one_person_below_rooms``) collapses every role into one
  person per shift: the front desk by day, the night auditor by night.

Plain Python: the service passes the property's rooms and the forecast in and writes the covers
of a schedule problem (the JSON format of ``problem.py``) out.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields


@dataclass(frozen=True)
class StaffingRules:
    check_ins_per_hour: int = 12
    check_outs_per_hour: int = 15
    arrival_peak_share: float = 0.35
    departure_peak_share: float = 0.4
    desk_minimum: int = 1
    porters_from_rooms: int = 60
    luggage_moves_per_hour: int = 12
    concierge_from_guests: int = 100
    night_auditors: int = 1
    reservations_from_rooms: int = 60
    manager_from_rooms: int = 40
    one_person_below_rooms: int = 20
    under_weight: int = 100
    over_weight: int = 10

    @classmethod
    def from_json(cls, data: dict | None) -> StaffingRules:
        """The rules with ``data``'s values over the defaults; unknown keys or bad values refused."""
        data = dict(data or {})
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ValueError(f"unknown staffing rules: {', '.join(unknown)}")
        values = {}
        for name, value in data.items():
            kind = float if known[name].type == "float" else int
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise ValueError(f"{name} must be a number of zero or more")
            if kind is float and not 0 < value <= 1:
                raise ValueError(f"{name} must be a share between 0 and 1")
            if kind is int and value != int(value):
                raise ValueError(f"{name} must be a whole number")
            values[name] = kind(value)
        rules = cls(**values)
        for name in ("check_ins_per_hour", "check_outs_per_hour", "luggage_moves_per_hour"):
            if getattr(rules, name) <= 0:
                raise ValueError(f"{name} must be at least 1")
        return rules

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class DayForecast:
    date: dt.date
    arrivals: int
    departures: int
    guests: int  # in house tonight


def _per_hour(count: int, share: float, capacity: int) -> int:
    return math.ceil(count * share / capacity) if count > 0 else 0


def needs(
    day: DayForecast, *, rooms: int, rules: StaffingRules, shifts: Sequence[str] = ("morning", "afternoon", "night")
) -> dict[tuple[str, str], int]:
    """(shift, role) → people needed on ``day`` (only the needs above zero)."""
    office = "office" if "office" in shifts else "morning"
    out: dict[tuple[str, str], int] = {}

    def need(shift: str, role: str, n: int) -> None:
        if n > 0 and shift in shifts:
            out[(shift, role)] = out.get((shift, role), 0) + n

    if rooms < rules.one_person_below_rooms:
        need("morning", "front_desk", 1)
        need("afternoon", "front_desk", 1)
        need("night", "night_audit", max(rules.night_auditors, 1))
        return out
    need(
        "morning",
        "front_desk",
        max(rules.desk_minimum, _per_hour(day.departures, rules.departure_peak_share, rules.check_outs_per_hour)),
    )
    need(
        "afternoon",
        "front_desk",
        max(rules.desk_minimum, _per_hour(day.arrivals, rules.arrival_peak_share, rules.check_ins_per_hour)),
    )
    need("night", "night_audit", rules.night_auditors)
    if rooms >= rules.porters_from_rooms:
        need(
            "morning",
            "porter",
            max(1, _per_hour(day.departures, rules.departure_peak_share, rules.luggage_moves_per_hour)),
        )
        need(
            "afternoon",
            "porter",
            max(1, _per_hour(day.arrivals, rules.arrival_peak_share, rules.luggage_moves_per_hour)),
        )
    if day.guests > rules.concierge_from_guests:
        need("morning", "concierge", 1)
        need("afternoon", "concierge", 1)
    if rooms >= rules.reservations_from_rooms:
        need(office, "reservations", 1)
    if rooms >= rules.manager_from_rooms:
        need(office, "manager", 1)
    return out


def covers(days: Iterable[DayForecast], *, rooms: int, rules: StaffingRules, shifts: Sequence[str]) -> list[dict]:
    """The covers of a schedule problem (its JSON form), one per day, shift and role needed."""
    out = []
    for day in days:
        for (shift, role), n in sorted(needs(day, rooms=rooms, rules=rules, shifts=shifts).items()):
            out.append(
                {
                    "date": day.date.isoformat(),
                    "shift": shift,
                    "role": role,
                    "min": n,
                    "under_weight": rules.under_weight,
                    "over_weight": rules.over_weight,
                }
            )
    return out
