"""Every API route × every role: allowed roles get through, others get 403; outsiders get 404."""

import datetime as dt
import itertools

import pytest

from frontoffice.core.roles import ROLE_PERMISSIONS, ROLES
from frontoffice.folios.services import (
    folio_for_reservation,
    folio_post_charge,
    folio_post_payment,
    transaction_codes_install,
)
from frontoffice.reservations.tests.api.conftest import ARRIVAL
from frontoffice.reservations.tests.factories import GuestFactory, make_hotel, make_user
from frontoffice.reservations.tests.services.test_booking import book

DEP = ARRIVAL + dt.timedelta(days=1)
_seq = itertools.count()


def unique():
    return f"X{next(_seq)}"


# (name, method, path, body factory, permission the route requires or None for any member)
ROUTES = [
    ("property", "GET", "/properties/TEST", None, None),
    ("room types", "GET", "/properties/TEST/room-types", None, "core.view_rates"),
    (
        "create room type",
        "POST",
        "/properties/TEST/room-types",
        lambda ctx: {"code": unique(), "name": "Suite", "base_occupancy": 2, "max_occupancy": 4},
        "core.manage_rooms",
    ),
    ("rooms", "GET", "/properties/TEST/rooms", None, "core.view_reservations"),
    (
        "create room",
        "POST",
        "/properties/TEST/rooms",
        lambda ctx: {"number": unique(), "room_type": "DBL", "floor": 9, "features": ["quiet"]},
        "core.manage_rooms",
    ),
    (
        "block room",
        "POST",
        "/properties/TEST/rooms/{room}/blocks",
        lambda ctx: {"kind": "out_of_service", "start": "2026-09-01", "end": "2026-09-03", "reason": "Paint"},
        "core.manage_rooms",
    ),
    ("rate plans", "GET", "/properties/TEST/rate-plans", None, "core.view_rates"),
    (
        "create rate plan",
        "POST",
        "/properties/TEST/rate-plans",
        lambda ctx: {"code": unique(), "name": "Package", "meal_plan": "HB", "parent": "BAR", "derive_amount": "30"},
        "core.manage_rates",
    ),
    (
        "bulk rates",
        "PUT",
        "/properties/TEST/rates",
        lambda ctx: {"room_type": "DBL", "rate_plan": "BAR", "from": "2026-07-01", "to": "2026-07-07", "price": "130"},
        "core.manage_rates",
    ),
    (
        "availability",
        "GET",
        f"/properties/TEST/availability?arrival={ARRIVAL}&departure={DEP}",
        None,
        "core.view_rates",
    ),
    ("guests", "GET", "/properties/TEST/guests", None, "core.view_reservations"),
    (
        "create guest",
        "POST",
        "/properties/TEST/guests",
        lambda ctx: {"first_name": "Eva", "last_name": unique(), "email": f"{unique().lower()}@example.com"},
        "core.manage_guests",
    ),
    ("companies", "GET", "/properties/TEST/companies", None, "core.view_reservations"),
    ("create company", "POST", "/properties/TEST/companies", lambda ctx: {"name": unique()}, "core.manage_guests"),
    ("reservations", "GET", "/properties/TEST/reservations", None, "core.view_reservations"),
    (
        "book",
        "POST",
        "/properties/TEST/reservations",
        lambda ctx: {
            "room_type": "DBL",
            "rate_plan": "BAR",
            "arrival": str(ARRIVAL),
            "departure": str(DEP),
            "adults": 1,
            "guest_id": ctx["guest"].pk,
        },
        "core.book",
    ),
    ("reservation", "GET", "/properties/TEST/reservations/{conf}", None, "core.view_reservations"),
    ("modify", "PATCH", "/properties/TEST/reservations/{conf}", lambda ctx: {"notes": "hello"}, "core.book"),
    ("cancel", "POST", "/properties/TEST/reservations/{conf}/cancel", lambda ctx: {"reason": "test"}, "core.cancel"),
    ("confirm option", "POST", "/properties/TEST/reservations/{option}/confirm", lambda ctx: {}, "core.book"),
    ("waitlist", "GET", "/properties/TEST/waitlist/confirmable", None, "core.view_reservations"),
    (
        "overbooking",
        "PUT",
        "/properties/TEST/overbooking",
        lambda ctx: {"room_type": "DBL", "from": "2026-08-01", "to": "2026-08-03", "rooms": 2},
        "core.manage_rates",
    ),
    ("folios", "GET", "/properties/TEST/reservations/{conf}/folios", None, "core.view_folios"),
    (
        "open folio window",
        "POST",
        "/properties/TEST/reservations/{conf}/folios",
        lambda ctx: {"window": 2},
        "core.post_charges",
    ),
    (
        "post charge",
        "POST",
        "/properties/TEST/folios/{folio}/postings",
        lambda ctx: {"transaction_code": "MINI", "unit_amount": "4.50", "quantity": 2},
        "core.post_charges",
    ),
    (
        "take payment",
        "POST",
        "/properties/TEST/folios/{folio}/payments",
        lambda ctx: {"method": "card", "amount": "10", "card_brand": "VISA", "card_last4": "4242"},
        "core.take_payments",
    ),
    (
        "refund",
        "POST",
        "/properties/TEST/folios/{folio}/refunds",
        lambda ctx: {"method": "card", "amount": "5", "reason": "Overpaid"},
        "core.refund",
    ),
    (
        "reverse charge",
        "POST",
        "/properties/TEST/postings/{charge}/reverse",
        lambda ctx: {"reason": "Posted twice"},
        "core.post_charges",
    ),
]


