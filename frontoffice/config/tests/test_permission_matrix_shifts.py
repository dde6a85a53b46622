"""Every cashier-shift route × every role: allowed roles get through, others get 403; outsiders
get 404; anonymous callers 401.

A route is allowed to a role holding any one of its permissions. Who takes payments works on
their own shift; who manages cashier shifts works on another cashier's.
"""

from decimal import Decimal

import pytest

from frontoffice.core.roles import ROLE_PERMISSIONS, ROLES
from frontoffice.folios.models import CashierShift, ShiftStatus
from frontoffice.folios.services import cashier_shift_close, cashier_shift_open
from frontoffice.reservations.tests.factories import make_hotel, make_user

TAKE = "core.take_payments"
MANAGE = "core.manage_cashier_shifts"

# (name, method, path, body factory, permissions of which the route needs one)
ROUTES = [
    ("open shift", "POST", "/properties/TEST/cashier-shifts", lambda ctx: {"opening_float": "100"}, {TAKE}),
    ("list shifts", "GET", "/properties/TEST/cashier-shifts?status=open", None, {TAKE, MANAGE}),
    ("current shift", "GET", "/properties/TEST/cashier-shifts/current", None, {TAKE}),
    ("shift report", "GET", "/properties/TEST/cashier-shifts/{shift}", None, {TAKE, MANAGE}),
    (
        "close shift",
        "POST",
        "/properties/TEST/cashier-shifts/{shift}/close",
        lambda ctx: {"counted": {"cash": "100.00"}},
        {TAKE, MANAGE},
    ),
]


@pytest.fixture
def hotel(db):
    return make_hotel(rooms={"DBL": 2})


def _close_open_shifts(hotel, user):
    for shift in CashierShift.objects.filter(property=hotel.property, cashier=user, status=ShiftStatus.OPEN):
        cashier_shift_close(shift=shift, actor=user, counted={"cash": Decimal("100")})


def _fresh_shift(hotel, user):
    """Close ``user``'s open shift at the hotel, if any, and open a new one."""
    _close_open_shifts(hotel, user)
    return cashier_shift_open(property=hotel.property, actor=user, opening_float=Decimal("100"))


def context(hotel, user, route):
    """The shift the route works on: the caller's own when they take payments, else another
    cashier's. Opening needs the caller to have no open shift."""
    own = user is not None and user.has_perm(TAKE)
    if route == "open shift":
        if own:
            _close_open_shifts(hotel, user)
        return {}
    shift = _fresh_shift(hotel, user if own else hotel.admin)
    return {"shift": shift.pk}


def call(api, method, path, body):
    return api.call(method, path, body if body is not None or method == "GET" else {})


@pytest.mark.parametrize("role", ROLES)
def test_every_shift_route_admits_exactly_the_roles_holding_its_permission(role, hotel, api_as):
    user = make_user(f"user-{role}", role, hotel.property)
    api = api_as(user)
    perms = ROLE_PERMISSIONS[role]
    for name, method, path, body, needed in ROUTES:
        ctx = context(hotel, user, name)
        resp = call(api, method, path.format(**ctx), body(ctx) if body else None)
        if needed & perms:
            assert 200 <= resp.status_code < 300, f"{role} {name}: {resp.status_code} {resp.content[:300]!r}"
        else:
            assert resp.status_code == 403, f"{role} {name}: {resp.status_code}"
            assert resp.json()["code"] == "permission_denied"


def test_a_user_of_another_property_gets_404_on_every_shift_route(hotel, other_hotel, api_as):
    outsider = make_user("outsider", "administrator", other_hotel.property)
    cashier_shift_open(property=other_hotel.property, actor=outsider, opening_float=Decimal("0"))
    api = api_as(outsider)
    for name, method, path, body, _perms in ROUTES:
        ctx = context(hotel, None, name)
        resp = call(api, method, path.format(**ctx), body(ctx) if body else None)
        assert resp.status_code == 404, f"{name}: {resp.status_code}"
    assert not CashierShift.objects.filter(property=hotel.property, cashier=outsider).exists()


def test_anonymous_callers_get_401_on_every_shift_route(hotel, api_as):
    api = api_as()
    for name, method, path, body, _perms in ROUTES:
        ctx = context(hotel, None, name)
        resp = call(api, method, path.format(**ctx), body(ctx) if body else None)
        assert resp.status_code == 401, f"{name}: {resp.status_code}"


def test_cashiering_rights_are_where_the_desk_expects_them():
    holders = {role for role, perms in ROLE_PERMISSIONS.items() if MANAGE in perms}
    assert holders == {"night_auditor", "front_office_manager", "accountant", "administrator"}
    assert TAKE in ROLE_PERMISSIONS["front_desk_agent"] and MANAGE not in ROLE_PERMISSIONS["front_desk_agent"]
