"""A chain user compares the properties they work in; nobody sees a property they don't."""

from django.test import Client

from frontoffice.folios.services import transaction_codes_install
from frontoffice.frontdesk.tests.assignment_helpers import TODAY, in_house, room, stay
from frontoffice.nightaudit.services import night_audit_run
from frontoffice.nightaudit.tests.conftest import AFTER_MIDNIGHT
from frontoffice.reservations.tests.factories import make_user

PERIOD = f"?from={TODAY.isoformat()}&to={TODAY.isoformat()}"


def close_a_night(hotel, guests: int):
    transaction_codes_install(property=hotel.property)
    for i in range(guests):
        in_house(stay(hotel, nights=2), room(hotel, f"10{i + 1}"))
    night_audit_run(property=hotel.property, actor=hotel.admin, now=AFTER_MIDNIGHT)


def test_a_chain_user_sees_each_property_side_by_side(hotel, other_hotel, api_as):
    close_a_night(hotel, guests=2)
    close_a_night(other_hotel, guests=1)
    chain = make_user("chain", "finance", hotel.property, other_hotel.property)
    body = api_as(chain).get("/reports/kpis/compare" + PERIOD).json()
    rows = {r["key"]: r for r in body["rows"]}
    assert set(rows) == {"TEST", "OTHER"}
    assert (rows["TEST"]["sold"], rows["OTHER"]["sold"]) == (2, 1)
    assert (rows["TEST"]["occupancy_usali"], rows["OTHER"]["occupancy_usali"]) == ("28.57", "14.29")
    csv = api_as(chain).get("/reports/kpis/compare" + PERIOD + "&format=csv").content.decode().splitlines()
    assert csv[0].startswith("key,name,currency,available_usali") and len(csv) == 3
    page = Client()
    page.force_login(chain, backend="django.contrib.auth.backends.ModelBackend")
    html = page.get(f"/back-office/compare/?start={TODAY.isoformat()}&end={TODAY.isoformat()}").content.decode()
    assert "TEST · Hotel TEST" in html and "OTHER · Hotel OTHER" in html


def test_a_single_property_user_compares_only_their_own(hotel, other_hotel, api_as):
    close_a_night(hotel, guests=1)
    accountant = make_user("accountant", "accountant", hotel.property)
    rows = api_as(accountant).get("/reports/kpis/compare" + PERIOD).json()["rows"]
    assert [r["key"] for r in rows] == ["TEST"]


def test_comparing_needs_the_back_office(hotel, agent, api_as):
    assert api_as(agent).get("/reports/kpis/compare" + PERIOD).status_code == 403
    assert api_as().get("/reports/kpis/compare" + PERIOD).status_code == 401
