"""Every city ledger API route × every role: allowed roles get through, others get 403;
outsiders get 404; anonymous callers get 401."""

import itertools
from decimal import Decimal

import pytest

from frontoffice.core.roles import ROLE_PERMISSIONS, ROLES
from frontoffice.folios.services import (
    folio_transfer_to_account,
    receivable_payment_record,
    transaction_codes_install,
)
from frontoffice.folios.tests.receivables_helpers import folio_owing, make_account
from frontoffice.guests.models import Company
from frontoffice.reservations.tests.factories import make_hotel, make_user

_seq = itertools.count()


def unique():
    return f"R{next(_seq)}"


# (name, method, path, body factory, permission the route requires)
ROUTES = [
    ("accounts", "GET", "/properties/TEST/receivable-accounts", None, "core.view_receivables"),
    (
        "create account",
        "POST",
        "/properties/TEST/receivable-accounts",
        lambda ctx: {"company_id": ctx["new_company"], "number": unique(), "credit_limit": "500"},
        "core.manage_receivables",
    ),
    ("account", "GET", "/properties/TEST/receivable-accounts/{account}", None, "core.view_receivables"),
    (
        "update account",
        "PATCH",
        "/properties/TEST/receivable-accounts/{account}",
        lambda ctx: {"credit_limit": "9000"},
        "core.manage_receivables",
    ),
    ("open items", "GET", "/properties/TEST/receivable-accounts/{account}/open-items", None, "core.view_receivables"),
    (
        "record payment",
        "POST",
        "/properties/TEST/receivable-accounts/{account}/payments",
        lambda ctx: {"amount": "10", "method": "bank_transfer", "auto": True},
        "core.manage_receivables",
    ),
    (
        "allocate payment",
        "POST",
        "/properties/TEST/receivable-payments/{payment}/allocations",
        lambda ctx: {"allocations": [{"open_item_id": ctx["item"], "amount": "5"}]},
        "core.manage_receivables",
    ),
    (
        "statement",
        "GET",
        "/properties/TEST/receivable-accounts/{account}/statement?from=2026-06-01&to=2026-06-30",
        None,
        "core.view_receivables",
    ),
    ("aging", "GET", "/properties/TEST/receivables/aging", None, "core.view_receivables"),
    (
        "transfer to account",
        "POST",
        "/properties/TEST/folios/{folio}/transfer-to-account",
        lambda ctx: {"account_id": ctx["account"]},
        "core.direct_bill",
    ),
]


@pytest.fixture
def hotel(db):
    """Enough rooms for every route to book its own reservations."""
    hotel = make_hotel(rooms={"DBL": 60, "SGL": 2})
    transaction_codes_install(property=hotel.property)
    return hotel


def context(hotel):
    account = make_account(hotel, name=unique(), credit_limit="100000")
    item = folio_transfer_to_account(folio=folio_owing(hotel, "50.00"), account=account, actor=hotel.admin)
    payment = receivable_payment_record(account=account, actor=hotel.admin, amount=Decimal("20"), method="card")
    return {
        "account": account.pk,
        "item": item.pk,
        "payment": payment.pk,
        "folio": folio_owing(hotel, "40.00").pk,
        "new_company": Company.objects.create(property=hotel.property, name=unique()).pk,
    }


def call(api, method, path, body):
    return api.call(method, path, body if body is not None or method == "GET" else {})


@pytest.mark.parametrize("role", ROLES)
def test_every_receivables_route_admits_exactly_the_roles_holding_its_permission(role, hotel, api_as):
    user = make_user(f"user-{role}", role, hotel.property)
    api = api_as(user)
    perms = ROLE_PERMISSIONS[role]
    for name, method, path, body, perm in ROUTES:
        ctx = context(hotel)
        resp = call(api, method, path.format(**ctx), body(ctx) if body else None)
        if perm in perms:
            assert 200 <= resp.status_code < 300, f"{role} {name}: {resp.status_code} {resp.content[:300]!r}"
        else:
            assert resp.status_code == 403, f"{role} {name}: {resp.status_code}"
            assert resp.json()["code"] == "permission_denied"


def test_a_user_of_another_property_gets_404_on_every_receivables_route(hotel, other_hotel, api_as):
    outsider = make_user("outsider", "administrator", other_hotel.property)
    api = api_as(outsider)
    for name, method, path, body, _perm in ROUTES:
        ctx = context(hotel)
        resp = call(api, method, path.format(**ctx), body(ctx) if body else None)
        assert resp.status_code == 404, f"{name}: {resp.status_code}"


def test_anonymous_callers_get_401_on_every_receivables_route(hotel, api_as):
    api = api_as()
    for name, method, path, body, _perm in ROUTES:
        ctx = context(hotel)
        resp = call(api, method, path.format(**ctx), body(ctx) if body else None)
        assert resp.status_code == 401, f"{name}: {resp.status_code}"


def test_the_receivables_rights_go_to_the_roles_that_need_them():
    assert {r for r in ROLES if "core.view_receivables" in ROLE_PERMISSIONS[r]} == {
        "night_auditor",
        "accountant",
        "finance",
        "front_office_manager",
        "administrator",
    }
    assert {r for r in ROLES if "core.manage_receivables" in ROLE_PERMISSIONS[r]} == {
        "accountant",
        "front_office_manager",
        "administrator",
    }
    assert {r for r in ROLES if "core.direct_bill" in ROLE_PERMISSIONS[r]} == {
        "front_desk_agent",
        "front_office_manager",
        "administrator",
    }
