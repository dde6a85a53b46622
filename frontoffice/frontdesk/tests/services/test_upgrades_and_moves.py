"""Upgrades move the stay's inventory to the room's type; room moves count the new room from the
move's night (SQLite and PostgreSQL)."""

from decimal import Decimal

import pytest

from frontoffice.core.domain.errors import Conflict
from frontoffice.core.models import Property
from frontoffice.frontdesk.assignment_selectors import room_choices
from frontoffice.frontdesk.services import room_assign, room_move, room_unassign, rooms_auto_assign
from frontoffice.frontdesk.tests.assignment_helpers import TODAY, add_suite, days, in_house, room, stay
from frontoffice.rates.services import rates_bulk_update
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.services import overbooking_set, reservation_cancel, reservation_modify
from frontoffice.rooms.models import InventoryNight


def nights_sold(hotel, type_code, first=0, count=2):
    rows = InventoryNight.objects.filter(room_type=hotel.room_types[type_code])
    held = dict(rows.values_list("date", "sold"))
    return [held.get(TODAY + days(i), 0) for i in range(first, first + count)]


def sell_suites(hotel, suite):
    """Load a price for the junior suite so that it can be booked."""
    rates_bulk_update(
        property=hotel.property,
        actor=hotel.admin,
        room_types=[suite.room_type],
        rate_plans=[hotel.plans["BAR"]],
        start=TODAY,
        end=TODAY + days(30),
        values={"price": Decimal("250.00"), "extra_adult": Decimal("20.00"), "child": Decimal("10.00")},
    )


def business_date(hotel, date):
    Property.objects.filter(pk=hotel.property.pk).update(business_date=date)
    hotel.property.refresh_from_db()


def check_out_directly(res, departure):
    Reservation.objects.filter(pk=res.pk).update(status="checked_out", departure=departure)


# --- upgrades ----------------------------------------------------------------------------


def test_an_upgrade_counts_the_stay_in_the_higher_type_and_keeps_the_booked_price(hotel, agent):
    suite = add_suite(hotel)
    res = stay(hotel)
    price = res.room_total
    room_assign(reservation=res, room=suite, actor=agent, reason="Anniversary")
    res.refresh_from_db()
    assert (res.room.number, res.room_type.code, res.room_type_charged.code) == ("301", "JRS", "DBL")
    assert res.room_total == price
    assert nights_sold(hotel, "DBL") == [0, 0]
    assert nights_sold(hotel, "JRS") == [1, 1]


def test_an_upgrade_that_would_leave_a_booked_guest_of_that_type_without_a_room_is_refused(hotel, agent):
    suite = add_suite(hotel)
    sell_suites(hotel, suite)
    stay(hotel, type_code="JRS", arrival=TODAY + days(1), nights=1)  # the only suite, sold for tomorrow
    res = stay(hotel)
    with pytest.raises(Conflict) as refused:
        room_assign(reservation=res, room=suite, actor=agent, reason="Anniversary")
    assert refused.value.code == "type_full"
    res.refresh_from_db()
    assert (res.room, res.room_type.code, res.room_type_charged) == (None, "DBL", None)
    assert nights_sold(hotel, "DBL") == [1, 1] and nights_sold(hotel, "JRS") == [0, 1]


def test_giving_up_an_upgrade_gives_the_nights_back_to_the_booked_type(hotel, agent):
    suite = add_suite(hotel)
    res = stay(hotel)
    room_assign(reservation=res, room=suite, actor=agent, reason="Anniversary")
    room_unassign(reservation=res, actor=agent)
    res.refresh_from_db()
    assert (res.room, res.room_type.code, res.room_type_charged) == (None, "DBL", None)
    assert nights_sold(hotel, "DBL") == [1, 1] and nights_sold(hotel, "JRS") == [0, 0]
    # And back in a room of the booked type, which needs no reason.
    room_assign(reservation=res, room=suite, actor=agent, reason="Anniversary")
    room_assign(reservation=res, room=room(hotel, "101"), actor=agent)
    res.refresh_from_db()
    assert (res.room.number, res.room_type.code, res.room_type_charged) == ("101", "DBL", None)
    assert nights_sold(hotel, "JRS") == [0, 0]


def test_changing_an_upgraded_booking_rebooks_it_in_the_type_it_pays_for(hotel, agent):
    suite = add_suite(hotel)
    res = stay(hotel)
    room_assign(reservation=res, room=suite, actor=agent, reason="Anniversary")
    reservation_modify(reservation=res, actor=hotel.admin, departure=TODAY + days(3))
    res.refresh_from_db()
    assert (res.room, res.room_type.code, res.room_type_charged) == (None, "DBL", None)
    assert res.room_total == Decimal("300.00")  # three nights at the double's price
    assert nights_sold(hotel, "DBL", count=3) == [1, 1, 1]
    assert nights_sold(hotel, "JRS") == [0, 0]


def test_cancelling_an_upgraded_booking_releases_the_type_it_held(hotel, agent):
    suite = add_suite(hotel)
    res = stay(hotel, arrival=TODAY + days(5))
    room_assign(reservation=res, room=suite, actor=agent, reason="Anniversary")
    reservation_cancel(reservation=res, actor=hotel.admin, reason="Plans changed")
    assert nights_sold(hotel, "DBL", first=5) == [0, 0] and nights_sold(hotel, "JRS", first=5) == [0, 0]


