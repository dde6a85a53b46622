"""Generating, reading and publishing a schedule for a property (SQLite and PostgreSQL): the
problem comes from the staff, their leave and the staffing needs; every shift kept is checked by
the independent validator; the staff read their shifts on the web and in their calendar."""

import datetime as dt

import pytest
from django.test import Client

from frontoffice.core.domain.errors import Conflict, PermissionDenied
from frontoffice.staff.domain.problem import problem_from_json
from frontoffice.staff.domain.schedule import Assignment
from frontoffice.staff.domain.validator import violations
from frontoffice.staff.models import (
    CoverOverride,
    LeaveRequest,
    ScheduledShift,
    ShiftRequest,
    StaffMember,
    SwapRequest,
)
from frontoffice.staff.services import schedule_edit, schedule_generate, schedule_publish, swap_decide, swap_request
from frontoffice.staff.tests.conftest import EVERY_ROLE, START, signed_in


def test_a_generated_schedule_meets_the_needs_and_keeps_every_hard_rule(hotel, team, manager):
    schedule = schedule_generate(property=hotel.property, actor=manager, start=START, days=7, time_limit=5)
    assert schedule.result["status"] in ("optimal", "feasible")
    assert schedule.status == "draft" and schedule.days == 7
    shifts = list(ScheduledShift.objects.filter(schedule=schedule))
    # Each day: a morning and an afternoon at the desk and a night auditor, all met by four people.
    assert len(shifts) == 21 and schedule.result["objective"] == 0
    problem = problem_from_json(schedule.problem)
    assigned = [Assignment(s.date, s.shift, s.staff.code, s.role) for s in shifts]
    assert violations(problem, assigned) == []
    on_leave = {s.date for s in shifts if s.staff_id == team[1].pk}
    assert not on_leave & {START + dt.timedelta(days=2), START + dt.timedelta(days=3)}
    night = next(s for s in shifts if s.shift == "night")
    assert (night.ends_at - night.starts_at) == dt.timedelta(hours=8) and night.ends_at.date() > night.date


def test_publishing_shows_each_person_their_shifts_and_calendar(hotel, team, manager):
    schedule = schedule_generate(property=hotel.property, actor=manager, start=START, days=7, time_limit=5)
    schedule_publish(schedule=schedule, actor=manager)
    me = team[0].user
    client = signed_in(me)
    page = client.get("/staff/my-schedule/").content.decode()
    mine = ScheduledShift.objects.filter(schedule=schedule, staff=team[0])
    assert mine.exists() and page.count("<tr>") == mine.count() + 1
    feed_url = page.split('id="feed">', 1)[1].split("<", 1)[0].replace("http://testserver", "")
    feed = Client().get(feed_url)  # no session: the token is the key
    body = feed.content.decode()
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    assert body.count("BEGIN:VEVENT") == mine.count() and body.startswith("BEGIN:VCALENDAR\r\n")
    assert Client().get(feed_url.replace(".ics", "x.ics")).status_code == 404


def test_the_manager_generates_reads_and_publishes_on_the_web(hotel, team, manager):
    client = signed_in(manager)
    done = client.post("/staff/schedules/generate/", {"start": START.isoformat(), "days": 7, "time_limit": 5})
    assert done.status_code == 302
    grid = client.get(done["Location"]).content.decode()
    assert 'id="schedule-grid"' in grid and "Person 3" in grid and 'id="publish"' in grid
    assert grid.count("cover-short") == 0 and "morning · front_desk" in grid
    client.post(done["Location"] + "publish/")
    assert 'id="publish"' not in client.get(done["Location"]).content.decode()


def test_only_managers_plan_and_nobody_plans_an_empty_staff(hotel, agent, manager):
    with pytest.raises(PermissionDenied):
        schedule_generate(property=hotel.property, actor=agent, start=START, days=7)
    with pytest.raises(Conflict) as refused:
        schedule_generate(property=hotel.property, actor=manager, start=START, days=7)
    assert refused.value.code == "no_staff"
    assert signed_in(agent).get("/staff/schedules/").status_code == 403


