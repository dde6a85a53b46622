"""Concurrency: many clients racing for the last rooms never oversell (PostgreSQL, real threads)."""

import contextlib
import datetime as dt
import random
import threading

import pytest
from django.db import connections

from frontoffice.core.domain.errors import DomainError
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.services import NoAvailability, reservation_cancel, reservation_create, reservation_modify
from frontoffice.reservations.tests.factories import (
    GuestFactory,
    assert_inventory_matches_bookings,
    make_hotel,
    make_user,
)
from frontoffice.rooms.models import InventoryNight

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

D = dt.date(2026, 6, 15)


def run_clients(n, work):
    barrier = threading.Barrier(n)
    outcomes: list = [None] * n

    def client(i):
        try:
            barrier.wait(timeout=30)
            outcomes[i] = work(i)
        except BaseException as exc:  # recorded, asserted by the test
            outcomes[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a client hung (deadlock?)"
    return outcomes


def assert_inventory_true(hotel):
    assert_inventory_matches_bookings(hotel.property)


@pytest.fixture
def scarce():
    hotel = make_hotel(code="RACE", rooms={"DBL": 3, "SGL": 1})
    agents = [make_user(f"agent{i}", "reservations_agent", hotel.property) for i in range(32)]
    guests = [GuestFactory(property=hotel.property) for _ in range(32)]
    return hotel, agents, guests


def test_twenty_four_clients_racing_for_three_rooms_get_exactly_three(scarce):
    hotel, agents, guests = scarce

    def work(i):
        return reservation_create(
            property=hotel.property,
            actor=agents[i],
            room_type=hotel.room_types["DBL"],
            rate_plan=hotel.plans["BAR"],
            arrival=D,
            departure=D + dt.timedelta(days=3),
            guest=guests[i],
            adults=2,
        )

    outcomes = run_clients(24, work)
    successes = [o for o in outcomes if isinstance(o, list)]
    refusals = [o for o in outcomes if isinstance(o, NoAvailability)]
    unexpected = [o for o in outcomes if not isinstance(o, list | NoAvailability)]
    assert unexpected == []
    assert len(successes) == 3 and len(refusals) == 21
    assert Reservation.objects.filter(property=hotel.property, status="confirmed").count() == 3
    assert list(
        InventoryNight.objects.filter(room_type=hotel.room_types["DBL"], date__lt=D + dt.timedelta(days=3))
        .order_by("date")
        .values_list("sold", flat=True)
    ) == [3, 3, 3]
    assert_inventory_true(hotel)


def test_overlapping_stays_booked_changed_and_cancelled_at_once_keep_the_counters_true(scarce):
    hotel, agents, guests = scarce
    rng = random.Random(7)
    plans = [(rng.randrange(0, 6), rng.randrange(1, 4), rng.choice(["DBL", "SGL"])) for _ in range(32)]

    def work(i):
        start, nights, type_code = plans[i]
        made = reservation_create(
            property=hotel.property,
            actor=agents[i],
            room_type=hotel.room_types[type_code],
            rate_plan=hotel.plans["BAR"],
            arrival=D + dt.timedelta(days=start),
            departure=D + dt.timedelta(days=start + nights),
            guest=guests[i],
            adults=1,
        )
        res = made[0]
        if i % 3 == 0:
            reservation_cancel(reservation=res, actor=agents[i], reason="race")
        elif i % 3 == 1:
            with contextlib.suppress(NoAvailability):
                reservation_modify(reservation=res, actor=agents[i], departure=res.departure + dt.timedelta(days=1))
        return made

    outcomes = run_clients(32, work)
    unexpected = [o for o in outcomes if not isinstance(o, list | DomainError)]
    assert unexpected == []
    assert any(isinstance(o, list) for o in outcomes)
    assert_inventory_true(hotel)


def test_two_managers_blocking_one_room_at_once_take_it_out_once(scarce):
    from frontoffice.core.domain.errors import Conflict
    from frontoffice.rooms.models import RoomBlock
    from frontoffice.rooms.services import room_block_create

    hotel, _agents, _guests = scarce
    managers = [make_user(f"mgr{i}", "front_office_manager", hotel.property) for i in range(8)]
    room = hotel.rooms[0]

    def work(i):
        return room_block_create(
            room=room, actor=managers[i], kind="out_of_order", start=D, end=D + dt.timedelta(days=2), reason="Leak"
        )

    outcomes = run_clients(8, work)
    assert [type(o).__name__ for o in outcomes].count("RoomBlock") == 1
    assert all(isinstance(o, RoomBlock | Conflict) for o in outcomes)
    assert RoomBlock.objects.filter(room=room).count() == 1
    assert InventoryNight.objects.get(room_type=room.room_type, date=D).out_of_order == 1
