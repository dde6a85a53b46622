"""Every back-office route, API and web, × every role: the roles holding ``core.view_back_office``
get through, the others get 403; a user of another property gets 404; anonymous API callers 401."""

import pytest
from django.test import Client

from frontoffice.core.roles import ROLE_PERMISSIONS, ROLES
from frontoffice.reservations.tests.factories import BUSINESS_DATE, make_hotel, make_user

VIEW = "core.view_back_office"
DAY = BUSINESS_DATE.isoformat()
API_ROUTES = [
    ("journal", f"/properties/TEST/journal?from={DAY}&to={DAY}"),
    ("journal csv", f"/properties/TEST/journal?from={DAY}&to={DAY}&format=csv"),
    ("kpis", f"/properties/TEST/reports/kpis?from={DAY}&to={DAY}&group_by=segment"),
    ("kpis xlsx", f"/properties/TEST/reports/kpis?from={DAY}&to={DAY}&format=xlsx"),
    ("forecast", "/properties/TEST/reports/forecast?days=10"),
    ("revenue and payments", f"/properties/TEST/reports/revenue-payments?from={DAY}&to={DAY}"),
    ("aging file", "/properties/TEST/reports/aging?format=xlsx"),
]
CHAIN_ROUTES = [("compare", f"/reports/kpis/compare?from={DAY}&to={DAY}")]
WEB_ROUTES = [
    ("dashboard", "/back-office/"),
    ("kpi page", f"/back-office/kpis/?start={DAY}&end={DAY}&group_by=day"),
    ("forecast page", "/back-office/forecast/?format=csv"),
    ("compare page", f"/back-office/compare/?start={DAY}&end={DAY}"),
    ("revenue and payments", f"/back-office/revenue-payments/?start={DAY}&end={DAY}&grain=month&format=xlsx"),
    ("aging", "/back-office/aging/?format=csv"),
    ("journal page", f"/back-office/journal/?start={DAY}&end={DAY}"),
    ("journal export", f"/back-office/journal/export?start={DAY}&end={DAY}&format=beancount"),
]


@pytest.fixture
def hotel(db):
    return make_hotel(rooms={"DBL": 2})


@pytest.mark.parametrize("role", ROLES)
def test_every_back_office_route_admits_exactly_the_roles_holding_its_permission(role, hotel, api_as):
    user = make_user(f"user-{role}", role, hotel.property)
    api = api_as(user)
    web = Client()
    web.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    allowed = VIEW in ROLE_PERMISSIONS[role]
    for name, path in API_ROUTES + CHAIN_ROUTES:
        resp = api.get(path)
        assert resp.status_code == (200 if allowed else 403), f"{role} {name}: {resp.status_code}"
    for name, path in WEB_ROUTES:
        resp = web.get(path)
        assert resp.status_code == (200 if allowed else 403), f"{role} {name}: {resp.status_code}"


def test_a_user_of_another_property_gets_404_on_every_back_office_route(hotel, other_hotel, api_as):
    api = api_as(make_user("outsider", "administrator", other_hotel.property))
    for name, path in API_ROUTES:
        assert api.get(path).status_code == 404, name


def test_anonymous_callers_get_401(hotel, api_as):
    for name, path in API_ROUTES + CHAIN_ROUTES:
        assert api_as().get(path).status_code == 401, name


def test_the_back_office_is_read_by_accounting_finance_and_the_managers():
    readers = {role for role, perms in ROLE_PERMISSIONS.items() if VIEW in perms}
    assert readers == {"accountant", "finance", "front_office_manager", "administrator"}
    # Finance changes nothing: every one of its permissions is a "view".
    assert all(p.split(".")[1].startswith("view_") for p in ROLE_PERMISSIONS["finance"])
