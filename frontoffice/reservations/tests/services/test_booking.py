import datetime as dt
from decimal import Decimal

import pytest

from frontoffice.core.domain.errors import InvalidInput, PermissionDenied
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.selectors import availability_get
from frontoffice.reservations.services import NoAvailability, reservation_cancel, reservation_create
from frontoffice.reservations.tests.factories import GuestFactory
from frontoffice.rooms.models import InventoryNight

D = dt.date(2026, 6, 10)


def book(hotel, actor, *, type_code="DBL", plan="BAR", arrival=D, nights=2, **kw):
    guest = kw.pop("guest", None) or GuestFactory(property=hotel.property)
    return reservation_create(
        property=hotel.property,
        actor=actor,
        room_type=hotel.room_types[type_code],
        rate_plan=hotel.plans[plan],
        arrival=arrival,
        departure=arrival + dt.timedelta(days=nights),
        guest=guest,
        adults=kw.pop("adults", 2),
        **kw,
    )


def sold(hotel, type_code, day):
    return InventoryNight.objects.get(room_type=hotel.room_types[type_code], date=day).sold


def test_booking_takes_one_room_on_each_night_and_prices_every_night(hotel, agent):
    (res,) = book(hotel, agent, nights=3)
    assert res.status == "confirmed"
    assert [sold(hotel, "DBL", D + dt.timedelta(days=i)) for i in range(3)] == [1, 1, 1]
    assert InventoryNight.objects.filter(room_type=hotel.room_types["DBL"], date=D + dt.timedelta(days=3)).count() in (
        0,
        1,
    )
    assert res.room_total == Decimal("300.00")
    assert res.city_tax_total == Decimal("12.00")  # 2 adults × 3 nights × 2.00
    assert res.total == Decimal("312.00")
    assert res.nights_priced.count() == 3


def test_the_last_room_cannot_be_sold_twice(hotel, agent):
    book(hotel, agent, type_code="SGL", adults=1)
    book(hotel, agent, type_code="SGL", adults=1)
    with pytest.raises(NoAvailability) as exc:
        book(hotel, agent, type_code="SGL", adults=1)
    assert exc.value.code == "no_availability"
    assert sold(hotel, "SGL", D) == 2
    assert Reservation.objects.filter(room_type=hotel.room_types["SGL"]).count() == 2


def test_cancelling_releases_the_nights(hotel, agent):
    (res,) = book(hotel, agent)
    reservation_cancel(reservation=res, actor=agent, reason="Guest changed plans")
    assert sold(hotel, "DBL", D) == 0
    res.refresh_from_db()
    assert res.status == "cancelled"


def test_a_price_override_needs_the_right(hotel, agent):
    with pytest.raises(PermissionDenied):
        book(hotel, agent, nightly_price=Decimal("50"), override_reason="friend")
    assert Reservation.objects.count() == 0


def test_availability_reports_free_rooms_and_quotes_derived_plan(hotel, agent):
    book(hotel, agent)
    result = {
        r.room_type.code: r.result
        for r in availability_get(
            property=hotel.property, arrival=D, departure=D + dt.timedelta(days=2), adults=2, children_ages=[]
        )
    }
    assert result["DBL"].available == 4
    rates = {o.plan_code: o for o in result["DBL"].rates}
    assert rates["BAR"].quote.room_total == Decimal("200.00")
    assert rates["NRF"].quote.room_total == Decimal("180.00")
    assert any(b.code == "over_occupancy" for b in result["SGL"].blocks)


def test_bad_dates_are_refused_and_change_nothing(hotel, agent):
    with pytest.raises(InvalidInput):
        book(hotel, agent, nights=0)
    assert Reservation.objects.count() == 0


def test_prices_with_cents_come_back_exact_from_the_database(hotel, agent):
    from frontoffice.rates.services import rates_bulk_update

    rates_bulk_update(
        property=hotel.property,
        actor=hotel.admin,
        room_types=[hotel.room_types["DBL"]],
        rate_plans=[hotel.plans["BAR"]],
        start=D,
        end=D + dt.timedelta(days=1),
        values={"price": Decimal("99.99"), "extra_adult": Decimal("12.35"), "child": Decimal("0.10")},
    )
    (res,) = book(hotel, agent, adults=3, nights=2)
    assert [n.price for n in res.nights_priced.all()] == [Decimal("112.34"), Decimal("112.34")]
    assert res.room_total == Decimal("224.68")
    (family,) = book(hotel, agent, adults=2, children_ages=[5], nights=1)
    assert family.room_total == Decimal("100.09")
