"""Front-desk list, day-at-a-glance and room-status routes × every role: allowed roles get
through, others get 403; a user of another property gets 404; anonymous callers 401."""

import pytest

from frontoffice.core.roles import ROLE_PERMISSIONS, ROLES
from frontoffice.reservations.tests.factories import GuestFactory, make_hotel, make_user
from frontoffice.reservations.tests.services.test_booking import book

VIEW = {"core.view_reservations"}
UPDATE = {"core.update_room_status"}

# (name, method, path, body, permissions of which the route needs any one)
ROUTES = [
    ("arrivals", "GET", "/properties/TEST/arrivals", None, VIEW),
    ("departures", "GET", "/properties/TEST/departures", None, VIEW),
    ("in-house", "GET", "/properties/TEST/in-house", None, VIEW),
    ("stayovers", "GET", "/properties/TEST/stayovers", None, VIEW),
    ("summary", "GET", "/properties/TEST/front-desk/summary", None, VIEW),
    ("room-status board", "GET", "/properties/TEST/room-status", None, VIEW | UPDATE),
    ("set room status", "PATCH", "/properties/TEST/rooms/101/status", {"condition": "dirty"}, UPDATE),
    ("bulk room status", "POST", "/properties/TEST/room-status/bulk", {"rooms": ["102"], "condition": "dirty"}, UPDATE),
]


@pytest.fixture
def hotel(db):
    hotel = make_hotel()
    book(hotel, hotel.admin, arrival=hotel.property.business_date, guest=GuestFactory(property=hotel.property))
    return hotel


def call(api, method, path, body):
    return api.call(method, path, body)


@pytest.mark.parametrize("role", ROLES)
def test_every_desk_list_and_room_status_route_admits_exactly_the_roles_holding_its_permission(role, hotel, api_as):
    api = api_as(make_user(f"user-{role}", role, hotel.property))
    perms = ROLE_PERMISSIONS[role]
    for name, method, path, body, needed in ROUTES:
        resp = call(api, method, path, body)
        if perms & needed:
            assert 200 <= resp.status_code < 300, f"{role} {name}: {resp.status_code} {resp.content[:300]!r}"
        else:
            assert resp.status_code == 403, f"{role} {name}: {resp.status_code}"
            assert resp.json()["code"] == "permission_denied"


def test_a_user_of_another_property_gets_404_on_every_desk_list_route(hotel, other_hotel, api_as):
    api = api_as(make_user("outsider", "administrator", other_hotel.property))
    for name, method, path, body, _perms in ROUTES:
        resp = call(api, method, path, body)
        assert resp.status_code == 404, f"{name}: {resp.status_code}"


def test_anonymous_callers_get_401_on_every_desk_list_route(hotel, api_as):
    api = api_as()
    for name, method, path, body, _perms in ROUTES:
        resp = call(api, method, path, body)
        assert resp.status_code == 401, f"{name}: {resp.status_code}"


def test_who_reads_the_desk_lists_and_who_keeps_room_status():
    # Stated plainly, so a change to the role table is a conscious one.
    keepers = {role for role, perms in ROLE_PERMISSIONS.items() if UPDATE & perms}
    assert keepers == {"front_desk_agent", "front_office_manager", "administrator"}
    board_readers = {role for role, perms in ROLE_PERMISSIONS.items() if (VIEW | UPDATE) & perms}
    assert "porter" not in board_readers and "concierge" in board_readers
