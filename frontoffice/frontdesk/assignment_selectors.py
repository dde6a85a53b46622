"""Reads for the room-assignment pages: the rooms that can take a stay, best first, with why."""

from dataclasses import dataclass, replace

from frontoffice.frontdesk.domain.assignment import Suggestion, suggest_rooms, wishes_of
from frontoffice.frontdesk.services.assignment import (
    arrival_of,
    occupancy,
    occupied_between,
    room_types_info,
    rooms_info,
)
from frontoffice.reservations.domain.status import Status
from frontoffice.reservations.models import Reservation


@dataclass(frozen=True)
class RoomChoice:
    number: str
    floor: int
    room_type: str
    status_code: str  # VC, VD, VI, OC, OD, OI
    features: list[str]
    upgrade: bool
    out_of_service: bool
    met: list[str]
    notes: list[str]
    cost: int


def room_choices(*, reservation: Reservation, limit: int = 30) -> tuple[list[RoomChoice], list[str]]:
    """The rooms that can take this stay (booked type first, then upgrades), best first, and the
    guest's room wishes. A handful of queries, whatever the size of the hotel."""
    prop = reservation.property
    res = reservation
    arrival = arrival_of(res)
    moving = res.status == Status.IN_HOUSE.value
    if moving:  # a guest in house moves for the nights left, from tonight
        arrival = replace(arrival, arrival=min(max(prop.business_date, res.arrival), res.departure))
    rooms = rooms_info(prop, arrival.arrival, res.departure)
    if moving:
        rooms = [r for r in rooms if r.id != res.room_id]
    types = room_types_info(prop)
    occupied = occupancy(occupied_between(prop, arrival.arrival, res.departure).exclude(pk=res.pk))
    party = list(
        Reservation.objects.filter(property=prop, party=res.party, room__isnull=False)
        .exclude(pk=res.pk)
        .values_list("room_id", flat=True)
    )
    party_size = Reservation.objects.filter(property=prop, party=res.party).count()
    suggestions: list[Suggestion] = suggest_rooms(
        arrival=arrival, rooms=rooms, room_types=types, occupied=occupied, today=prop.business_date,
        party_rooms=party, party_size=party_size,
    )[:limit]  # fmt: skip
    by_id = {r.id: r for r in rooms}
    codes = {t.id: t.code for t in types}
    in_house = {o.room for o in occupied if o.in_house}
    choices = []
    for s in suggestions:
        r = by_id[s.room]
        code = ("O" if r.id in in_house else "V") + {"dirty": "D", "clean": "C", "inspected": "I"}.get(r.condition, "D")
        choices.append(
            RoomChoice(
                number=r.number,
                floor=r.floor,
                room_type=codes.get(r.room_type, ""),
                status_code=code,
                features=sorted(r.features),
                upgrade=s.upgrade,
                out_of_service="out_of_service" in s.notes,
                met=sorted(s.met),
                notes=[n for n in s.notes if n not in ("dirty", "clean", "inspected", "out_of_service")],
                cost=s.cost,
            )
        )
    wishes = wishes_of(arrival.preferences, {f for r in rooms for f in r.features})
    return choices, sorted(wishes.required | wishes.wanted)
