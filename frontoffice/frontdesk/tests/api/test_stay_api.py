"""The check-in and check-out API: status, body, side effects and refusals."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest

from frontoffice.folios.services import folio_for_reservation, folio_post_charge
from frontoffice.frontdesk.models import KeyIssue, Traveller
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.tests.factories import make_user
from frontoffice.reservations.tests.services.test_booking import book
from frontoffice.rooms.models import Room

PAIR = [
    {
        "first_name": "Ana",
        "last_name": "Ruiz",
        "document_type": "dni",
        "document_number": "12345678Z",
        "document_country": "ES",
        "nationality": "ES",
        "birth_date": "1985-03-02",
        "address": "Calle Mayor 1, Madrid",
        "is_main": True,
    },
    {
        "first_name": "Luis",
        "last_name": "Ruiz",
        "document_type": "dni",
        "document_number": "87654321X",
        "document_country": "ES",
        "nationality": "ES",
        "birth_date": "1984-07-09",
    },
]


@pytest.fixture
def arriving(hotel, agent, codes):
    (res,) = book(hotel, agent, arrival=hotel.property.business_date, nights=2, adults=2)
    Room.objects.filter(pk=hotel.rooms[0].pk).update(condition="inspected")
    return res


def url(res, action):
    return f"/properties/TEST/reservations/{res.confirmation}/{action}"


def test_check_in_assigns_the_room_registers_and_issues_keys(api_as, agent, hotel, arriving):
    resp = api_as(agent).post(url(arriving, "check-in"), {"travellers": PAIR, "room": hotel.rooms[0].number, "keys": 2})
    assert resp.status_code == 200, resp.content
    body = resp.json()
    assert (body["status"], body["room"]) == ("in_house", hotel.rooms[0].number)
    assert Traveller.objects.filter(reservation=arriving).count() == 2
    assert KeyIssue.objects.get(reservation=arriving).count == 2
    registration = api_as(agent).get(url(arriving, "registration")).json()
    assert [t["first_name"] for t in registration] == ["Ana", "Luis"]


def test_refusals_list_every_reason(api_as, agent, arriving):
    resp = api_as(agent).post(url(arriving, "check-in"), {"travellers": PAIR[:1]})
    assert resp.status_code == 409
    body = resp.json()
    assert body["code"] == "room_not_assigned"
    assert [e["code"] for e in body["errors"]] == ["room_not_assigned", "registration_incomplete"]
    assert api_as(agent).post(url(arriving, "check-in"), {"travellers": PAIR, "room": "999"}).status_code == 422
    assert api_as(agent).post(url(arriving, "check-in"), {"travellers": PAIR, "keys": 99}).status_code == 422
    arriving.refresh_from_db()
    assert arriving.status == "confirmed"


def test_check_out_refuses_a_balance_then_checks_out(api_as, agent, hotel, arriving, codes):
    api = api_as(agent)
    api.post(url(arriving, "check-in"), {"travellers": PAIR, "room": hotel.rooms[0].number})
    folio = folio_for_reservation(reservation=arriving, actor=agent)
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["FB"], unit_amount=Decimal("20"))
    refused = api.post(url(arriving, "check-out"), {})
    assert refused.status_code == 409 and refused.json()["code"] == "balance_due"
    api.post(f"/properties/TEST/folios/{folio.pk}/payments", {"method": "card", "amount": "20"})
    resp = api.post(url(arriving, "check-out"), {})
    assert resp.status_code == 200 and resp.json()["status"] == "checked_out"
    assert Room.objects.get(pk=hotel.rooms[0].pk).condition == "dirty"


def test_a_manager_reverts_a_check_in(api_as, agent, manager, hotel, arriving):
    api_as(agent).post(url(arriving, "check-in"), {"travellers": PAIR, "room": hotel.rooms[0].number})
    assert api_as(agent).post(url(arriving, "revert-check-in"), {"reason": "Wrong guest"}).status_code == 403
    resp = api_as(manager).post(url(arriving, "revert-check-in"), {"reason": "Wrong guest"})
    assert resp.status_code == 200 and resp.json()["status"] == "confirmed"


def test_keys_for_an_in_house_guest(api_as, agent, hotel, arriving):
    api = api_as(agent)
    assert api.post(url(arriving, "keys"), {"count": 1}).status_code == 409  # not in house yet
    api.post(url(arriving, "check-in"), {"travellers": PAIR, "room": hotel.rooms[0].number})
    resp = api.post(url(arriving, "keys"), {"count": 1})
    assert resp.status_code == 201 and resp.json() == {"room": hotel.rooms[0].number, "count": 1}


def test_a_walk_in_is_booked_for_tonight(api_as, agent, hotel):
    body = {
        "room_type": "DBL",
        "rate_plan": "BAR",
        "nights": 1,
        "adults": 2,
        "guest": {"first_name": "Walk", "last_name": "In", "email": "walk@example.com"},
    }
    resp = api_as(agent).post("/properties/TEST/walk-ins", body)
    assert resp.status_code == 201, resp.content
    res = Reservation.objects.get(confirmation=resp.json()["confirmation"])
    assert res.channel == "walk_in" and res.arrival == hotel.property.business_date
    assert api_as(agent).post("/properties/TEST/walk-ins", body | {"room_type": "NOPE"}).status_code == 422


def test_registration_card_pdf_and_guest_registry_csv(api_as, agent, manager, hotel, arriving):
    api_as(agent).post(url(arriving, "check-in"), {"travellers": PAIR, "room": hotel.rooms[0].number})
    card = api_as(agent).get(url(arriving, "registration-card"))
    assert card.status_code == 200 and card.content.startswith(b"%PDF")
    day = hotel.property.business_date
    registry_url = f"/properties/TEST/guest-registry?date_from={day}&date_to={day}"
    assert api_as(agent).get(registry_url).status_code == 403
    resp = api_as(manager).get(registry_url)
    assert resp.status_code == 200 and resp["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(resp.content.decode())))
    assert [(r["first_name"], r["document_number"], r["main_guest"]) for r in rows] == [
        ("Ana", "12345678Z", "yes"),
        ("Luis", "87654321X", "no"),
    ]
    earlier = day - dt.timedelta(days=3)
    empty = api_as(manager).get(f"/properties/TEST/guest-registry?date_from={earlier}&date_to={earlier}")
    assert empty.content.decode().count("\n") == 1  # the header only
    bad = api_as(manager).get(f"/properties/TEST/guest-registry?date_from={day}&date_to={earlier}")
    assert bad.status_code == 422


def test_another_property_cannot_check_in_our_guests(api_as, other_hotel, arriving):
    outsider = make_user("outsider", "front_office_manager", other_hotel.property)
    assert api_as(outsider).post(url(arriving, "check-in"), {"travellers": PAIR}).status_code == 404


def test_a_late_check_out_fee_by_api(api_as, agent, hotel, arriving):
    api = api_as(agent)
    api.post(url(arriving, "check-in"), {"travellers": PAIR, "room": hotel.rooms[0].number})
    resp = api.post(url(arriving, "late-check-out-fee"), {"amount": "25"})
    assert resp.status_code == 201 and resp.json()["gross"] == "25.00"
    assert api.post(url(arriving, "late-check-out-fee"), {"amount": "-1"}).status_code == 422
    assert api.post(url(arriving, "check-out"), {}).json()["code"] == "balance_due"
