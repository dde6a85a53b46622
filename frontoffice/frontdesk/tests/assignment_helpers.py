"""Scenarios for the room-assignment tests: stays booked through the services, a suite type
above the test hotel's doubles, and guests already in house."""

import datetime as dt

from frontoffice.reservations.models import Reservation
from frontoffice.reservations.tests.factories import BUSINESS_DATE, GuestFactory
from frontoffice.reservations.tests.services.test_booking import book
from frontoffice.rooms.models import Room
from frontoffice.rooms.services import room_create, room_type_create

TODAY = BUSINESS_DATE


def stay(hotel, *, arrival=TODAY, nights=2, type_code="DBL", preferences=None, rooms=1, **kw) -> Reservation:
    guest = GuestFactory(property=hotel.property, preferences=preferences or [])
    made = book(hotel, hotel.admin, type_code=type_code, arrival=arrival, nights=nights, guest=guest, rooms=rooms, **kw)
    return made[0] if rooms == 1 else made


def room(hotel, number: str) -> Room:
    return Room.objects.get(property=hotel.property, number=number)


def add_suite(hotel, number: str = "301") -> Room:
    """A junior suite, a category above the doubles (sort order 5)."""
    suite = room_type_create(
        property=hotel.property, actor=hotel.admin, code="JRS", name_en="Junior suite", max_occupancy=3, sort_order=5
    )
    hotel.room_types["JRS"] = suite
    return room_create(property=hotel.property, actor=hotel.admin, number=number, room_type=suite, floor=3)


def in_house(res: Reservation, room_: Room) -> Reservation:
    """The guest checked in to ``room_`` (set directly: these tests are about rooms, not check-in)."""
    Reservation.objects.filter(pk=res.pk).update(status="in_house", room=room_)
    res.refresh_from_db()
    return res


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)
