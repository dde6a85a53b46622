"""Every night-audit route, API and web, × every role: allowed roles get through, others get 403;
a user of another property gets 404; anonymous API callers get 401.

Closing the day and reading its pre-checks need ``core.run_night_audit``; reading a closed
date, its statistics and its reports needs ``core.view_night_audit``.
"""

import pytest
from django.test import Client

from frontoffice.core.roles import ROLE_PERMISSIONS, ROLES
from frontoffice.folios.services import transaction_codes_install
from frontoffice.nightaudit.models import NightAudit
from frontoffice.nightaudit.services import night_audit_run
from frontoffice.reservations.tests.factories import BUSINESS_DATE, make_hotel, make_user

RUN = "core.run_night_audit"
VIEW = "core.view_night_audit"
DAY = BUSINESS_DATE.isoformat()

API_ROUTES = [
    ("pre-checks", "GET", "/properties/TEST/night-audit", None, RUN),
    ("close", "POST", "/properties/TEST/night-audit", {"early": True}, RUN),
    ("closed date", "GET", f"/properties/TEST/night-audits/{DAY}", None, VIEW),
    ("statistics", "GET", f"/properties/TEST/statistics/{DAY}", None, VIEW),
    ("report", "GET", f"/properties/TEST/night-audits/{DAY}/reports/flash.csv", None, VIEW),
]
WEB_ROUTES = [
    ("page", "GET", "/night-audit/", None, RUN),
    ("close", "POST", "/night-audit/close/", {"early": "on"}, RUN),
    ("closed date", "GET", f"/night-audit/{DAY}/", None, VIEW),
    ("report", "GET", f"/night-audit/{DAY}/reports/flash.pdf", None, VIEW),
]


@pytest.fixture
def hotel(db):
    hotel = make_hotel(rooms={"DBL": 2})
    transaction_codes_install(property=hotel.property)
    night_audit_run(property=hotel.property, actor=hotel.admin, early=True)  # the first date is closed
    return hotel


def web_client(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.mark.parametrize("role", ROLES)
def test_every_night_audit_api_route_admits_exactly_the_roles_holding_its_permission(role, hotel, api_as):
    user = make_user(f"user-{role}", role, hotel.property)
    api = api_as(user)
    allowed = ROLE_PERMISSIONS[role]
    for name, method, path, body, needed in API_ROUTES:
        resp = api.call(method, path, body)
        if needed in allowed:
            assert resp.status_code == 200, f"{role} {name}: {resp.status_code} {resp.content[:300]!r}"
        else:
            assert resp.status_code == 403, f"{role} {name}: {resp.status_code}"
            assert resp.json()["code"] == "permission_denied"
    closed = NightAudit.objects.filter(property=hotel.property).count()
    assert closed == (2 if RUN in allowed else 1)


@pytest.mark.parametrize("role", ROLES)
def test_every_night_audit_page_admits_exactly_the_roles_holding_its_permission(role, hotel):
    user = make_user(f"web-{role}", role, hotel.property)
    client = web_client(user)
    allowed = ROLE_PERMISSIONS[role]
    for name, method, path, body, needed in WEB_ROUTES:
        resp = client.get(path) if method == "GET" else client.post(path, body)
        if needed in allowed:
            assert resp.status_code in (200, 302), f"{role} {name}: {resp.status_code}"
        else:
            assert resp.status_code == 403, f"{role} {name}: {resp.status_code}"


def test_a_user_of_another_property_gets_404_on_every_night_audit_route(hotel, other_hotel, api_as):
    outsider = make_user("outsider", "administrator", other_hotel.property)
    api = api_as(outsider)
    for name, method, path, body, _perm in API_ROUTES:
        resp = api.call(method, path, body)
        assert resp.status_code == 404, f"{name}: {resp.status_code}"
    assert NightAudit.objects.filter(property=hotel.property).count() == 1


def test_anonymous_callers_get_401_on_every_night_audit_route(hotel, api_as):
    api = api_as()
    for name, method, path, body, _perm in API_ROUTES:
        assert api.call(method, path, body).status_code == 401, name


def test_closing_the_day_is_for_the_night_auditor_and_the_managers():
    runners = {role for role, perms in ROLE_PERMISSIONS.items() if RUN in perms}
    readers = {role for role, perms in ROLE_PERMISSIONS.items() if VIEW in perms}
    assert runners == {"night_auditor", "front_office_manager", "administrator"}
    assert readers == runners | {"accountant", "finance"}