def test_an_edit_by_hand_is_kept_and_the_broken_rules_are_shown(hotel, team, manager):
    schedule = schedule_generate(property=hotel.property, actor=manager, start=START, days=7, time_limit=5)
    night = ScheduledShift.objects.filter(schedule=schedule, shift="night").order_by("date").first()
    # The night auditor is also put on the morning after their night: a forbidden succession.
    check = schedule_edit(
        schedule=schedule, actor=manager, staff=night.staff, date=night.date + dt.timedelta(days=1),
        shift="morning", role="front_desk",
    )  # fmt: skip
    assert [v.rule for v in check["violations"]] and any(night.staff.code == v.staff for v in check["violations"])
    assert ScheduledShift.objects.filter(
        schedule=schedule, staff=night.staff, date=night.date + dt.timedelta(days=1), shift="morning"
    ).exists()
    page = signed_in(manager).get(f"/staff/schedules/{schedule.pk}/").content.decode()
    assert 'id="warnings"' in page
    # Taking the person off that day again clears the warning.
    check = schedule_edit(schedule=schedule, actor=manager, staff=night.staff, date=night.date + dt.timedelta(days=1))
    assert not [v for v in check["violations"] if v.staff == night.staff.code and v.rule != "cover"]


def test_a_shift_offered_to_a_colleague_moves_when_the_manager_approves(hotel, team, manager):
    schedule = schedule_generate(property=hotel.property, actor=manager, start=START, days=7, time_limit=5)
    schedule_publish(schedule=schedule, actor=manager)
    mine = ScheduledShift.objects.filter(schedule=schedule, staff=team[0]).order_by("date").first()
    busy = set(ScheduledShift.objects.filter(schedule=schedule, date=mine.date).values_list("staff_id", flat=True))
    colleague = next(m for m in team if m.pk not in busy)
    me = signed_in(team[0].user)
    assert me.post(f"/staff/shifts/{mine.pk}/offer/", {"to_staff": colleague.code}).status_code == 302
    swap = SwapRequest.objects.get(shift=mine)
    with pytest.raises(PermissionDenied):
        swap_request(shift=mine, actor=manager, to_staff=colleague)  # only the person on the shift offers it
    assert swap.status == "requested" and 'id="swaps"' in signed_in(manager).get("/staff/schedules/").content.decode()
    signed_in(manager).post(f"/staff/swaps/{swap.pk}/decide/", {"decision": "approve"})
    mine.refresh_from_db()
    swap.refresh_from_db()
    assert mine.staff_id == colleague.pk and swap.status == "approved"
    with pytest.raises(Conflict):
        swap_decide(swap=swap, actor=manager, approve=False)


def test_leave_asked_on_the_web_is_approved_and_kept_free_by_the_next_schedule(hotel, team, manager):
    me = signed_in(team[0].user)
    first, last = START + dt.timedelta(days=1), START + dt.timedelta(days=2)
    assert (
        me.post("/staff/leave/", {"start": first.isoformat(), "end": last.isoformat(), "reason": "Wedding"}).status_code
        == 302
    )
    leave = LeaveRequest.objects.get(staff=team[0], start=first)
    assert (
        leave.status == "requested"
        and 'id="leave-requests"' in signed_in(manager).get("/staff/schedules/").content.decode()
    )
    signed_in(manager).post(f"/staff/leave/{leave.pk}/decide/", {"decision": "approve"})
    leave.refresh_from_db()
    assert leave.status == "approved"
    schedule = schedule_generate(property=hotel.property, actor=manager, start=START, days=5, time_limit=5)
    assert not ScheduledShift.objects.filter(schedule=schedule, staff=team[0], date__in=[first, last]).exists()
    backwards = me.post("/staff/leave/", {"start": last.isoformat(), "end": first.isoformat()})
    assert backwards.status_code == 302 and LeaveRequest.objects.filter(staff=team[0]).count() == 1


