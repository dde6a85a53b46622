"""Staff, the scheduling set-up, schedules and timesheets over the API."""

import datetime as dt

from frontoffice.reservations.tests.factories import BUSINESS_DATE, make_user
from frontoffice.staff.models import StaffMember

BASE = "/properties/TEST"
START = BUSINESS_DATE + dt.timedelta(days=1)


def test_a_manager_adds_staff_generates_and_publishes_a_schedule(hotel, manager, api_as):
    api = api_as(manager)
    for i in range(4):
        person = {
            "code": f"p{i}",
            "name": f"Person {i}",
            "roles": ["front_desk", "night_audit"],
            "contract": "full_time",
        }
        made = api.post(f"{BASE}/staff", person)
        assert made.status_code == 201, made.content
    assert api.post(f"{BASE}/staff", {"code": "p0", "name": "Again", "roles": ["front_desk"]}).status_code == 422
    assert api.post(f"{BASE}/staff", {"code": "x", "name": "X", "roles": ["chef"]}).status_code == 422
    assert [s["code"] for s in api.get(f"{BASE}/staff").json()] == ["p0", "p1", "p2", "p3"]
    setup = api.get(f"{BASE}/scheduling-setup").json()
    assert [s["id"] for s in setup["shift_types"]] == ["morning", "afternoon", "night"]  # a 7-room hotel
    generated = api.post(f"{BASE}/schedules", {"start": START.isoformat(), "days": 3, "time_limit": 5})
    assert generated.status_code == 201, generated.content
    body = generated.json()
    assert body["status"] == "draft" and body["result"]["status"] in ("optimal", "feasible")
    assert len(body["shifts"]) == 9  # three shifts a day, one person each
    published = api.post(f"{BASE}/schedules/{body['id']}/publish").json()
    assert published["status"] == "published"
    assert api.get(f"{BASE}/schedules/{body['id']}").json()["shifts"] == body["shifts"]


def test_a_bad_set_up_is_refused_and_changes_nothing(hotel, manager, api_as):
    api = api_as(manager)
    setup = api.get(f"{BASE}/scheduling-setup").json()
    bad = {**setup, "forbidden_successions": [["night", "brunch"]]}
    refused = api.put(f"{BASE}/scheduling-setup", bad)
    assert refused.status_code == 422 and refused.json()["errors"]
    assert api.put(f"{BASE}/scheduling-setup", {**setup, "staffing_rules": {"lunch": 1}}).status_code == 422
    assert api.get(f"{BASE}/scheduling-setup").json() == setup
    changed = api.put(f"{BASE}/scheduling-setup", {**setup, "staffing_rules": {"night_auditors": 2}})
    assert changed.status_code == 200, changed.content
    assert changed.json()["staffing_rules"] == {"night_auditors": 2}


def test_hr_reads_the_timesheets_and_the_desk_does_not(hotel, agent, api_as):
    StaffMember.objects.create(property=hotel.property, code="ana", name="Ana", roles=["front_desk"])
    hr = make_user("hr", "hr", hotel.property)
    query = f"?start={START.isoformat()}&end={(START + dt.timedelta(days=6)).isoformat()}"
    body = api_as(hr).get(f"{BASE}/timesheets{query}").json()
    assert [s["code"] for s in body["staff"]] == ["ana"] and body["staff"][0]["worked"] == 0
    csv = api_as(hr).get(f"{BASE}/timesheets{query}&format=csv")
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    assert api_as(agent).get(f"{BASE}/timesheets{query}").status_code == 403
    assert api_as(hr).get(f"{BASE}/staff").status_code == 403
