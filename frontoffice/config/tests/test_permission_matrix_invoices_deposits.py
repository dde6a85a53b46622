"""Every invoice and deposit route × every role: allowed roles pass, others get 403; outsiders 404; anonymous 401."""

from decimal import Decimal

import pytest

from frontoffice.core.roles import ROLE_PERMISSIONS, ROLES
from frontoffice.folios.services import (
    folio_for_reservation,
    folio_post_charge,
    invoice_issue,
    transaction_codes_install,
)
from frontoffice.reservations.tests.factories import make_hotel, make_user
from frontoffice.reservations.tests.services.test_booking import book

# (name, method, path, body, permission the route requires)
ROUTES = [
    ("issue invoice", "POST", "/properties/TEST/folios/{folio}/invoices", {"simplified": True}, "core.issue_invoices"),
    ("invoices", "GET", "/properties/TEST/invoices", None, "core.view_folios"),
    ("invoice", "GET", "/properties/TEST/invoices/{invoice}", None, "core.view_folios"),
    ("invoice pdf", "GET", "/properties/TEST/invoices/{invoice}/pdf", None, "core.view_folios"),
    (
        "credit note",
        "POST",
        "/properties/TEST/invoices/{invoice}/credit-note",
        {"reason": "Wrong payer"},
        "core.credit_invoices",
    ),
    ("deposits", "GET", "/properties/TEST/reservations/{conf}/deposits", None, "core.view_folios"),
    (
        "take deposit",
        "POST",
        "/properties/TEST/reservations/{conf}/deposits",
        {"method": "card", "amount": "20"},
        "core.take_payments",
    ),
    (
        "deposit schedule",
        "PUT",
        "/properties/TEST/reservations/{conf}/deposit-schedule",
        {"lines": [{"due_date": "2026-06-05", "amount": "50"}]},
        "core.take_payments",
    ),
]


@pytest.fixture
def hotel(db):
    hotel = make_hotel(rooms={"DBL": 60})
    transaction_codes_install(property=hotel.property)
    return hotel


def context(hotel):
    """A fresh folio with a charge and an issued invoice, for each call."""
    (res,) = book(hotel, hotel.admin)
    folio = folio_for_reservation(reservation=res, actor=hotel.admin)
    code = hotel.property.transaction_codes.get(code="FB")
    folio_post_charge(folio=folio, actor=hotel.admin, transaction_code=code, unit_amount=Decimal("20"))
    invoice = invoice_issue(folio=folio, actor=hotel.admin, simplified=True)
    folio_post_charge(folio=folio, actor=hotel.admin, transaction_code=code, unit_amount=Decimal("5"))
    return {"folio": folio.pk, "invoice": invoice.pk, "conf": res.confirmation}


def call(api, method, path, body):
    return api.call(method, path, body if body is not None or method == "GET" else {})


@pytest.mark.parametrize("role", ROLES)
def test_every_invoice_and_deposit_route_admits_exactly_the_roles_holding_its_permission(role, hotel, api_as):
    user = make_user(f"user-{role}", role, hotel.property)
    api = api_as(user)
    perms = ROLE_PERMISSIONS[role]
    for name, method, path, body, perm in ROUTES:
        resp = call(api, method, path.format(**context(hotel)), body)
        if perm in perms:
            assert 200 <= resp.status_code < 300, f"{role} {name}: {resp.status_code} {resp.content[:300]!r}"
        else:
            assert resp.status_code == 403, f"{role} {name}: {resp.status_code}"
            assert resp.json()["code"] == "permission_denied"


def test_a_user_of_another_property_gets_404_on_every_invoice_and_deposit_route(hotel, api_as):
    other = make_hotel(code="OTHER", rooms={"DBL": 1})
    outsider = make_user("outsider", "administrator", other.property)
    for name, method, path, body, _perm in ROUTES:
        resp = call(api_as(outsider), method, path.format(**context(hotel)), body)
        assert resp.status_code == 404, f"{name}: {resp.status_code}"


def test_anonymous_callers_get_401_on_every_invoice_and_deposit_route(hotel, api_as):
    for name, method, path, body, _perm in ROUTES:
        resp = call(api_as(), method, path.format(**context(hotel)), body)
        assert resp.status_code == 401, f"{name}: {resp.status_code}"
