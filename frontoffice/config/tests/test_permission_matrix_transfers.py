"""Transfer, routing, house-folio, close and credit-limit routes × every role: allowed roles get
through, others get 403; a user of another property gets 404; anonymous callers 401."""

import pytest

from frontoffice.core.roles import ROLE_PERMISSIONS, ROLES
from frontoffice.folios.services import (
    folio_close,
    folio_for_reservation,
    folio_open_house,
    folio_post_charge,
    routing_instruction_create,
    transaction_codes_install,
)
from frontoffice.guests.models import Company
from frontoffice.reservations.tests.factories import GuestFactory, make_hotel, make_user
from frontoffice.reservations.tests.services.test_booking import book

# (name, method, path, body factory, permission the route requires)
ROUTES = [
    (
        "move posting",
        "POST",
        "/properties/TEST/postings/{charge}/transfer",
        lambda ctx: {"target_folio": ctx["window2"], "percentage": "50", "reason": "Company pays half"},
        "core.transfer_postings",
    ),
    (
        "transfer balance",
        "POST",
        "/properties/TEST/folios/{folio}/transfer-balance",
        lambda ctx: {"target_folio": ctx["window2"], "reason": "To company"},
        "core.transfer_postings",
    ),
    ("routing", "GET", "/properties/TEST/reservations/{conf}/routing-instructions", None, "core.view_folios"),
    (
        "create routing",
        "POST",
        "/properties/TEST/reservations/{conf}/routing-instructions",
        lambda ctx: {"target_folio": ctx["window2"], "departments": ["rooms"], "daily_cap": "120"},
        "core.transfer_postings",
    ),
    (
        "end routing",
        "POST",
        "/properties/TEST/routing-instructions/{instruction}/end",
        lambda ctx: {"reason": "Ended"},
        "core.transfer_postings",
    ),
    ("open house folio", "POST", "/properties/TEST/folios/house", lambda ctx: {"name": "Staff"}, "core.post_charges"),
    ("house folios", "GET", "/properties/TEST/folios/house", None, "core.view_folios"),
    ("close folio", "POST", "/properties/TEST/folios/{settled}/close", lambda ctx: {}, "core.take_payments"),
    (
        "reopen folio",
        "POST",
        "/properties/TEST/folios/{closed}/reopen",
        lambda ctx: {"reason": "Late charge"},
        "core.void_postings",
    ),
    (
        "credit limit",
        "PUT",
        "/properties/TEST/folios/{folio}/credit-limit",
        lambda ctx: {"credit_limit": "500"},
        "core.void_postings",
    ),
    (
        "payer",
        "PUT",
        "/properties/TEST/folios/{window2}/payer",
        lambda ctx: {"company": ctx["company"]},
        "core.transfer_postings",
    ),
]


@pytest.fixture
def hotel(db):
    return make_hotel(rooms={"DBL": 80, "SGL": 2})


def context(hotel):
    admin = hotel.admin
    (res,) = book(hotel, admin, guest=GuestFactory(property=hotel.property))
    transaction_codes_install(property=hotel.property)
    folio = folio_for_reservation(reservation=res, actor=admin)
    window2 = folio_for_reservation(reservation=res, actor=admin, window=2)
    settled = folio_for_reservation(reservation=res, actor=admin, window=3)
    closed = folio_close(folio=folio_for_reservation(reservation=res, actor=admin, window=4), actor=admin)
    charge = folio_post_charge(
        folio=folio, actor=admin, transaction_code=hotel.property.transaction_codes.get(code="FB"), unit_amount=20
    )
    instruction = routing_instruction_create(reservation=res, target_folio=window2, actor=admin, departments=["spa"])
    folio_open_house(property=hotel.property, actor=admin, name="Staff meals")
    return {
        "conf": res.confirmation,
        "folio": folio.pk,
        "window2": window2.pk,
        "settled": settled.pk,
        "closed": closed.pk,
        "charge": charge.pk,
        "instruction": instruction.pk,
        "company": Company.objects.create(property=hotel.property, name="Acme SL").pk,
    }


def call(api, method, path, body):
    return api.call(method, path, body if body is not None or method == "GET" else {})


@pytest.mark.parametrize("role", ROLES)
def test_every_transfer_route_admits_exactly_the_roles_holding_its_permission(role, hotel, api_as):
    api = api_as(make_user(f"user-{role}", role, hotel.property))
    perms = ROLE_PERMISSIONS[role]
    for name, method, path, body, perm in ROUTES:
        ctx = context(hotel)
        resp = call(api, method, path.format(**ctx), body(ctx) if body else None)
        if perm in perms:
            assert 200 <= resp.status_code < 300, f"{role} {name}: {resp.status_code} {resp.content[:300]!r}"
        else:
            assert resp.status_code == 403, f"{role} {name}: {resp.status_code}"
            assert resp.json()["code"] == "permission_denied"


def test_a_user_of_another_property_gets_404_on_every_transfer_route(hotel, other_hotel, api_as):
    api = api_as(make_user("outsider", "administrator", other_hotel.property))
    for name, method, path, body, _perm in ROUTES:
        ctx = context(hotel)
        resp = call(api, method, path.format(**ctx), body(ctx) if body else None)
        assert resp.status_code == 404, f"{name}: {resp.status_code}"


def test_anonymous_callers_get_401_on_every_transfer_route(hotel, api_as):
    api = api_as()
    for name, method, path, body, _perm in ROUTES:
        ctx = context(hotel)
        resp = call(api, method, path.format(**ctx), body(ctx) if body else None)
        assert resp.status_code == 401, f"{name}: {resp.status_code}"


def test_who_moves_money_between_folios():
    # Stated plainly, so a change to the role table is a conscious one.
    movers = {role for role, perms in ROLE_PERMISSIONS.items() if "core.transfer_postings" in perms}
    assert movers == {"front_desk_agent", "front_office_manager", "administrator"}
    assert "core.void_postings" not in ROLE_PERMISSIONS["front_desk_agent"]  # no reopening, no credit limits
