"""Every staff-scheduling route × every role: planning, reading and publishing schedules and the
solver's API need ``core.manage_schedules``; everyone signed in reads their own schedule."""

import datetime as dt

import pytest
from django.test import Client

from frontoffice.core.roles import ROLE_PERMISSIONS, ROLES
from frontoffice.reservations.tests.factories import BUSINESS_DATE, make_hotel, make_user
from frontoffice.staff.models import CoverOverride, LeaveRequest, ShiftRequest, StaffMember
from frontoffice.staff.services import schedule_generate

MANAGE = "core.manage_schedules"
START = (BUSINESS_DATE + dt.timedelta(days=1)).isoformat()
PROBLEM = {
    "horizon": {"start": START, "days": 2},
    "shift_types": [{"id": "morning", "name": "Morning", "start": "07:00", "end": "15:00", "roles": ["front_desk"]}],
    "staff": [{"id": "ana", "name": "Ana", "roles": ["front_desk"]}],
    "covers": [{"shift": "morning", "role": "front_desk", "min": 1}],
}


@pytest.fixture
def hotel(db):
    hotel = make_hotel(rooms={"DBL": 3})
    StaffMember.objects.create(property=hotel.property, code="ana", name="Ana", roles=["front_desk", "night_audit"])
    return hotel


@pytest.mark.parametrize("role", ROLES)
def test_every_scheduling_route_admits_exactly_the_roles_holding_its_permission(role, hotel, api_as):
    user = make_user(f"user-{role}", role, hotel.property)
    allowed = MANAGE in ROLE_PERMISSIONS[role]
    schedule = schedule_generate(property=hotel.property, actor=hotel.admin, start=BUSINESS_DATE, days=2, time_limit=2)
    cover = CoverOverride.objects.create(property=hotel.property, date=START, shift="night", role="night_audit", min=1)
    web = Client()
    web.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    for name, method, path, data in [
        ("schedules", "GET", "/staff/schedules/", None),
        ("schedule", "GET", f"/staff/schedules/{schedule.pk}/", None),
        ("generate", "POST", "/staff/schedules/generate/", {"start": START, "days": 2, "time_limit": 2}),
        ("publish", "POST", f"/staff/schedules/{schedule.pk}/publish/", {}),
        ("progress", "GET", f"/staff/schedules/{schedule.pk}/progress/", None),
        ("cover", "POST", "/staff/covers/", {"date": START, "shift": "morning", "role": "front_desk", "min": 1}),
        ("remove cover", "POST", f"/staff/covers/{cover.pk}/remove/", {}),
        ("sick call", "POST", "/staff/sick-call/", {"staff": "ana", "start": START, "end": START}),
    ]:
        resp = web.get(path) if method == "GET" else web.post(path, data)
        expected = (200, 204, 302) if allowed else (403,)
        assert resp.status_code in expected, f"{role} {name}: {resp.status_code}"
    assert CoverOverride.objects.filter(pk=cover.pk).exists() != allowed
    assert LeaveRequest.objects.filter(kind="sick").exists() == allowed
    assert web.get("/staff/my-schedule/").status_code == 200  # everyone reads their own
    # Everyone on the staff asks for themselves: the request is theirs, whatever the role.
    ShiftRequest.objects.all().delete()
    StaffMember.objects.filter(code="ana").update(user=user)
    asked = web.post("/staff/requests/", {"date": START, "on": "0", "shift": ""})
    assert asked.status_code == 302 and ShiftRequest.objects.get().staff.user == user, role
    withdrawn = web.post(f"/staff/requests/{ShiftRequest.objects.get().pk}/withdraw/")
    assert withdrawn.status_code == 302 and not ShiftRequest.objects.exists(), role
    api = api_as(user)
    solve = api.call("POST", "/properties/TEST/schedules/solve", PROBLEM)
    assert solve.status_code == (200 if allowed else 403), f"{role} solve: {solve.status_code}"
    for name, method, path, body in [
        ("staff list", "GET", "/properties/TEST/staff", None),
        ("set-up", "GET", "/properties/TEST/scheduling-setup", None),
        ("schedule", "GET", f"/properties/TEST/schedules/{schedule.pk}", None),
        ("generate", "POST", "/properties/TEST/schedules", {"start": START, "days": 2, "time_limit": 2}),
        ("requests", "GET", f"/properties/TEST/shift-requests?start={START}&end={START}", None),
        ("covers", "GET", f"/properties/TEST/covers?start={START}&end={START}", None),
        (
            "set cover",
            "PUT",
            "/properties/TEST/covers",
            {"date": START, "shift": "night", "role": "night_audit", "min": 1},
        ),
        ("sick call", "POST", "/properties/TEST/sick-calls", {"staff": "ana", "start": START, "end": START}),
    ]:
        status = api.call(method, path, body).status_code
        assert status in ((200, 201) if allowed else (403,)), f"{role} {name}: {status}"
    timesheets = api.get(f"/properties/TEST/timesheets?start={START}&end={START}").status_code
    assert timesheets == (200 if "core.view_timesheets" in ROLE_PERMISSIONS[role] else 403), f"{role} timesheets"


def test_another_property_and_anonymous_callers(hotel, other_hotel, api_as):
    outsider = make_user("outsider", "administrator", other_hotel.property)
    assert api_as(outsider).call("POST", "/properties/TEST/schedules/solve", PROBLEM).status_code == 404
    assert api_as().call("POST", "/properties/TEST/schedules/solve", PROBLEM).status_code == 401
    assert Client().get("/staff/schedules/").status_code in (302, 403)


@pytest.mark.parametrize("role", ROLES)
def test_the_time_clock_hand_over_and_procedures_by_role(role, hotel):
    """Everyone at the property reads and writes the hand-over log, reads procedures and uses the
    time clock; writing procedures needs ``manage_procedures``; timesheets need ``view_timesheets``."""
    user = make_user(f"staff-{role}", role, hotel.property)
    perms = ROLE_PERMISSIONS[role]
    web = Client()
    web.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    for name, path, needed in [
        ("hand-over", "/staff/handover/", None),
        ("procedures", "/staff/procedures/", None),
        ("new procedure", "/staff/procedures/new/", "core.manage_procedures"),
        ("time clock", "/staff/time-clock/", None),
        ("timesheets", f"/staff/timesheets/?start={START}&end={START}", "core.view_timesheets"),
        ("timesheets export", f"/staff/timesheets/export.csv?start={START}&end={START}", "core.view_timesheets"),
    ]:
        status = web.get(path).status_code
        allowed = needed is None or needed in perms
        assert status == (200 if allowed else 403), f"{role} {name}: {status}"
