"""The room-assignment rule, without a database: which room each arriving guest gets, and why."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontoffice.frontdesk.domain.assignment import (
    ASSIGNED,
    KEPT,
    NO_ROOM,
    NO_ROOM_WITH_FEATURES,
    UNPLACED,
    UPGRADED,
    Arrival,
    Occupancy,
    Period,
    RoomInfo,
    RoomTypeInfo,
    assign_rooms,
    preferences_met_fraction,
    room_refusal,
    suggest_rooms,
    wishes_of,
)

TODAY = dt.date(2026, 6, 1)
STD, SUP, SUITE = 1, 2, 3
TYPES = [RoomTypeInfo(STD, 0, 2, "STD"), RoomTypeInfo(SUP, 1, 3, "SUP"), RoomTypeInfo(SUITE, 2, 4, "JRS")]


def day(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def room(pk, number=None, floor=1, type_=STD, **kw) -> RoomInfo:
    return RoomInfo(id=pk, number=number or str(pk), floor=floor, room_type=type_, **kw)


def arrival(pk, type_=STD, start=0, nights=2, **kw) -> Arrival:
    return Arrival(reservation=pk, room_type=type_, arrival=day(start), departure=day(start + nights), **kw)


def assign(arrivals, rooms, occupied=(), **kw):
    return assign_rooms(arrivals=arrivals, rooms=rooms, room_types=TYPES, occupied=occupied, today=TODAY, **kw)


# --- wishes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("preferences", "required", "wanted"),
    [
        (["accessible"], {"accessible"}, set()),
        (["Wheelchair"], {"accessible"}, set()),
        (["high_floor", "quiet_room"], set(), {"high_floor", "quiet"}),
        (["High floor"], set(), {"high_floor"}),
        (["floor:7"], set(), {"floor:7"}),
        (["sea_view"], set(), {"sea_view"}),
        (["feather_free_pillows", "late_check_out", "extra_towels"], set(), set()),
        (["balcony"], set(), set()),  # no room here has one: not a wish this hotel can meet
        ([], set(), set()),
    ],
)
def test_preferences_become_required_features_and_room_wishes(preferences, required, wanted):
    wishes = wishes_of(preferences, features={"quiet", "sea_view", "accessible"})
    assert wishes.required == required
    assert wishes.wanted == wanted


# --- hard rules -------------------------------------------------------------------------


def test_a_guest_gets_a_room_of_the_booked_type():
    (p,) = assign([arrival(1, SUP)], [room(10, type_=STD), room(20, type_=SUP)])
    assert (p.room, p.outcome, p.upgrade) == (20, ASSIGNED, False)


def test_an_upgrade_only_when_the_booked_type_is_full():
    rooms = [room(10, type_=STD), room(20, type_=SUP), room(30, type_=SUITE)]
    taken = [Occupancy(99, 10, day(0), day(5))]
    (p,) = assign([arrival(1, STD)], rooms, taken)
    assert (p.room, p.outcome, p.upgrade) == (20, UPGRADED, True)  # the nearest higher type


def test_an_upgrade_never_takes_the_room_a_guest_of_that_type_needs():
    rooms = [room(10, type_=STD), room(20, type_=SUP)]
    # Reservation 1 (STD) would be placed first by id, but its type is full; 2 booked SUP.
    taken = [Occupancy(99, 10, day(0), day(5))]
    placed = assign([arrival(1, STD, nights=4), arrival(2, SUP)], rooms, taken)
    assert [(p.room, p.outcome) for p in placed] == [(None, UNPLACED), (20, ASSIGNED)]
    assert placed[0].reason == NO_ROOM


def test_an_upgrade_skips_a_type_sold_out_on_a_night_of_the_stay():
    rooms = [room(10, type_=STD), room(20, type_=SUP), room(30, type_=SUITE)]
    taken = [Occupancy(99, 10, day(0), day(5))]
    # SUP's one room is free tonight but sold (not yet assigned) for tomorrow; the suite is not.
    spare = {(SUP, day(0)): 1, (SUP, day(1)): 0, (SUITE, day(0)): 1, (SUITE, day(1)): 1}
    (p,) = assign([arrival(1, STD)], rooms, taken, spare=spare)
    assert (p.room, p.outcome) == (30, UPGRADED)
    # The upgrade takes the suite's nights and gives the booked type's back.
    assert spare[(SUITE, day(0))] == spare[(SUITE, day(1))] == 0
    assert spare[(STD, day(0))] == spare[(STD, day(1))] == 1


def test_no_upgrade_when_every_higher_type_is_sold_out():
    rooms = [room(10, type_=STD), room(20, type_=SUP)]
    taken = [Occupancy(99, 10, day(0), day(5))]
    (p,) = assign([arrival(1, STD)], rooms, taken, spare={(SUP, day(0)): 1, (SUP, day(1)): 0})
    assert (p.room, p.outcome, p.reason) == (None, UNPLACED, NO_ROOM)


def test_a_kept_upgrade_holds_its_nights_in_the_higher_type():
    rooms = [room(10, type_=STD), room(20, type_=SUP), room(21, type_=SUP)]
    taken = [Occupancy(99, 10, day(0), day(5))]
    # Guest 1 was upgraded earlier and keeps room 20: with SUP's one spare night taken back by
    # guest 1, guest 2 (also STD) finds no higher room to spare.
    spare = {(SUP, day(0)): 1, (SUP, day(1)): 1}
    placed = assign([arrival(1, STD, room=20), arrival(2, STD)], rooms, taken, spare=spare)
    assert [(p.room, p.outcome) for p in placed] == [(20, KEPT), (None, UNPLACED)]


def test_no_downgrade_even_when_only_a_lower_type_is_free():
    (p,) = assign([arrival(1, SUP)], [room(10, type_=STD)])
    assert (p.room, p.outcome, p.reason) == (None, UNPLACED, NO_ROOM)


def test_an_upgrade_needs_beds_for_the_whole_party():
    rooms = [room(10, type_=STD), room(20, type_=SUP)]  # SUP sleeps 3
    taken = [Occupancy(99, 10, day(0), day(5))]
    (p,) = assign([arrival(1, STD, guests=4)], rooms, taken)
    assert p.room is None


@pytest.mark.parametrize(
    ("other_arrival", "other_departure", "free"),
    [
        (-3, 0, True),  # leaves the day we arrive: same-day turnover
        (2, 5, True),  # arrives the day we leave
        (-1, 1, False),
        (1, 2, False),
        (-5, 6, False),
    ],
)
def test_a_room_is_free_only_when_no_stay_overlaps_ours(other_arrival, other_departure, free):
    taken = [Occupancy(99, 10, day(other_arrival), day(other_departure))]
    (p,) = assign([arrival(1, start=0, nights=2)], [room(10)], taken)
    assert (p.room == 10) is free


def test_an_in_house_guest_past_departure_still_holds_the_room_today():
    overstay = [Occupancy(99, 10, day(-3), day(-1), in_house=True)]
    (p,) = assign([arrival(1)], [room(10), room(11)], overstay)
    assert p.room == 11


def test_never_an_out_of_order_room_but_out_of_service_as_a_last_resort():
    rooms = [
        room(10, out_of_order=(Period(day(1), day(3)),)),
        room(11, out_of_service=(Period(day(0), day(1)),)),
    ]
    (p,) = assign([arrival(1)], rooms)
    assert p.room == 11
    assert "out_of_service" in p.notes
    (p,) = assign([arrival(1)], [*rooms, room(12)])
    assert p.room == 12


def test_an_out_of_order_period_after_the_stay_does_not_matter():
    (p,) = assign([arrival(1, nights=2)], [room(10, out_of_order=(Period(day(2), day(4)),))])
    assert p.room == 10


def test_a_guest_needing_an_accessible_room_gets_one_or_none():
    rooms = [room(10), room(11, features=frozenset({"accessible"}))]
    (p,) = assign([arrival(1, preferences=("accessible",))], rooms)
    assert p.room == 11
    (p,) = assign([arrival(1, preferences=("accessible",))], [room(10)])
    assert (p.room, p.reason) == (None, NO_ROOM_WITH_FEATURES)


def test_accessible_rooms_are_kept_for_the_guests_who_need_them():
    rooms = [room(10, features=frozenset({"accessible"})), room(11)]
    placed = assign([arrival(1), arrival(2, preferences=("accessible",))], rooms)
    assert [p.room for p in placed] == [11, 10]


# --- today's arrivals: readiness --------------------------------------------------------


@pytest.mark.parametrize(
    ("conditions", "expected"),
    [
        ({10: "dirty", 11: "clean", 12: "inspected"}, 12),
        ({10: "dirty", 11: "clean"}, 11),
        ({10: "dirty"}, 10),
    ],
)
def test_todays_arrivals_get_inspected_then_clean_then_dirty_rooms(conditions, expected):
    rooms = [room(pk, condition=c) for pk, c in conditions.items()]
    (p,) = assign([arrival(1)], rooms)
    assert p.room == expected


def test_a_room_with_a_guest_due_out_comes_after_a_vacant_dirty_one():
    due_out = [Occupancy(99, 10, day(-2), day(0), in_house=True)]
    (p,) = assign([arrival(1)], [room(10, condition="inspected"), room(11, condition="dirty")], due_out)
    assert p.room == 11
    (p,) = assign([arrival(1)], [room(10, condition="inspected")], due_out)
    assert (p.room, p.notes) == (10, ("due_out",))


def test_readiness_does_not_matter_for_later_arrivals():
    rooms = [room(10, floor=5, condition="dirty"), room(11, floor=1, condition="inspected")]
    (p,) = assign([arrival(1, start=3, preferences=("high_floor",))], rooms)
    assert p.room == 10


# --- preferences ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("preferences", "expected"),
    [
        (("high_floor",), 40),
        (("low_floor",), 10),
        (("floor:2",), 20),
        (("quiet",), 21),
        (("quiet_room", "high_floor"), 41),
    ],
)
def test_wishes_choose_among_rooms_of_the_type(preferences, expected):
    rooms = [
        room(10, floor=1),
        room(20, floor=2),
        room(21, floor=2, features=frozenset({"quiet"})),
        room(40, floor=4),
        room(41, floor=4, features=frozenset({"quiet"})),
    ]
    (p,) = assign([arrival(1, start=1, preferences=preferences)], rooms)
    assert p.room == expected
    assert p.met == p.wished


def test_what_was_wished_and_met_is_reported():
    (p,) = assign([arrival(1, start=1, preferences=("quiet", "high_floor", "extra_towels"))], [room(10, floor=1)])
    assert p.wished == {"high_floor"}  # no quiet room in this hotel; towels are not about the room
    rooms = [room(10, floor=1), room(20, floor=2, features=frozenset({"quiet"}))]
    (p,) = assign([arrival(1, start=1, preferences=("quiet", "low_floor"))], rooms)
    assert p.wished == {"quiet", "low_floor"}
    assert len(p.met) == 1
    assert preferences_met_fraction([p]) == 0.5


def test_the_fraction_of_preferences_met_ignores_guests_without_wishes():
    assert preferences_met_fraction(assign([arrival(1)], [room(10)])) is None


# --- bookings of several rooms ----------------------------------------------------------


def test_rooms_of_one_booking_stay_together_on_one_floor_side_by_side():
    rooms = [room(pk, f"{floor}0{n}", floor=floor) for floor in (1, 2) for n, pk in ((1, floor * 10 + 1),)]
    rooms += [room(22, "202", floor=2), room(23, "203", floor=2), room(15, "105", floor=1)]
    party = [arrival(i, party="P1", start=1) for i in (1, 2, 3)]
    placed = assign(party, rooms)
    floors = {next(r.floor for r in rooms if r.id == p.room) for p in placed}
    assert floors == {2}
    assert {p.room for p in placed} == {21, 22, 23}


def test_a_family_asking_for_connecting_rooms_gets_a_connecting_pair():
    rooms = [
        room(10, "101"),
        room(11, "102"),
        room(12, "103", connects_to=13, features=frozenset({"connecting"})),
        room(13, "104", connects_to=12, features=frozenset({"connecting"})),
    ]
    party = [arrival(1, party="F", start=1, preferences=("connecting",)), arrival(2, party="F", start=1)]
    placed = assign(party, rooms)
    assert {p.room for p in placed} == {12, 13}
    assert "connecting" in placed[0].met


def test_a_bigger_booking_is_placed_before_single_rooms():
    rooms = [room(10, "101", floor=1), room(20, "201", floor=2), room(21, "202", floor=2)]
    placed = assign(
        [arrival(1, start=1, preferences=("floor:2",)), arrival(2, party="G", start=1), arrival(3, party="G", start=1)],
        rooms,
    )
    assert {placed[1].room, placed[2].room} == {20, 21}
    assert placed[0].room == 10


def test_vips_choose_before_other_guests():
    rooms = [room(10, floor=1), room(40, floor=4)]
    placed = assign(
        [
            arrival(1, start=1, preferences=("high_floor",)),
            arrival(2, start=1, preferences=("high_floor",), priority=2),
        ],
        rooms,
    )
    assert [p.room for p in placed] == [10, 40]


# --- stability --------------------------------------------------------------------------


def test_stays_already_assigned_keep_their_room():
    rooms = [room(10, floor=1), room(40, floor=4)]
    placed = assign([arrival(1, start=1, room=10, preferences=("high_floor",)), arrival(2, start=1)], rooms)
    assert [(p.room, p.outcome) for p in placed] == [(10, KEPT), (40, ASSIGNED)]


def test_a_reshuffle_places_everyone_afresh():
    rooms = [room(10, floor=1), room(40, floor=4)]
    placed = assign(
        [arrival(1, start=1, room=10, preferences=("high_floor",)), arrival(2, start=1)], rooms, reshuffle=True
    )
    assert [(p.room, p.outcome) for p in placed] == [(40, ASSIGNED), (10, ASSIGNED)]


# --- the manual check and suggestions ---------------------------------------------------


@pytest.mark.parametrize(
    ("occupied", "blocks", "refusal"),
    [
        ([], (), None),
        ([Occupancy(9, 10, day(1), day(3))], (), "room_taken"),
        ([Occupancy(9, 10, day(-1), day(1), in_house=True)], (), "room_occupied"),
        ([Occupancy(9, 10, day(-3), day(0), in_house=True)], (), None),  # due out today
        ([], (Period(day(1), day(2)),), "room_out_of_order"),
    ],
)
def test_a_manual_assignment_is_refused_for_a_room_not_free(occupied, blocks, refusal):
    r = room(10, out_of_order=blocks)
    assert room_refusal(room=r, arrival=day(0), departure=day(2), occupied=occupied, today=TODAY) == refusal


def test_suggestions_list_the_booked_type_first_then_upgrades_best_first():
    rooms = [room(10, condition="dirty"), room(11, condition="inspected"), room(20, type_=SUP), room(30, type_=SUITE)]
    taken = [Occupancy(9, 10, day(5), day(6))]
    out = suggest_rooms(arrival=arrival(1), rooms=rooms, room_types=TYPES, occupied=taken, today=TODAY)
    assert [(s.room, s.upgrade) for s in out] == [(11, False), (10, False), (20, True), (30, True)]
    assert out[0].notes == ("inspected",)


# --- properties -------------------------------------------------------------------------


@st.composite
def hotels(draw):
    n_rooms = draw(st.integers(1, 12))
    rooms = []
    for pk in range(1, n_rooms + 1):
        blocks = draw(st.lists(st.tuples(st.integers(-2, 8), st.integers(1, 4)), max_size=1))
        kind = draw(st.sampled_from(["out_of_order", "out_of_service"]))
        periods = tuple(Period(day(s), day(s + n)) for s, n in blocks)
        rooms.append(
            RoomInfo(
                id=pk,
                number=f"{pk:03d}",
                floor=draw(st.integers(1, 4)),
                room_type=draw(st.sampled_from([STD, SUP, SUITE])),
                features=frozenset(draw(st.sets(st.sampled_from(["accessible", "quiet", "sea_view"]), max_size=2))),
                condition=draw(st.sampled_from(["dirty", "clean", "inspected"])),
                connects_to=draw(st.one_of(st.none(), st.integers(1, n_rooms))),
                out_of_order=periods if kind == "out_of_order" else (),
                out_of_service=periods if kind == "out_of_service" else (),
            )
        )
    occupied = [
        Occupancy(1000 + i, draw(st.integers(1, n_rooms)), day(s), day(s + n), in_house=draw(st.booleans()))
        for i, (s, n) in enumerate(draw(st.lists(st.tuples(st.integers(-3, 8), st.integers(1, 4)), max_size=6)))
    ]
    arrivals = []
    for pk in range(1, draw(st.integers(1, 10)) + 1):
        start = draw(st.integers(0, 4))
        arrivals.append(
            Arrival(
                reservation=pk,
                room_type=draw(st.sampled_from([STD, SUP, SUITE])),
                arrival=day(start),
                departure=day(start + draw(st.integers(1, 4))),
                party=draw(st.sampled_from(["", "", "A", "B"])),
                guests=draw(st.integers(1, 4)),
                preferences=tuple(
                    draw(st.sets(st.sampled_from(["accessible", "quiet", "high_floor", "connecting"]), max_size=2))
                ),
                room=draw(st.one_of(st.none(), st.integers(1, n_rooms))),
                priority=draw(st.integers(0, 2)),
            )
        )
    return rooms, occupied, arrivals


def _stays(rooms, occupied, arrivals, placed, reshuffle):
    """Every (room, start, end) the assignment adds, plus what was there before."""
    return [(o.room, o.arrival, o.departure) for o in occupied] + [
        (p.room, a.arrival, a.departure) for a, p in zip(arrivals, placed, strict=True) if p.room is not None
    ]


PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(hotels(), st.booleans())
def test_no_new_placement_overlaps_another_stay_in_its_room(data, reshuffle):
    rooms, occupied, arrivals = data
    placed = assign(arrivals, rooms, occupied, reshuffle=reshuffle)
    new = [
        (p.room, a.arrival, a.departure)
        for a, p in zip(arrivals, placed, strict=True)
        if p.outcome in (ASSIGNED, UPGRADED)
    ]
    others = [(p.room, a.arrival, a.departure) for a, p in zip(arrivals, placed, strict=True) if p.room is not None]
    others += [
        (o.room, o.arrival, max(o.departure, day(1)) if o.in_house and o.departure < TODAY else o.departure)
        for o in occupied
    ]
    for r, s, e in new:
        clashes = [(r2, s2, e2) for r2, s2, e2 in others if r2 == r and s2 < e and s < e2]
        assert len(clashes) == 1, f"room {r} {s}–{e} clashes with {clashes}"  # only itself


@PROPERTY
@given(hotels(), st.booleans())
def test_never_an_out_of_order_room_never_a_lower_type_and_required_features_hold(data, reshuffle):
    rooms, occupied, arrivals = data
    by_id = {r.id: r for r in rooms}
    rank = {t.id: t.rank for t in TYPES}
    for a, p in zip(arrivals, assign(arrivals, rooms, occupied, reshuffle=reshuffle), strict=True):
        if p.outcome not in (ASSIGNED, UPGRADED):
            continue
        r = by_id[p.room]
        assert not any(b.overlaps(a.arrival, a.departure) for b in r.out_of_order)
        assert rank[r.room_type] >= rank[a.room_type]
        assert (r.room_type != a.room_type) == p.upgrade
        if "accessible" in a.preferences:
            assert "accessible" in r.features


@PROPERTY
@given(hotels())
def test_assigned_stays_are_untouched_unless_reshuffling(data):
    rooms, occupied, arrivals = data
    ids = {r.id for r in rooms}
    for a, p in zip(arrivals, assign(arrivals, rooms, occupied), strict=True):
        if a.room is not None and a.room in ids:
            assert (p.room, p.outcome) == (a.room, KEPT)
        else:
            assert p.outcome != KEPT
    for p in assign(arrivals, rooms, occupied, reshuffle=True):
        assert p.outcome != KEPT


@PROPERTY
@given(hotels(), st.booleans(), st.randoms(use_true_random=False))
def test_the_same_input_gives_the_same_rooms_whatever_the_order_of_rooms_and_stays(data, reshuffle, rnd):
    rooms, occupied, arrivals = data
    first = assign(arrivals, rooms, occupied, reshuffle=reshuffle)
    shuffled_rooms, shuffled_occupied = list(rooms), list(occupied)
    rnd.shuffle(shuffled_rooms)
    rnd.shuffle(shuffled_occupied)
    again = assign(arrivals, shuffled_rooms, shuffled_occupied, reshuffle=reshuffle)
    assert first == again


@PROPERTY
@given(hotels())
def test_an_upgrade_happens_only_when_no_room_of_the_booked_type_was_left(data):
    rooms, occupied, arrivals = data
    placed = assign(arrivals, rooms, occupied)
    # Upgrades come after everyone placed in their own type: with those stays in place, no room of
    # the upgraded guest's booked type (with the features it requires) is free for the stay.
    held = [
        Occupancy(a.reservation, p.room, a.arrival, a.departure)
        for a, p in zip(arrivals, placed, strict=True)
        if p.outcome in (KEPT, ASSIGNED)
    ]
    for a, p in zip(arrivals, placed, strict=True):
        if p.upgrade:
            same_type = [r for r in rooms if r.room_type == a.room_type]
            alone = assign([Arrival(**{**a.__dict__, "room": None})], same_type, [*occupied, *held])
            assert alone[0].room is None
