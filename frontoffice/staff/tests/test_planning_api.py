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


def test_requests_covers_and_a_sick_call_over_the_api(hotel, manager, api_as):
    api = api_as(manager)
    worker = make_user("worker", "front_desk_agent", hotel.property)
    for i in range(4):
        StaffMember.objects.create(
            property=hotel.property, code=f"p{i}", name=f"Person {i}", roles=["front_desk", "night_audit"],
            contract="full_time", user=worker if i == 0 else None,
        )  # fmt: skip
    day = START + dt.timedelta(days=1)
    mine = api_as(worker).post(f"{BASE}/shift-requests", {"date": day.isoformat(), "on": False})
    assert mine.status_code == 201 and mine.json()["staff"] == "p0" and mine.json()["weight"] == 10
    assert (
        api_as(worker).post(f"{BASE}/shift-requests", {"date": day.isoformat(), "on": True, "staff": "p1"}).status_code
        == 403
    )
    theirs = api.post(
        f"{BASE}/shift-requests", {"date": day.isoformat(), "on": True, "staff": "p1", "shift": "night", "weight": 50}
    )
    assert theirs.status_code == 201
    period = f"start={START.isoformat()}&end={(START + dt.timedelta(days=6)).isoformat()}"
    assert len(api.get(f"{BASE}/shift-requests?{period}").json()) == 2
    assert api.get(f"{BASE}/shift-requests?start=2026-12-01&end=2026-01-01").status_code == 422
    busy = START + dt.timedelta(days=3)
    cover = {"date": busy.isoformat(), "shift": "morning", "role": "front_desk", "min": 2}
    set_ = api.call("PUT", f"{BASE}/covers", cover)
    assert set_.status_code == 200 and set_.json()["min"] == 2
    assert api.call("PUT", f"{BASE}/covers", cover | {"role": "chef"}).status_code == 422
    assert [c["min"] for c in api.get(f"{BASE}/covers?{period}").json()] == [2]
    generated = api.post(f"{BASE}/schedules", {"start": START.isoformat(), "days": 7, "time_limit": 5}).json()
    on_day = [s for s in generated["shifts"] if s["date"] == day.isoformat()]
    assert not [s for s in on_day if s["staff"] == "p0"]  # p0 asked to be off
    assert {"staff": "p1", "shift": "night"} in [{"staff": s["staff"], "shift": s["shift"]} for s in on_day]
    assert len([s for s in generated["shifts"] if s["date"] == busy.isoformat() and s["shift"] == "morning"]) == 2
    api.post(f"{BASE}/schedules/{generated['id']}/publish")
    sick = api.post(
        f"{BASE}/sick-calls", {"staff": "p2", "start": day.isoformat(), "end": day.isoformat(), "time_limit": 5}
    )
    assert sick.status_code == 201, sick.content
    replan = sick.json()["replan"]
    assert replan["status"] == "draft" and replan["start"] == day.isoformat() and "Person 2" in replan["note"]
    assert not [s for s in replan["shifts"] if s["staff"] == "p2" and s["date"] == day.isoformat()]
    assert api.call("DELETE", f"{BASE}/shift-requests/{mine.json()['id']}").status_code == 204
    assert api.call("DELETE", f"{BASE}/covers/{set_.json()['id']}").status_code == 204
    assert (
        api.post(
            f"{BASE}/sick-calls", {"staff": "nobody", "start": day.isoformat(), "end": day.isoformat()}
        ).status_code
        == 422
    )
