"""Concurrency: agents assigning one free room to overlapping stays at once (PostgreSQL, threads)."""

from decimal import Decimal

import pytest

from frontoffice.core.domain.errors import Conflict
from frontoffice.frontdesk.services import room_assign, rooms_auto_assign
from frontoffice.frontdesk.tests.assignment_helpers import TODAY, add_suite, days, room, stay
from frontoffice.rates.services import rates_bulk_update
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.tests.factories import make_hotel, make_user
from frontoffice.reservations.tests.services.test_races import run_clients
from frontoffice.rooms.models import InventoryNight
from frontoffice.rooms.services import room_create

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desk():
    hotel = make_hotel(code="RACE", rooms={"DBL": 12, "SGL": 1})
    agents = [make_user(f"agent{i}", "front_desk_agent", hotel.property) for i in range(8)]
    return hotel, agents


def test_eight_agents_assigning_one_room_to_overlapping_stays_one_wins(desk):
    hotel, agents = desk
    stays = [stay(hotel, arrival=TODAY + days(i % 3), nights=3) for i in range(8)]  # all share a night
    target = room(hotel, "105")

    outcomes = run_clients(8, lambda i: room_assign(reservation=stays[i], room=target, actor=agents[i]))

    winners = [o for o in outcomes if isinstance(o, Reservation)]
    refusals = [o for o in outcomes if isinstance(o, Conflict)]
    assert len(winners) == 1, outcomes
    assert len(refusals) == 7, outcomes
    assert {r.code for r in refusals} == {"room_taken"}
    assert Reservation.objects.filter(room=target).count() == 1


def test_an_automatic_assignment_racing_manual_ones_never_doubles_a_room(desk):
    hotel, agents = desk
    arrivals = [stay(hotel) for _ in range(6)]
    numbers = ["101", "102", "103"]

    def work(i):
        if i == 0:
            return rooms_auto_assign(property=hotel.property, date=TODAY, actor=agents[0])
        return room_assign(reservation=arrivals[i], room=room(hotel, numbers[i % 3]), actor=agents[i])

    outcomes = run_clients(6, work)
    unexpected = [o for o in outcomes if isinstance(o, BaseException) and not isinstance(o, Conflict)]
    assert unexpected == []
    held = list(Reservation.objects.filter(arrival=TODAY, room__isnull=False).values_list("room_id", flat=True))
    assert len(held) == len(set(held))


def test_agents_upgrading_into_the_last_unsold_suite_at_once_one_wins(desk):
    hotel, agents = desk
    suites = [add_suite(hotel, "301")]
    suites += [
        room_create(
            property=hotel.property, actor=hotel.admin, number=f"30{i}", room_type=hotel.room_types["JRS"], floor=3
        )
        for i in (2, 3)
    ]
    rates_bulk_update(
        property=hotel.property,
        actor=hotel.admin,
        room_types=[hotel.room_types["JRS"]],
        rate_plans=[hotel.plans["BAR"]],
        start=TODAY,
        end=TODAY + days(10),
        values={"price": Decimal("250.00"), "extra_adult": Decimal("0"), "child": Decimal("0")},
    )
    stay(hotel, type_code="JRS")
    stay(hotel, type_code="JRS")  # two of three suites sold, not yet given rooms: one to spare
    doubles = [stay(hotel) for _ in range(3)]

    outcomes = run_clients(
        3,
        lambda i: room_assign(reservation=doubles[i], room=suites[i], actor=agents[i], reason="Loyal guest"),
    )

    winners = [o for o in outcomes if isinstance(o, Reservation)]
    refusals = [o for o in outcomes if isinstance(o, Conflict)]
    assert (len(winners), len(refusals)) == (1, 2), outcomes
    assert {r.code for r in refusals} == {"type_full"}
    suite_nights = InventoryNight.objects.filter(room_type=hotel.room_types["JRS"], date__in=[TODAY, TODAY + days(1)])
    assert sorted(suite_nights.values_list("sold", flat=True)) == [3, 3]
    assert Reservation.objects.filter(room__room_type__code="JRS").count() == 1
