"""Two agents checking different guests into the last clean room at once (PostgreSQL, threads):
exactly one gets it, the other a clear conflict."""

import datetime as dt

import pytest

from frontoffice.core.domain.errors import Conflict
from frontoffice.folios.services import transaction_codes_install
from frontoffice.frontdesk.services import check_in
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.tests.factories import make_hotel, make_user
from frontoffice.reservations.tests.services.test_booking import book
from frontoffice.reservations.tests.services.test_races import run_clients
from frontoffice.rooms.models import Room

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def traveller(n):
    return {
        "first_name": f"Guest{n}",
        "last_name": "Racer",
        "document_type": "passport",
        "document_number": f"P{n:07d}",
        "document_country": "FR",
        "nationality": "FR",
        "birth_date": dt.date(1980, 1, 1),
        "address": "1 rue de la Paix, Paris",
        "is_main": True,
    }


@pytest.mark.parametrize("clients", [2, 8])
def test_the_last_clean_room_goes_to_exactly_one_guest(clients):
    hotel = make_hotel(code="CIRACE", rooms={"DBL": clients})
    transaction_codes_install(property=hotel.property)
    today = hotel.property.business_date
    last = hotel.rooms[0]
    Room.objects.filter(property=hotel.property).exclude(pk=last.pk).update(condition="dirty")
    guests = [book(hotel, hotel.admin, arrival=today, nights=2, adults=1)[0] for _ in range(clients)]
    agents = [make_user(f"desk{i}", "front_desk_agent", hotel.property) for i in range(clients)]

    def work(i):
        return check_in(reservation=guests[i], actor=agents[i], travellers=[traveller(i)], room=last)

    outcomes = run_clients(clients, work)
    winners = [o for o in outcomes if isinstance(o, Reservation)]
    losers = [o for o in outcomes if isinstance(o, Conflict)]
    assert len(winners) == 1 and len(losers) == clients - 1, outcomes
    assert all(e.code == "room_occupied" for e in losers)
    assert Reservation.objects.filter(room=last, status="in_house").count() == 1
    assert Reservation.objects.filter(status="in_house").count() == 1
