"""Concurrency: agents assigning one free room to overlapping stays at once (PostgreSQL, threads)."""

import pytest

from frontoffice.core.domain.errors import Conflict
from frontoffice.frontdesk.services import room_assign, rooms_auto_assign
from frontoffice.frontdesk.tests.assignment_helpers import TODAY, days, room, stay
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.tests.factories import make_hotel, make_user
from frontoffice.reservations.tests.services.test_races import run_clients

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
