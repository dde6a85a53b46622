"""The covers a property needs come from its rooms and what is on the books (SQLite, PostgreSQL)."""

import datetime as dt

import pytest

from frontoffice.reservations.tests.factories import BUSINESS_DATE, make_hotel
from frontoffice.reservations.tests.services.test_booking import book
from frontoffice.staff.domain.staffing import StaffingRules
from frontoffice.staff.staffing import staffing_covers

DAY = BUSINESS_DATE + dt.timedelta(days=3)


@pytest.mark.django_db
def test_a_small_property_needs_one_person_a_shift():
    motel = make_hotel(code="MOTEL", rooms={"DBL": 6, "SGL": 2})
    got = staffing_covers(property=motel.property, start=DAY, days=2)
    assert {(c["date"], c["shift"], c["role"], c["min"]) for c in got} == {
        (d.isoformat(), shift, role, 1)
        for d in (DAY, DAY + dt.timedelta(days=1))
        for shift, role in (("morning", "front_desk"), ("afternoon", "front_desk"), ("night", "night_audit"))
    }


@pytest.mark.django_db
def test_a_city_hotel_needs_more_agents_and_porters_on_a_busy_arrival_day():
    city = make_hotel(code="CITY", rooms={"DBL": 100})
    for _ in range(40):
        book(city, city.admin, arrival=DAY, nights=1)
    rules = StaffingRules(check_ins_per_hour=6)
    got = {
        (c["date"], c["shift"], c["role"]): c["min"]
        for c in staffing_covers(property=city.property, start=DAY, days=2, rules=rules)
    }
    today, tomorrow = DAY.isoformat(), (DAY + dt.timedelta(days=1)).isoformat()
    assert got[(today, "afternoon", "front_desk")] == 3  # 40 arrivals, 35 % in the peak hour, 6 an agent
    assert got[(today, "afternoon", "porter")] == 2  # 14 bags in the peak hour, 12 a porter
    assert got[(tomorrow, "morning", "front_desk")] == 2  # 40 departures: 16 in the peak hour, 15 an agent
    assert got[(today, "office", "manager")] == 1 and got[(today, "night", "night_audit")] == 1
