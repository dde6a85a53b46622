"""Changing a sold booking: agreed prices, restrictions, cancellation terms, rooms."""

import datetime as dt
from decimal import Decimal

import pytest

from frontoffice.core.domain.errors import InvalidInput, PermissionDenied
from frontoffice.rates.services import rate_plan_create, rates_bulk_update
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.services import reservation_cancel, reservation_modify
from frontoffice.reservations.tests.factories import assert_inventory_matches_bookings
from frontoffice.reservations.tests.services.test_booking import D, book


def set_rates(hotel, start, end, **values):
    rates_bulk_update(
        property=hotel.property,
        actor=hotel.admin,
        room_types=[hotel.room_types["DBL"]],
        rate_plans=[hotel.plans["BAR"]],
        start=start,
        end=end,
        values=values,
    )


def test_adding_a_night_keeps_the_agreed_price_of_the_others(hotel, agent):
    (res,) = book(hotel, agent, nights=3)
    set_rates(hotel, D, D + dt.timedelta(days=10), price=Decimal("180"))
    reservation_modify(reservation=res, actor=agent, departure=D + dt.timedelta(days=4))
    res.refresh_from_db()
    assert [n.price for n in res.nights_priced.all()] == [Decimal("100.00")] * 3 + [Decimal("180.00")]
    assert res.room_total == Decimal("480.00")


def test_a_rate_drop_is_not_given_away_by_a_change(hotel, agent):
    (res,) = book(hotel, agent, nights=2)
    set_rates(hotel, D, D + dt.timedelta(days=10), price=Decimal("60"))
    reservation_modify(
        reservation=res, actor=agent, details={"notes": "x"}, adults=2, departure=D + dt.timedelta(days=3)
    )
    res.refresh_from_db()
    assert res.room_total == Decimal("260.00")  # 2 × 100 agreed + 60 for the new night


def test_a_stop_sell_on_nights_already_held_does_not_block_adding_a_child(hotel, agent):
    (res,) = book(hotel, agent, nights=2)
    set_rates(hotel, D, D + dt.timedelta(days=1), closed=True)
    reservation_modify(reservation=res, actor=agent, children_ages=[6])
    res.refresh_from_db()
    assert res.room_total == Decimal("220.00")  # each night + the 10.00 child supplement


def test_a_stop_sell_still_refuses_new_nights(hotel, agent):
    from frontoffice.reservations.services import NoAvailability

    (res,) = book(hotel, agent, nights=2)
    set_rates(hotel, D + dt.timedelta(days=2), D + dt.timedelta(days=2), closed=True)
    with pytest.raises(NoAvailability) as exc:
        reservation_modify(reservation=res, actor=agent, departure=D + dt.timedelta(days=3))
    assert exc.value.errors[0]["code"] == "closed"


def test_a_non_refundable_booking_cannot_be_shortened_or_switched_by_an_agent(hotel, agent, manager):
    (res,) = book(hotel, agent, plan="NRF", nights=5)
    with pytest.raises(PermissionDenied) as exc:
        reservation_modify(reservation=res, actor=agent, departure=D + dt.timedelta(days=1))
    assert exc.value.code == "penalty_applies"
    with pytest.raises(PermissionDenied):
        reservation_modify(reservation=res, actor=agent, rate_plan=hotel.plans["BAR"])
    with pytest.raises(PermissionDenied):
        reservation_modify(
            reservation=res, actor=agent, arrival=D + dt.timedelta(days=30), departure=D + dt.timedelta(days=35)
        )
    res.refresh_from_db()
    assert res.room_total == Decimal("450.00") and res.nights == 5
    reservation_modify(reservation=res, actor=agent, departure=D + dt.timedelta(days=6))  # longer: fine
    reservation_modify(reservation=res, actor=manager, departure=D + dt.timedelta(days=1))  # a manager's call
    assert_inventory_matches_bookings(hotel.property)


def test_inside_the_deadline_a_flexible_booking_cannot_dodge_its_fee_by_moving(hotel, agent):
    import time_machine

    (res,) = book(hotel, agent, nights=2)
    inside = dt.datetime.combine(D, hotel.property.check_in_time, tzinfo=hotel.property.tz) - dt.timedelta(hours=10)
    with time_machine.travel(inside, tick=False):
        with pytest.raises(PermissionDenied):
            reservation_modify(
                reservation=res, actor=agent, arrival=D + dt.timedelta(days=30), departure=D + dt.timedelta(days=32)
            )
        cancelled = reservation_cancel(reservation=res, actor=agent, reason="no show up")
    assert cancelled.cancellation_fee == Decimal("100.00")


def test_a_booking_cannot_move_to_an_inactive_plan(hotel, agent):
    retired = rate_plan_create(
        property=hotel.property,
        actor=hotel.admin,
        code="OLD",
        name="Retired",
        parent=hotel.plans["BAR"],
        derive_percent=Decimal("-50"),
    )
    retired.active = False
    retired.save()
    (res,) = book(hotel, agent)
    with pytest.raises(InvalidInput):
        reservation_modify(reservation=res, actor=agent, rate_plan=retired)


def test_extending_into_a_night_when_the_room_is_taken_releases_the_room(hotel, agent):
    room = hotel.rooms[0]
    (first,) = book(hotel, agent, nights=2)
    (second,) = book(hotel, agent, arrival=D + dt.timedelta(days=2), nights=2)
    Reservation.objects.filter(pk__in=[first.pk, second.pk]).update(room=room)
    first.refresh_from_db()
    reservation_modify(reservation=first, actor=agent, departure=D + dt.timedelta(days=3))
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.room is None and second.room == room
    (third,) = book(hotel, agent, arrival=D + dt.timedelta(days=10), nights=1)
    Reservation.objects.filter(pk=third.pk).update(room=room)
    third.refresh_from_db()
    reservation_modify(reservation=third, actor=agent, departure=D + dt.timedelta(days=12))
    third.refresh_from_db()
    assert third.room == room  # still free on the added night: the guest keeps the room
