"""Staffing rules by hand: a motel collapses every role into one person a shift; a city hotel's
desk, porters, concierge, night audit, reservations and manager grow with its forecast."""

import datetime as dt

import pytest

from frontoffice.staff.domain.staffing import DayForecast, StaffingRules, covers, needs

DAY = dt.date(2026, 12, 12)
SHIFTS = ("morning", "office", "afternoon", "night")


def test_a_motel_has_one_person_on_each_shift_whatever_the_day():
    busy = DayForecast(DAY, arrivals=8, departures=8, guests=16)
    assert needs(busy, rooms=8, rules=StaffingRules(), shifts=SHIFTS) == {
        ("morning", "front_desk"): 1,
        ("afternoon", "front_desk"): 1,
        ("night", "night_audit"): 1,
    }


def test_a_city_hotel_on_a_gala_day():
    # 120 rooms; 80 arrivals: 35 % in the busiest hour = 28 check-ins, 12 an agent → 3 agents;
    # 60 departures: 40 % = 24 check-outs, 15 an agent → 2; porters 28 / 12 → 3 and 24 / 12 → 2;
    # 210 guests in house → a concierge on each day shift.
    gala = DayForecast(DAY, arrivals=80, departures=60, guests=210)
    assert needs(gala, rooms=120, rules=StaffingRules(), shifts=SHIFTS) == {
        ("morning", "front_desk"): 2,
        ("afternoon", "front_desk"): 3,
        ("night", "night_audit"): 1,
        ("morning", "porter"): 2,
        ("afternoon", "porter"): 3,
        ("morning", "concierge"): 1,
        ("afternoon", "concierge"): 1,
        ("office", "reservations"): 1,
        ("office", "manager"): 1,
    }


def test_a_quiet_day_keeps_the_floors():
    quiet = DayForecast(DAY, arrivals=0, departures=0, guests=20)
    got = needs(quiet, rooms=120, rules=StaffingRules(), shifts=("morning", "afternoon", "night"))
    assert got[("morning", "front_desk")] == got[("afternoon", "front_desk")] == 1  # the desk minimum
    assert got[("morning", "porter")] == 1 and ("morning", "concierge") not in got
    assert got[("morning", "manager")] == 1  # no office shift: the manager works mornings


def test_configured_rules_change_the_needs_and_bad_ones_are_refused():
    rules = StaffingRules.from_json({"check_ins_per_hour": 7, "night_auditors": 2, "arrival_peak_share": 0.5})
    day = DayForecast(DAY, arrivals=30, departures=0, guests=50)
    got = needs(day, rules=rules, rooms=50, shifts=SHIFTS)
    assert got[("afternoon", "front_desk")] == 3 and got[("night", "night_audit")] == 2  # 15 / 7 → 3
    for bad in ({"check_ins_per_hour": 0}, {"arrival_peak_share": 1.5}, {"lunch": 1}, {"night_auditors": -1}):
        with pytest.raises(ValueError):
            StaffingRules.from_json(bad)


def test_the_covers_are_those_of_a_schedule_problem():
    days = [DayForecast(DAY + dt.timedelta(days=i), arrivals=10, departures=10, guests=30) for i in range(2)]
    out = covers(days, rooms=8, rules=StaffingRules(), shifts=SHIFTS)
    assert len(out) == 6
    assert out[0] == {
        "date": "2026-12-12",
        "shift": "afternoon",
        "role": "front_desk",
        "min": 1,
        "under_weight": 100,
        "over_weight": 10,
    }