@pytest.fixture
def hotel(db):
    """Enough rooms for every route to book its own reservations."""
    return make_hotel(rooms={"DBL": 80, "SGL": 2})


def context(hotel):
    from django.utils import timezone

    guest = GuestFactory(property=hotel.property)
    (res,) = book(hotel, hotel.admin, guest=guest)
    (option,) = book(hotel, hotel.admin, guest=guest, tentative_until=timezone.now() + dt.timedelta(days=2))
    transaction_codes_install(property=hotel.property)
    folio = folio_for_reservation(reservation=res, actor=hotel.admin)
    charge = folio_post_charge(
        folio=folio, actor=hotel.admin, transaction_code=folio.property.transaction_codes.get(code="FB"), unit_amount=20
    )
    folio_post_payment(folio=folio, actor=hotel.admin, method="card", amount=30)  # 10.00 in the guest's favour
    return {
        "guest": guest,
        "conf": res.confirmation,
        "option": option.confirmation,
        "room": hotel.rooms[0].number,
        "folio": folio.pk,
        "charge": charge.pk,
    }


def call(api, method, path, body):
    return api.call(method, path, body if body is not None or method == "GET" else {})


@pytest.mark.parametrize("role", ROLES)
def test_every_route_admits_exactly_the_roles_holding_its_permission(role, hotel, api_as):
    user = make_user(f"user-{role}", role, hotel.property)
    api = api_as(user)
    perms = ROLE_PERMISSIONS[role]
    for name, method, path, body, perm in ROUTES:
        ctx = context(hotel)
        resp = call(api, method, path.format(**ctx), body(ctx) if body else None)
        if perm is None or perm in perms:
            assert 200 <= resp.status_code < 300, f"{role} {name}: {resp.status_code} {resp.content[:300]!r}"
        else:
            assert resp.status_code == 403, f"{role} {name}: {resp.status_code}"
            assert resp.json()["code"] == "permission_denied"


def test_a_user_of_another_property_gets_404_on_every_route(hotel, other_hotel, api_as):
    outsider = make_user("outsider", "administrator", other_hotel.property)
    api = api_as(outsider)
    for name, method, path, body, _perm in ROUTES:
        ctx = context(hotel)
        resp = call(api, method, path.format(**ctx), body(ctx) if body else None)
        assert resp.status_code == 404, f"{name}: {resp.status_code}"


def test_anonymous_callers_get_401_on_every_route(hotel, api_as):
    api = api_as()
    for name, method, path, body, _perm in ROUTES:
        ctx = context(hotel)
        resp = call(api, method, path.format(**ctx), body(ctx) if body else None)
        assert resp.status_code == 401, f"{name}: {resp.status_code}"


def test_role_table_matches_what_the_desk_expects():
    # A few rules stated plainly, so a change to the role table is a conscious one.
    assert "core.view_reservations" not in ROLE_PERMISSIONS["porter"]
    assert "core.book" not in ROLE_PERMISSIONS["concierge"]
    assert "core.override_price" not in ROLE_PERMISSIONS["front_desk_agent"]
    assert "core.override_price" in ROLE_PERMISSIONS["front_office_manager"]
    assert "core.manage_properties" in ROLE_PERMISSIONS["administrator"]
    assert "core.book" not in ROLE_PERMISSIONS["accountant"]
    assert {"core.view_folios", "core.post_charges", "core.take_payments"} <= ROLE_PERMISSIONS["front_desk_agent"]
    assert "core.refund" not in ROLE_PERMISSIONS["front_desk_agent"]
    assert "core.void_postings" not in ROLE_PERMISSIONS["front_desk_agent"]
    assert {"core.refund", "core.void_postings"} <= ROLE_PERMISSIONS["front_office_manager"]
    assert "core.post_charges" not in ROLE_PERMISSIONS["accountant"]


def test_only_administrators_create_properties(hotel, api_as):
    body = {"code": "NEW1", "name": "New hotel", "business_date": "2026-06-01"}
    manager = make_user("mgr", "front_office_manager", hotel.property)
    assert api_as(manager).post("/properties", body).status_code == 403
    resp = api_as(hotel.admin).post("/properties", body)
    assert resp.status_code == 201 and resp.json()["code"] == "NEW1"
    codes = [p["code"] for p in api_as(hotel.admin).get("/properties").json()]
    assert "NEW1" in codes and "TEST" in codes
    assert [p["code"] for p in api_as(manager).get("/properties").json()] == ["TEST"]


def test_a_superuser_acts_in_every_property(hotel, other_hotel, api_as):
    root = make_user("root", None, superuser=True)
    assert api_as(root).get("/properties/OTHER/reservations").status_code == 200
    assert {p["code"] for p in api_as(root).get("/properties").json()} >= {"TEST", "OTHER"}
