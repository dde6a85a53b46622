"""Choosing rooms for arrivals: the rule behind manual suggestions and automatic assignment.

Plain Python: the service loads rooms, blocks and the stays already holding rooms, passes them
here with the business date, and writes back what this module decides.

Hard rules (a room that breaks one is never chosen):

* the room is of the booked type, or of a *higher* type (greater ``rank``, enough beds for the
  party) and then only when no room of the booked type fits: that is an upgrade, and the result
  says so, so the service can record why;
* the room is free for the whole stay ``[arrival, departure)``: no other active stay overlaps
  (an in-house guest past the departure date still occupies the room through today);
* the room is not out of order on any night of the stay;
* the room has every feature the guest requires (``accessible``).

Among the rooms that pass, the cheapest by this cost wins (ties: lower floor, then room order):

===========================================  ====
out of service on a night of the stay         100
arriving today: occupied (guest due out)       60
arriving today: vacant dirty                   30
arriving today: vacant clean                    5
arriving today: vacant inspected                0
each wished-for feature or floor not met       20
another room of the booking on another floor   15
  … on the same floor but not adjacent          5
an accessible room for a guest not needing it   8
===========================================  ====

Wishes come from the guest profile's ``preferences``: ``accessible`` is required; ``high_floor``,
``low_floor``, ``floor:N``, ``quiet``/``quiet_room`` and any word that is a room feature of this
hotel (``sea_view``, ``balcony``, ``bathtub``…) are preferences. ``connecting`` in a booking of
several rooms asks for rooms that connect to each other. Other preferences (pillows, towels) are
not about the room and are not counted.

Placing order: stays already assigned keep their room (all are placed afresh with
``reshuffle``). The others are placed booking by booking (rooms of one ``party`` together): those
with required features first, then higher priority (VIP), larger bookings, longer stays, and by
reservation id. A first pass places everyone in the booked type; a second pass upgrades those
left over, so an upgrade never takes a room a guest of that type needs in the same run, and
(given the inventory) never one a guest of that type booked for a later night. Same input, same
output.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

OUT_OF_SERVICE_COST = 100
OCCUPIED_COST = 60
READINESS_COST = {"inspected": 0, "clean": 5, "dirty": 30}
UNMET_WISH_COST = 20
PARTY_OTHER_FLOOR_COST = 15
PARTY_NOT_ADJACENT_COST = 5
ACCESSIBLE_SPARED_COST = 8
ADJACENT = 2  # rooms at most this many places apart on a floor are neighbours

# Words guests use for what they need, and for what they would like.
REQUIRED = {"accessible": "accessible", "wheelchair": "accessible", "wheelchair_accessible": "accessible"}
ALIASES = {
    "quiet_room": "quiet",
    "high": "high_floor",
    "upper_floor": "high_floor",
    "low": "low_floor",
    "lower_floor": "low_floor",
    "connecting_rooms": "connecting",
    "bath": "bathtub",
}
FLOOR_WISHES = {"high_floor", "low_floor"}

# Why a placement failed.
NO_ROOM = "no_room"
NO_ROOM_WITH_FEATURES = "no_room_with_features"

# Outcomes.
KEPT = "kept"
ASSIGNED = "assigned"
UPGRADED = "upgraded"
UNPLACED = "unplaced"


@dataclass(frozen=True)
class Period:
    """Nights ``[start, end)`` a room is blocked."""

    start: dt.date
    end: dt.date

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        return self.start < end and start < self.end


@dataclass(frozen=True)
class RoomTypeInfo:
    id: int
    rank: int  # higher is a better category
    max_occupancy: int = 2
    code: str = ""


@dataclass(frozen=True)
class RoomInfo:
    id: int
    number: str
    floor: int
    room_type: int
    features: frozenset[str] = frozenset()
    condition: str = "clean"
    connects_to: int | None = None
    out_of_order: tuple[Period, ...] = ()
    out_of_service: tuple[Period, ...] = ()


@dataclass(frozen=True)
class Occupancy:
    """An active stay already holding a room (not one of the arrivals being placed)."""

    reservation: int
    room: int
    arrival: dt.date
    departure: dt.date
    in_house: bool = False


@dataclass(frozen=True)
class Arrival:
    reservation: int
    room_type: int
    arrival: dt.date
    departure: dt.date
    party: str = ""
    guests: int = 1
    preferences: tuple[str, ...] = ()
    room: int | None = None  # already assigned
    priority: int = 0  # e.g. VIP level: placed earlier


@dataclass(frozen=True)
class Wishes:
    required: frozenset[str] = frozenset()
    wanted: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Placement:
    reservation: int
    room: int | None
    outcome: str  # kept, assigned, upgraded, unplaced
    reason: str = ""  # why unplaced: no_room, no_room_with_features
    wished: frozenset[str] = frozenset()
    met: frozenset[str] = frozenset()
    notes: tuple[str, ...] = ()

    @property
    def upgrade(self) -> bool:
        return self.outcome == UPGRADED


@dataclass(frozen=True)
class Suggestion:
    room: int
    cost: int
    upgrade: bool
    met: frozenset[str]
    notes: tuple[str, ...]


def _word(value: str) -> str:
    return str(value).strip().lower().replace(" ", "_").replace("-", "_")


def wishes_of(preferences: Iterable[str], features: Iterable[str] = ()) -> Wishes:
    """What a guest's preferences ask of a room: ``features`` are the room features this hotel
    has, so a preference naming one counts; anything else that is not about the room is dropped."""
    known = {_word(f) for f in features}
    required, wanted = set(), set()
    for raw in preferences or ():
        word = _word(raw)
        if word in REQUIRED:
            required.add(REQUIRED[word])
            continue
        word = ALIASES.get(word, word)
        if word.startswith(("floor:", "floor_")) and word[6:].lstrip("-").isdigit():
            wanted.add(f"floor:{int(word[6:])}")
        elif word in FLOOR_WISHES or word == "connecting" or word in known:
            wanted.add(word)
    return Wishes(frozenset(required), frozenset(wanted))


def stay_blocked_by(room: RoomInfo, start: dt.date, end: dt.date) -> bool:
    return any(p.overlaps(start, end) for p in room.out_of_order)


def occupied_until(stay: Occupancy, today: dt.date) -> dt.date:
    """An in-house guest past the departure date still holds the room through tonight."""
    if stay.in_house and stay.departure < today:
        return today + dt.timedelta(days=1)
    return stay.departure


def room_refusal(
    *, room: RoomInfo, arrival: dt.date, departure: dt.date, occupied: Iterable[Occupancy], today: dt.date
) -> str | None:
    """Why this room cannot take the stay ``[arrival, departure)``, or ``None``: the check behind
    a manual assignment or move. ``occupied`` are the other active stays in the room."""
    if stay_blocked_by(room, arrival, departure):
        return "room_out_of_order"
    clash = [s for s in occupied if s.room == room.id and s.arrival < departure and arrival < occupied_until(s, today)]
    if any(s.in_house for s in clash):
        return "room_occupied"
    if clash:
        return "room_taken"
    return None


@dataclass
class _Hotel:
    rooms: dict[int, RoomInfo]
    types: dict[int, RoomTypeInfo]
    today: dt.date
    features: frozenset[str]
    position: dict[int, int]
    by_type: dict[int, list[RoomInfo]]
    by_floor: dict[int, list[RoomInfo]] = field(default_factory=dict)
    busy: dict[int, list[tuple[dt.date, dt.date]]] = field(default_factory=dict)
    in_house_now: set[int] = field(default_factory=set)
    high_floor: int = 0
    low_floor: int = 0

    @classmethod
    def of(cls, rooms: Sequence[RoomInfo], types: Sequence[RoomTypeInfo], occupied, today, skip=frozenset()):
        ordered = sorted(rooms, key=lambda r: (r.floor, r.number, r.id))
        floors = sorted({r.floor for r in rooms}) or [0]
        hotel = cls(
            rooms={r.id: r for r in ordered},
            types={t.id: t for t in types},
            today=today,
            features=frozenset(f for r in rooms for f in r.features),
            position={r.id: i for i, r in enumerate(ordered)},
            by_type={},
            # The upper half of the floors is "high", the lower half "low" (an odd middle floor is
            # neither; in a one-floor hotel it is both).
            high_floor=floors[min((len(floors) + 1) // 2, len(floors) - 1)],
            low_floor=floors[max(len(floors) // 2 - 1, 0)],
        )
        for r in ordered:
            hotel.by_type.setdefault(r.room_type, []).append(r)
            hotel.by_floor.setdefault(r.floor, []).append(r)
        for s in occupied:
            if s.reservation in skip or s.room not in hotel.rooms:
                continue
            hotel.take(s.room, s.arrival, occupied_until(s, today))
            if s.in_house:
                hotel.in_house_now.add(s.room)
        return hotel

    def take(self, room: int, start: dt.date, end: dt.date) -> None:
        self.busy.setdefault(room, []).append((start, end))

    def free(self, room: RoomInfo, start: dt.date, end: dt.date) -> bool:
        if stay_blocked_by(room, start, end):
            return False
        return not any(a < end and start < d for a, d in self.busy.get(room.id, ()))

    def rank(self, type_id: int) -> int:
        t = self.types.get(type_id)
        return t.rank if t else 0

    def upgrade_types(self, arrival: Arrival) -> list[int]:
        """Higher types with beds for the party, nearest first."""
        booked = self.types.get(arrival.room_type)
        if booked is None:
            return []
        higher = [
            t
            for t in self.types.values()
            if t.rank > booked.rank and t.max_occupancy >= max(arrival.guests, 1) and t.id != booked.id
        ]
        return [t.id for t in sorted(higher, key=lambda t: (t.rank, t.id))]

    def meets(self, wish: str, room: RoomInfo, stay: Arrival, party_rooms: Sequence[int], party_size: int) -> bool:
        if wish == "high_floor":
            return room.floor >= self.high_floor
        if wish == "low_floor":
            return room.floor <= self.low_floor
        if wish.startswith("floor:"):
            return room.floor == int(wish[6:])
        if wish == "connecting" and party_size > 1:
            if party_rooms:
                return any(room.connects_to == p or self.rooms[p].connects_to == room.id for p in party_rooms)
            partner = self.rooms.get(room.connects_to) if room.connects_to is not None else None
            return partner is not None and self.free(partner, stay.arrival, stay.departure)
        return wish in room.features


def _evaluate(
    hotel: _Hotel,
    arrival: Arrival,
    wishes: Wishes,
    room: RoomInfo,
    party_rooms: Sequence[int],
    party_size: int,
    party_left: Sequence[Arrival] = (),
) -> tuple[int, frozenset[str], tuple[str, ...]]:
    cost, notes = 0, []
    if any(p.overlaps(arrival.arrival, arrival.departure) for p in room.out_of_service):
        cost += OUT_OF_SERVICE_COST
        notes.append("out_of_service")
    if arrival.arrival <= hotel.today:
        if room.id in hotel.in_house_now:
            cost += OCCUPIED_COST
            notes.append("due_out")
        else:
            cost += READINESS_COST.get(room.condition, READINESS_COST["dirty"])
            notes.append(room.condition)
    met = frozenset(w for w in wishes.wanted if hotel.meets(w, room, arrival, party_rooms, party_size))
    cost += UNMET_WISH_COST * len(wishes.wanted - met)
    if party_rooms:
        mine = hotel.position[room.id]
        same_floor = [p for p in party_rooms if hotel.rooms[p].floor == room.floor]
        if not same_floor:
            cost += PARTY_OTHER_FLOOR_COST
        elif min(abs(hotel.position[p] - mine) for p in same_floor) > ADJACENT:
            cost += PARTY_NOT_ADJACENT_COST
            notes.append("party_same_floor")
        else:
            notes.append("party_adjacent")
    elif party_left:
        # The first room of a booking: leave space on its floor for the rooms still to place.
        types = {a.room_type for a in party_left}
        start, end = min(a.arrival for a in party_left), max(a.departure for a in party_left)
        room_for = sum(
            1
            for r in hotel.by_floor[room.floor]
            if r.id != room.id and r.room_type in types and hotel.free(r, start, end)
        )
        cost += PARTY_OTHER_FLOOR_COST * max(0, len(party_left) - room_for)
    if "accessible" in room.features and "accessible" not in wishes.required:
        cost += ACCESSIBLE_SPARED_COST
    return cost, met, tuple(notes)


def _candidates(
    hotel: _Hotel,
    arrival: Arrival,
    wishes: Wishes,
    type_id: int,
    party_rooms: Sequence[int],
    party_size: int,
    party_left: Sequence[Arrival] = (),
) -> list[tuple[int, int, RoomInfo, frozenset[str], tuple[str, ...]]]:
    out = []
    for room in hotel.by_type.get(type_id, ()):
        if not wishes.required <= room.features or not hotel.free(room, arrival.arrival, arrival.departure):
            continue
        cost, met, notes = _evaluate(hotel, arrival, wishes, room, party_rooms, party_size, party_left)
        out.append((cost, hotel.position[room.id], room, met, notes))
    out.sort(key=lambda c: (c[0], c[1]))
    return out


def suggest_rooms(
    *,
    arrival: Arrival,
    rooms: Sequence[RoomInfo],
    room_types: Sequence[RoomTypeInfo],
    occupied: Iterable[Occupancy],
    today: dt.date,
    party_rooms: Sequence[int] = (),
    party_size: int = 1,
) -> list[Suggestion]:
    """Every room that can take this stay, best first: the booked type, then upgrades by rank."""
    hotel = _Hotel.of(rooms, room_types, occupied, today, skip={arrival.reservation})
    wishes = wishes_of(arrival.preferences, hotel.features)
    out = []
    for type_id in [arrival.room_type, *hotel.upgrade_types(arrival)]:
        upgrade = type_id != arrival.room_type
        for cost, _pos, room, met, notes in _candidates(hotel, arrival, wishes, type_id, party_rooms, party_size):
            out.append(Suggestion(room.id, cost, upgrade, met, notes))
    return out


def party_of(a: Arrival) -> str:
    """The booking a stay belongs to (a stay without one is a booking of its own)."""
    return a.party or f"#{a.reservation}"


def _groups(arrivals: Sequence[Arrival], wishes: dict[int, Wishes]) -> list[list[Arrival]]:
    by_party: dict[str, list[Arrival]] = {}
    for a in arrivals:
        by_party.setdefault(party_of(a), []).append(a)
    groups = [sorted(g, key=lambda a: a.reservation) for g in by_party.values()]

    def key(group: list[Arrival]):
        return (
            not any(wishes[a.reservation].required for a in group),
            -max(a.priority for a in group),
            -len(group),
            -max((a.departure - a.arrival).days for a in group),
            min(a.reservation for a in group),
        )

    return sorted(groups, key=key)


def assign_rooms(
    *,
    arrivals: Sequence[Arrival],
    rooms: Sequence[RoomInfo],
    room_types: Sequence[RoomTypeInfo],
    occupied: Iterable[Occupancy],
    today: dt.date,
    reshuffle: bool = False,
    spare: dict[tuple[int, dt.date], int] | None = None,
) -> list[Placement]:
    """A placement for every arrival, in the order given (see the module docstring for the rule).

    ``spare`` counts, per (room type, night), the rooms of that type not sold to anyone, as if
    every arrival being placed held its booked type. An upgrade into a type then needs one to
    spare on each night of the stay (else it would leave a later guest of that type without a
    room); placing it gives the night back to the booked type. ``None``: no such limit.
    """
    placing = {a.reservation for a in arrivals}
    hotel = _Hotel.of(rooms, room_types, occupied, today, skip=placing)
    wishes = {a.reservation: wishes_of(a.preferences, hotel.features) for a in arrivals}
    party_size: dict[str, int] = {}
    for a in arrivals:
        party_size[party_of(a)] = party_size.get(party_of(a), 0) + 1
    # Connecting rooms are a wish of the whole booking, whoever of it asked.
    connecting = {party_of(a) for a in arrivals if "connecting" in wishes[a.reservation].wanted}
    for a in arrivals:
        if party_of(a) in connecting and party_size[party_of(a)] > 1:
            w = wishes[a.reservation]
            wishes[a.reservation] = Wishes(w.required, w.wanted | {"connecting"})
    party_rooms: dict[str, list[int]] = {}
    result: dict[int, Placement] = {}

    def nights(a: Arrival) -> list[dt.date]:
        return [a.arrival + dt.timedelta(days=i) for i in range((a.departure - a.arrival).days)]

    def may_hold(a: Arrival, type_id: int) -> bool:
        return spare is None or type_id == a.room_type or all(spare.get((type_id, d), 0) >= 1 for d in nights(a))

    def hold(a: Arrival, type_id: int) -> None:
        if spare is not None and type_id != a.room_type:
            for d in nights(a):
                spare[(type_id, d)] = spare.get((type_id, d), 0) - 1
                spare[(a.room_type, d)] = spare.get((a.room_type, d), 0) + 1

    def place(a: Arrival, room: RoomInfo, outcome: str, met, notes) -> None:
        hold(a, room.room_type)
        hotel.take(room.id, a.arrival, a.departure)
        party_rooms.setdefault(party_of(a), []).append(room.id)
        result[a.reservation] = Placement(a.reservation, room.id, outcome, "", wishes[a.reservation].wanted, met, notes)

    # Stays that keep their room hold it before anyone else is placed.
    to_place = []
    for a in arrivals:
        if a.room is not None and not reshuffle and a.room in hotel.rooms:
            room = hotel.rooms[a.room]
            _cost, met, notes = _evaluate(
                hotel, a, wishes[a.reservation], room, party_rooms.get(party_of(a), ()), party_size[party_of(a)]
            )
            hold(a, room.room_type)
            hotel.take(room.id, a.arrival, a.departure)
            party_rooms.setdefault(party_of(a), []).append(room.id)
            result[a.reservation] = Placement(
                a.reservation, room.id, KEPT, "", wishes[a.reservation].wanted, met, notes
            )
        else:
            to_place.append(a)

    groups = _groups(to_place, wishes)
    for upgrading in (False, True):
        for group in groups:
            for a in group:
                if a.reservation in result:
                    continue
                types = hotel.upgrade_types(a) if upgrading else [a.room_type]
                left = [x for x in group if x.reservation not in result and x.reservation != a.reservation]
                for type_id in types:
                    if not may_hold(a, type_id):
                        continue
                    found = _candidates(
                        hotel, a, wishes[a.reservation], type_id, party_rooms.get(party_of(a), ()),
                        party_size[party_of(a)], left,
                    )  # fmt: skip
                    if found:
                        _cost, _pos, room, met, notes = found[0]
                        place(a, room, UPGRADED if upgrading else ASSIGNED, met, notes)
                        break

    for a in to_place:
        if a.reservation not in result:
            why = _why_unplaced(hotel, a, may_hold)
            result[a.reservation] = Placement(
                a.reservation, None, UNPLACED, why, wishes[a.reservation].wanted, frozenset(), ()
            )
    return [result[a.reservation] for a in arrivals]


def _why_unplaced(hotel: _Hotel, a: Arrival, may_hold=lambda a, t: True) -> str:
    for type_id in [a.room_type, *hotel.upgrade_types(a)]:
        if may_hold(a, type_id) and any(hotel.free(r, a.arrival, a.departure) for r in hotel.by_type.get(type_id, ())):
            return NO_ROOM_WITH_FEATURES
    return NO_ROOM


def preferences_met_fraction(placements: Iterable[Placement]) -> float | None:
    """Wishes met ÷ wishes made over the placed stays; ``None`` when nobody wished for anything."""
    wished = met = 0
    for p in placements:
        if p.room is None:
            continue
        wished += len(p.wished)
        met += len(p.met)
    return met / wished if wished else None