def test_automatic_upgrades_take_only_suites_no_one_else_booked(hotel, agent):
    add_suite(hotel)
    overbooking_set(
        property=hotel.property,
        actor=hotel.admin,
        room_type=hotel.room_types["DBL"],
        start=TODAY,
        end=TODAY + days(1),
        rooms=1,
    )
    guests = [stay(hotel) for _ in range(6)]  # six doubles for five double rooms
    summary = rooms_auto_assign(property=hotel.property, date=TODAY, actor=agent)
    assert (summary.assigned, summary.upgraded, summary.unplaced) == (5, 1, [])
    upgraded = Reservation.objects.get(pk__in=[g.pk for g in guests], room__number="301")
    assert (upgraded.room_type.code, upgraded.room_type_charged.code) == ("JRS", "DBL")
    assert nights_sold(hotel, "DBL") == [5, 5] and nights_sold(hotel, "JRS") == [1, 1]


def test_no_automatic_upgrade_into_a_suite_sold_for_a_later_night(hotel, agent):
    sell_suites(hotel, add_suite(hotel))
    overbooking_set(
        property=hotel.property,
        actor=hotel.admin,
        room_type=hotel.room_types["DBL"],
        start=TODAY,
        end=TODAY + days(1),
        rooms=1,
    )
    stay(hotel, type_code="JRS", arrival=TODAY + days(1), nights=1)
    for _ in range(6):
        stay(hotel)
    summary = rooms_auto_assign(property=hotel.property, date=TODAY, actor=agent)
    assert (summary.assigned, summary.upgraded, len(summary.unplaced)) == (5, 0, 1)
    assert nights_sold(hotel, "JRS") == [0, 1]


# --- room moves --------------------------------------------------------------------------


def test_a_guest_moves_into_a_room_another_guest_left_earlier_in_the_stay(hotel, agent):
    long_stay = in_house(stay(hotel, nights=4), room(hotel, "101"))
    short_stay = in_house(stay(hotel, nights=2), room(hotel, "102"))
    business_date(hotel, TODAY + days(2))
    check_out_directly(short_stay, TODAY + days(2))
    room_move(reservation=long_stay, to_room=room(hotel, "102"), actor=agent, reason="Noisy neighbours")
    long_stay.refresh_from_db()
    assert (long_stay.room.number, long_stay.room_since) == ("102", TODAY + days(2))
    # Room 102 is now held from the move's night to the departure: not free on the fourth night.
    later = stay(hotel, arrival=TODAY + days(3), nights=1)
    with pytest.raises(Conflict) as refused:
        room_assign(reservation=later, room=room(hotel, "102"), actor=agent)
    assert refused.value.code == "room_occupied"
    # Room 101 is free again from the move's night.
    room_assign(reservation=later, room=room(hotel, "101"), actor=agent)


def test_a_move_into_a_room_held_by_a_guest_still_to_come_is_refused(hotel, agent):
    guest = in_house(stay(hotel, nights=3), room(hotel, "101"))
    coming = stay(hotel, arrival=TODAY + days(2), nights=2)
    room_assign(reservation=coming, room=room(hotel, "102"), actor=agent)
    business_date(hotel, TODAY + days(1))
    with pytest.raises(Conflict) as refused:
        room_move(reservation=guest, to_room=room(hotel, "102"), actor=agent, reason="Bigger bed")
    assert refused.value.code == "room_taken"
    guest.refresh_from_db()
    assert (guest.room.number, guest.room_since) == ("101", None)


def test_a_move_to_another_type_mid_stay_moves_only_the_remaining_nights(hotel, agent):
    suite = add_suite(hotel)
    guest = in_house(stay(hotel, nights=4), room(hotel, "101"))
    business_date(hotel, TODAY + days(2))
    room_move(reservation=guest, to_room=suite, actor=agent, reason="Leaking shower")
    guest.refresh_from_db()
    assert (guest.room_type.code, guest.room_type_charged.code, guest.room_since) == ("JRS", "DBL", TODAY + days(2))
    assert nights_sold(hotel, "DBL", count=4) == [1, 1, 0, 0]
    assert nights_sold(hotel, "JRS", count=4) == [0, 0, 1, 1]


def test_the_move_page_suggests_rooms_free_for_the_nights_left(hotel, agent):
    long_stay = in_house(stay(hotel, nights=4), room(hotel, "101"))
    short_stay = in_house(stay(hotel, nights=2), room(hotel, "102"))
    for number in ("103", "104", "105"):  # the other doubles are held for the whole stay
        room_assign(reservation=stay(hotel, nights=4), room=room(hotel, number), actor=agent)
    business_date(hotel, TODAY + days(2))
    check_out_directly(short_stay, TODAY + days(2))
    long_stay.refresh_from_db()
    choices, _wishes = room_choices(reservation=long_stay)
    assert [c.number for c in choices if not c.upgrade] == ["102"]  # not 101, where the guest is
