"""Room assignment and move routes × every role: roles holding ``core.assign_rooms`` get through,
others get 403; a user of another property gets 404; anonymous callers 401."""

import pytest

from frontoffice.core.roles import ROLE_PERMISSIONS, ROLES
from frontoffice.frontdesk.tests.assignment_helpers import TODAY, in_house, room, stay
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.tests.factories import make_hotel, make_user

# (name, method, path, body factory, permission the route requires)
ROUTES = [
    (
        "assign room",
        "POST",
        "/properties/TEST/reservations/{booked}/assign-room",
        lambda ctx: {"room": "102"},
        "core.assign_rooms",
    ),
    ("unassign room", "POST", "/properties/TEST/reservations/{assigned}/unassign-room", None, "core.assign_rooms"),
    (
        "auto-assign arrivals",
        "POST",
        "/properties/TEST/arrivals/auto-assign",
        lambda ctx: {"date": TODAY.isoformat()},
        "core.assign_rooms",
    ),
    (
        "move room",
        "POST",
        "/properties/TEST/reservations/{in_house}/move-room",
        lambda ctx: {"room": ctx["free_room"], "reason": "Noise"},
        "core.assign_rooms",
    ),
]


@pytest.fixture
def hotel(db):
    return make_hotel(rooms={"DBL": 40, "SGL": 2})


def context(hotel, n: int):
    """Fresh stays for one round of calls; ``n`` keeps the rooms of each round apart."""
    booked = stay(hotel)
    assigned = stay(hotel)
    Reservation.objects.filter(pk=assigned.pk).update(room=room(hotel, f"1{10 + 2 * n:02d}"))
    guest = in_house(stay(hotel), room(hotel, f"1{11 + 2 * n:02d}"))
    return {
        "booked": booked.confirmation,
        "assigned": assigned.confirmation,
        "in_house": guest.confirmation,
        "free_room": f"1{30 + n:02d}",
    }


def call(api, method, path, body):
    return api.call(method, path, body if body is not None else {})


@pytest.mark.parametrize("role", ROLES)
def test_every_assignment_route_admits_exactly_the_roles_holding_its_permission(role, hotel, api_as):
    api = api_as(make_user(f"user-{role}", role, hotel.property))
    perms = ROLE_PERMISSIONS[role]
    for n, (name, method, path, body, perm) in enumerate(ROUTES):
        ctx = context(hotel, n)
        resp = call(api, method, path.format(**ctx), body(ctx) if body else None)
        if perm in perms:
            assert 200 <= resp.status_code < 300, f"{role} {name}: {resp.status_code} {resp.content[:300]!r}"
        else:
            assert resp.status_code == 403, f"{role} {name}: {resp.status_code}"
            assert resp.json()["code"] == "permission_denied"


def test_a_user_of_another_property_gets_404_on_every_assignment_route(hotel, other_hotel, api_as):
    api = api_as(make_user("outsider", "administrator", other_hotel.property))
    for n, (name, method, path, body, _perm) in enumerate(ROUTES):
        ctx = context(hotel, n)
        resp = call(api, method, path.format(**ctx), body(ctx) if body else None)
        assert resp.status_code == 404, f"{name}: {resp.status_code}"


def test_anonymous_callers_get_401_on_every_assignment_route(hotel, api_as):
    api = api_as()
    for n, (name, method, path, body, _perm) in enumerate(ROUTES):
        ctx = context(hotel, n)
        resp = call(api, method, path.format(**ctx), body(ctx) if body else None)
        assert resp.status_code == 401, f"{name}: {resp.status_code}"


def test_who_assigns_rooms():
    # Stated plainly, so a change to the role table is a conscious one.
    holders = {role for role, perms in ROLE_PERMISSIONS.items() if "core.assign_rooms" in perms}
    assert holders == {"front_desk_agent", "front_office_manager", "administrator"}