def _queries(client: Client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as seen:
        assert client.get(url).status_code == 200
    return len(seen)


def test_the_schedule_pages_read_in_the_same_queries_whatever_the_staff_size(hotel, team, manager):
    schedule = schedule_generate(property=hotel.property, actor=manager, start=START, days=7, time_limit=5)
    client = signed_in(manager)
    grid, listing = f"/staff/schedules/{schedule.pk}/", "/staff/schedules/"
    first = ScheduledShift.objects.filter(schedule=schedule).first()
    SwapRequest.objects.create(property=hotel.property, shift=first, to_staff=team[2])
    LeaveRequest.objects.create(property=hotel.property, staff=team[3], start=START, end=START)
    ShiftRequest.objects.create(property=hotel.property, staff=team[0], date=START, on=False, weight=10)
    CoverOverride.objects.create(property=hotel.property, date=START, shift="night", role="night_audit", min=1)
    mine = signed_in(team[0].user)
    few_grid, few_listing, few_mine = (
        _queries(client, grid),
        _queries(client, listing),
        _queries(mine, "/staff/my-schedule/"),
    )
    for i in range(4, 9):
        day = START + dt.timedelta(days=i - 3)
        ShiftRequest.objects.create(property=hotel.property, staff=team[0], date=day, shift="night", on=True, weight=10)
        CoverOverride.objects.create(property=hotel.property, date=day, shift="morning", role="front_desk", min=2)
        member = StaffMember.objects.create(property=hotel.property, code=f"p{i}", name=f"Person {i}", roles=EVERY_ROLE)
        shift = ScheduledShift.objects.create(
            schedule=schedule,
            staff=member,
            date=START,
            shift=first.shift,
            role=first.role,
            starts_at=first.starts_at,
            ends_at=first.ends_at,
        )
        SwapRequest.objects.create(property=hotel.property, shift=shift, to_staff=team[0])
        LeaveRequest.objects.create(property=hotel.property, staff=member, start=START, end=START)
    assert ScheduledShift.objects.filter(schedule=schedule).count() == 26
    assert _queries(client, grid) == few_grid
    assert _queries(client, listing) == few_listing
    assert _queries(mine, "/staff/my-schedule/") == few_mine


def test_a_staff_member_needs_known_roles_and_a_free_code(hotel, team, manager, agent):
    from frontoffice.core.domain.errors import InvalidInput
    from frontoffice.staff.services import staff_member_add

    with pytest.raises(InvalidInput, match="Unknown roles: chef"):
        staff_member_add(property=hotel.property, actor=manager, code="new", name="New", roles=["porter", "chef"])
    with pytest.raises(InvalidInput, match="p0 is taken"):
        staff_member_add(property=hotel.property, actor=manager, code="p0", name="Again", roles=["porter"])
    with pytest.raises(PermissionDenied):
        staff_member_add(property=hotel.property, actor=agent, code="new", name="New", roles=["porter"])
    assert StaffMember.objects.filter(property=hotel.property).count() == 4
    added = staff_member_add(property=hotel.property, actor=manager, code="new", name="New", roles=["porter"])
    assert added.roles == ["porter"] and added.property == hotel.property


def test_a_set_up_change_is_checked_before_it_is_kept(hotel, manager):
    from frontoffice.core.domain.errors import InvalidInput
    from frontoffice.staff.services import scheduling_setup, scheduling_setup_update

    before = scheduling_setup(property=hotel.property).shift_types
    with pytest.raises(InvalidInput) as bad:
        scheduling_setup_update(property=hotel.property, actor=manager, shift_types=[{"id": "x", "start": "25:00"}])
    assert bad.value.errors and all(e["field"] for e in bad.value.errors)
    with pytest.raises(InvalidInput, match="Unknown set-up fields: colour"):
        scheduling_setup_update(property=hotel.property, actor=manager, colour="red")
    assert scheduling_setup(property=hotel.property).shift_types == before
    weights = {"cover_under": 50, "cover_over": 5, "request": 1}
    assert scheduling_setup_update(property=hotel.property, actor=manager, weights=weights).weights == weights
    assert scheduling_setup(property=hotel.property).weights == weights
