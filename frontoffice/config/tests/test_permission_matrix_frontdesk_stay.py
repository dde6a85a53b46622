"""Check-in and check-out routes × every role: allowed roles get through, others 403; outsiders 404;
anonymous 401."""

import pytest

from frontoffice.core.roles import ROLE_PERMISSIONS, ROLES
from frontoffice.folios.services import transaction_codes_install
from frontoffice.frontdesk.services import check_in
from frontoffice.reservations.tests.factories import GuestFactory, make_hotel, make_user
from frontoffice.reservations.tests.services.test_booking import book

MAIN = {
    "first_name": "Ana",
    "last_name": "Ruiz",
    "document_type": "dni",
    "document_number": "12345678Z",
    "document_country": "ES",
    "nationality": "ES",
    "birth_date": "1985-03-02",
    "address": "Calle Mayor 1",
    "is_main": True,
}
WALK_IN = {"room_type": "DBL", "rate_plan": "BAR", "nights": 1, "guest": {"first_name": "W", "last_name": "I"}}

# (name, method, path, body, permission)
ROUTES = [
    ("check-in", "POST", "/properties/TEST/reservations/{arriving}/check-in", {"travellers": [MAIN]}, "core.check_in"),
    ("check-out", "POST", "/properties/TEST/reservations/{in_house}/check-out", {}, "core.check_in"),
    (
        "revert check-in",
        "POST",
        "/properties/TEST/reservations/{in_house}/revert-check-in",
        {"reason": "Wrong guest"},
        "core.override_front_desk",
    ),
    ("keys", "POST", "/properties/TEST/reservations/{in_house}/keys", {"count": 1}, "core.check_in"),
    ("walk-in", "POST", "/properties/TEST/walk-ins", WALK_IN, "core.book"),
    (
        "late check-out fee",
        "POST",
        "/properties/TEST/reservations/{in_house}/late-check-out-fee",
        {"amount": "20"},
        "core.post_charges",
    ),
    ("registration", "GET", "/properties/TEST/reservations/{in_house}/registration", None, "core.check_in"),
    ("registration card", "GET", "/properties/TEST/reservations/{in_house}/registration-card", None, "core.check_in"),
    (
        "guest registry",
        "GET",
        "/properties/TEST/guest-registry?date_from=2026-06-01&date_to=2026-06-01",
        None,
        "core.export_guest_registry",
    ),
]


@pytest.fixture
def hotel(db):
    hotel = make_hotel(rooms={"DBL": 40})
    transaction_codes_install(property=hotel.property)
    hotel.free_rooms = iter(hotel.rooms)
    return hotel


def context(hotel):
    today = hotel.property.business_date
    arriving, in_house = (
        book(hotel, hotel.admin, arrival=today, nights=1, adults=1, guest=GuestFactory(property=hotel.property))[0]
        for _ in range(2)
    )
    for res in (arriving, in_house):
        res.room = next(hotel.free_rooms)
        res.save(update_fields=["room"])
    check_in(reservation=in_house, actor=hotel.admin, travellers=[MAIN])
    return {"arriving": arriving.confirmation, "in_house": in_house.confirmation}


def call(api, method, path, body):
    return api.call(method, path, body if body is not None or method == "GET" else {})


@pytest.mark.parametrize("role", ROLES)
def test_every_desk_route_admits_exactly_the_roles_holding_its_permission(role, hotel, api_as):
    api = api_as(make_user(f"user-{role}", role, hotel.property))
    for name, method, path, body, perm in ROUTES:
        resp = call(api, method, path.format(**context(hotel)), body)
        if perm in ROLE_PERMISSIONS[role]:
            assert 200 <= resp.status_code < 300, f"{role} {name}: {resp.status_code} {resp.content[:300]!r}"
        else:
            assert resp.status_code == 403, f"{role} {name}: {resp.status_code}"
            assert resp.json()["code"] == "permission_denied"


def test_a_user_of_another_property_gets_404_on_every_desk_route(hotel, api_as):
    other = make_hotel(code="OTHER", rooms={"DBL": 1})
    api = api_as(make_user("outsider", "administrator", other.property))
    for name, method, path, body, _perm in ROUTES:
        assert call(api, method, path.format(**context(hotel)), body).status_code == 404, name


def test_anonymous_callers_get_401_on_every_desk_route(hotel, api_as):
    for name, method, path, body, _perm in ROUTES:
        assert call(api_as(), method, path.format(**context(hotel)), body).status_code == 401, name
