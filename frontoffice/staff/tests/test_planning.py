"""What the staff and the manager add to a plan, and the sick call (SQLite and PostgreSQL):
requests to work or be off, needs set by hand for a day, what the published days before a period
carry into it, the schedule that rules a day, and the re-plan after a sick call."""

import datetime as dt

import pytest

from frontoffice.core.domain.errors import Conflict, InvalidInput, PermissionDenied
from frontoffice.reservations.tests.factories import make_hotel, make_user
from frontoffice.reservations.tests.services.test_races import run_clients
from frontoffice.staff.domain.problem import problem_from_json
from frontoffice.staff.domain.schedule import Assignment
from frontoffice.staff.domain.validator import violations
from frontoffice.staff.models import CoverOverride, LeaveRequest, ScheduledShift, ShiftRequest, StaffMember
from frontoffice.staff.planning import cover_remove, cover_set, shift_request_add, shift_request_remove, sick_call
from frontoffice.staff.selectors import my_shifts, published_shifts, schedule_grid
from frontoffice.staff.services import schedule_generate, schedule_problem, schedule_publish, schedule_solve
from frontoffice.staff.tests.conftest import START, signed_in
from frontoffice.staff.timeclock import today_shift


def day(n: int) -> dt.date:
    return START + dt.timedelta(days=n)


def kept_rules(schedule) -> list:
    problem = problem_from_json(schedule.problem)
    shifts = ScheduledShift.objects.filter(schedule=schedule).select_related("staff")
    return violations(problem, [Assignment(s.date, s.shift, s.staff.code, s.role) for s in shifts])


# --- requests -------------------------------------------------------------------------------------


def test_a_request_to_be_off_is_granted_when_nobody_goes_short(hotel, team, manager):
    me = team[0]
    shift_request_add(property=hotel.property, actor=me.user, date=day(1), on=False, reason="Dentist")
    schedule = schedule_generate(property=hotel.property, actor=manager, start=START, days=7, time_limit=5)
    assert {"staff": "p0", "date": day(1).isoformat(), "shift": None, "on": False, "weight": 10} in schedule.problem[
        "requests"
    ]
    assert not ScheduledShift.objects.filter(schedule=schedule, staff=me, date=day(1)).exists()
    assert schedule.result["objective"] == 0 and kept_rules(schedule) == []


def test_a_request_to_work_a_shift_is_granted(hotel, team, manager):
    shift_request_add(property=hotel.property, actor=manager, staff=team[2], date=day(3), shift="night", on=True)
    schedule = schedule_generate(property=hotel.property, actor=manager, start=START, days=7, time_limit=5)
    worked = ScheduledShift.objects.get(schedule=schedule, staff=team[2], date=day(3))
    assert worked.shift == "night" and schedule.result["objective"] == 0


def test_requests_are_checked_and_only_the_manager_speaks_for_others(hotel, team, manager, agent):
    me = team[0].user
    with pytest.raises(PermissionDenied):
        shift_request_add(property=hotel.property, actor=me, staff=team[1], date=day(1), on=False)
    with pytest.raises(PermissionDenied):
        shift_request_add(property=hotel.property, actor=me, date=day(1), on=False, weight=500)
    with pytest.raises(PermissionDenied):  # not on the staff list
        shift_request_add(property=hotel.property, actor=agent, date=day(1), on=False)
    with pytest.raises(InvalidInput):  # the past
        shift_request_add(property=hotel.property, actor=me, date=hotel.property.business_date - dt.timedelta(1), on=0)
    with pytest.raises(InvalidInput):
        shift_request_add(property=hotel.property, actor=me, date=day(1), shift="brunch", on=True)
    with pytest.raises(InvalidInput):
        shift_request_add(property=hotel.property, actor=manager, staff=team[1], date=day(1), on=True, weight=0)
    with pytest.raises(InvalidInput):  # card numbers are not stored anywhere
        shift_request_add(property=hotel.property, actor=me, date=day(1), on=False, reason="4111 1111 1111 1111")
    assert not ShiftRequest.objects.exists()
    mine = shift_request_add(property=hotel.property, actor=me, date=day(1), on=False)
    with pytest.raises(Conflict):
        shift_request_add(property=hotel.property, actor=me, date=day(1), on=True)
    colleague = make_user("colleague", "front_desk_agent", hotel.property)
    team[1].user = colleague
    team[1].save()
    with pytest.raises(PermissionDenied):
        shift_request_remove(request=mine, actor=colleague)
    shift_request_remove(request=mine, actor=me)
    assert not ShiftRequest.objects.exists()


def test_staff_ask_and_withdraw_on_their_page(hotel, team):
    client = signed_in(team[0].user)
    page = client.post(
        "/staff/requests/", {"date": day(2).isoformat(), "on": "0", "shift": "night", "reason": "Family"}, follow=True
    ).content.decode()
    request = ShiftRequest.objects.get()
    assert (request.staff, request.date, request.shift, request.on) == (team[0], day(2), "night", False)
    assert "Family" in page and 'id="my-requests"' in page
    client.post(f"/staff/requests/{request.pk}/withdraw/")
    assert not ShiftRequest.objects.exists()


# --- needs set by hand ----------------------------------------------------------------------------


def test_a_need_set_by_hand_replaces_the_staffing_rules_for_that_day(hotel, team, manager):
    cover_set(property=hotel.property, actor=manager, date=day(2), shift="morning", role="front_desk", min=2)
    problem = schedule_problem(property=hotel.property, start=START, days=7)
    mornings = [c for c in problem["covers"] if c["shift"] == "morning" and c["role"] == "front_desk"]
    assert len(mornings) == 7 and {"date": day(2).isoformat(), "shift": "morning", "role": "front_desk", "min": 2} in (
        mornings
    )
    schedule = schedule_generate(property=hotel.property, actor=manager, start=START, days=7, time_limit=5)
    desk = ScheduledShift.objects.filter(schedule=schedule, date=day(2), shift="morning", role="front_desk")
    assert desk.count() == 2 and kept_rules(schedule) == []
    assert schedule_grid(schedule)["covers"][0].cells[2] == (2, 2)
    cover_remove(cover=CoverOverride.objects.get(), actor=manager)
    again = schedule_problem(property=hotel.property, start=START, days=7)
    assert all(c["min"] == 1 for c in again["covers"] if c["shift"] == "morning")


def test_needs_by_hand_are_checked(hotel, team, manager, agent):
    args = {"property": hotel.property, "date": day(2), "shift": "morning", "role": "front_desk"}
    with pytest.raises(PermissionDenied):
        cover_set(actor=agent, min=2, **args)
    with pytest.raises(InvalidInput):
        cover_set(actor=manager, min=3, max=2, **args)
    with pytest.raises(InvalidInput):
        cover_set(actor=manager, min=201, **args)
    with pytest.raises(InvalidInput):
        cover_set(actor=manager, min=1, **(args | {"shift": "brunch"}))
    with pytest.raises(InvalidInput):
        cover_set(actor=manager, min=1, **(args | {"role": "chef"}))
    assert not CoverOverride.objects.exists()
    cover_set(actor=manager, min=1, **args)
    cover_set(actor=manager, min=2, max=3, hard=True, **args)  # setting it again replaces it
    assert CoverOverride.objects.get().max == 3


def test_a_hard_need_no_one_can_meet_is_explained(hotel, team, manager):
    cover_set(property=hotel.property, actor=manager, date=day(1), shift="night", role="night_audit", min=6, hard=True)
    schedule = schedule_generate(property=hotel.property, actor=manager, start=START, days=3, time_limit=5)
    assert schedule.result["status"] == "infeasible" and not schedule.shifts.exists()
    assert day(1).isoformat() in str(schedule.result["explanation"])


# --- what the published days carry, and which schedule rules a day -----------------------------


def test_the_days_published_before_a_period_are_its_history(hotel, team, manager):
    first = schedule_generate(property=hotel.property, actor=manager, start=START, days=7, time_limit=5)
    schedule_publish(schedule=first, actor=manager)
    problem = schedule_problem(property=hotel.property, start=day(7), days=7)
    worked = published_shifts(property=hotel.property, start=START, end=day(6))
    for member in team:
        entry = next(m for m in problem["staff"] if m["id"] == member.code)
        assert entry["history"] == [worked.get((member.pk, day(i)), (None,))[0] for i in range(7)]
    second = schedule_generate(property=hotel.property, actor=manager, start=day(7), days=7, time_limit=5)
    # The rules hold across the two periods: checked together by the validator.
    together = dict(problem, horizon={"start": START.isoformat(), "days": 14})
    together["staff"] = [{k: v for k, v in m.items() if k != "history"} for m in problem["staff"]]
    together["covers"] = []
    shifts = ScheduledShift.objects.filter(schedule__in=[first, second]).select_related("staff")
    both = [Assignment(s.date, s.shift, s.staff.code, s.role) for s in shifts]
    assert violations(problem_from_json(together), both) == []


def test_a_later_schedule_rules_its_days_even_where_it_has_someone_off(hotel, team, manager):
    first = schedule_generate(property=hotel.property, actor=manager, start=START, days=7, time_limit=5)
    schedule_publish(schedule=first, actor=manager)
    me = team[0]
    worked = ScheduledShift.objects.filter(schedule=first, staff=me).order_by("date").first()
    shift_request_add(property=hotel.property, actor=me.user, date=worked.date, on=False)
    second = schedule_generate(property=hotel.property, actor=manager, start=START, days=7, time_limit=5)
    assert not second.shifts.filter(staff=me, date=worked.date).exists()
    schedule_publish(schedule=second, actor=manager)
    mine = my_shifts(user=me.user, property=hotel.property, start=START, end=day(6))
    assert worked.date not in {s.date for s in mine}
    assert {s.schedule_id for s in mine} == {second.pk}
    assert today_shift(property=hotel.property, staff=me, today=worked.date) is None


# --- the sick call --------------------------------------------------------------------------------


def test_a_sick_call_re_plans_the_published_days_with_few_changes(hotel, team, manager):
    published = schedule_generate(property=hotel.property, actor=manager, start=START, days=7, time_limit=5)
    schedule_publish(schedule=published, actor=manager)
    sick = team[0]  # (Person 1 is on leave on days 2 and 3, so the sick call is for days 4 and 5)
    lost = ScheduledShift.objects.filter(schedule=published, staff=sick, date__in=[day(4), day(5)]).count()
    before = published_shifts(property=hotel.property, start=START, end=day(6))
    leave, replan = sick_call(
        property=hotel.property, actor=manager, staff=sick, start=day(4), end=day(5), reason="Flu"
    )
    assert (leave.kind, leave.status, leave.decided_by) == ("sick", "approved", manager)
    assert replan.status == "solving" and replan.start == day(4) and replan.days == 3 and "Person 0" in replan.note
    replan = schedule_solve(replan.pk)
    assert replan.status == "draft" and kept_rules(replan) == []
    assert not replan.shifts.filter(staff=sick, date__in=[day(4), day(5)]).exists()
    assert replan.result["penalties"]["by_rule"]["cover_under"]["units"] == 0  # every need still met
    after = {(s.staff_id, s.date): (s.shift, s.role) for s in replan.shifts.all()}
    changed = {k for k in set(before) | set(after) if k[1] >= day(4) and before.get(k) != after.get(k)}
    # The sick person's shifts go; each needs at most a couple of moves to cover.
    assert lost <= len(changed) <= 3 * lost
    grid = schedule_grid(replan)
    assert len(grid["changed"]) == len(changed)
    schedule_publish(schedule=replan, actor=manager)
    if sick.user:
        mine = my_shifts(user=sick.user, property=hotel.property, start=START, end=day(6))
        assert not {s.date for s in mine} & {day(4), day(5)}
        assert {s.date for s in mine if s.date < day(4)} == {d for (pk, d) in before if pk == sick.pk and d < day(4)}


def test_days_of_leave_count_towards_the_contracts_minimum_pro_rata(hotel, team, manager):
    team[1].rules = {"min_minutes": 7 * 480}  # every day of the week, but two of them on leave
    team[1].save()
    problem = schedule_problem(property=hotel.property, start=START, days=7)
    entry = next(m for m in problem["staff"] if m["id"] == "p1")
    assert entry["min_minutes"] == 5 * 480
    schedule = schedule_generate(property=hotel.property, actor=manager, start=START, days=7, time_limit=5)
    assert schedule.result["status"] in ("optimal", "feasible") and schedule.shifts.filter(staff=team[1]).count() == 5


def test_a_sick_call_with_nothing_published_records_the_leave_only(hotel, team, manager):
    leave, replan = sick_call(property=hotel.property, actor=manager, staff=team[1], start=day(1), end=day(1))
    assert replan is None and leave.kind == "sick"


def test_a_refused_sick_call_records_nothing(hotel, team, manager, agent):
    with pytest.raises(PermissionDenied):
        sick_call(property=hotel.property, actor=agent, staff=team[1], start=day(1), end=day(1))
    with pytest.raises(InvalidInput):
        sick_call(property=hotel.property, actor=manager, staff=team[1], start=day(2), end=day(1))
    with pytest.raises(InvalidInput):
        sick_call(property=hotel.property, actor=manager, staff=team[1], start=day(-5), end=day(1))
    assert not LeaveRequest.objects.filter(kind="sick").exists()


def test_the_manager_records_a_sick_call_on_the_web_and_reviews_the_re_plan(hotel, team, manager):
    published = schedule_generate(property=hotel.property, actor=manager, start=START, days=7, time_limit=5)
    schedule_publish(schedule=published, actor=manager)
    client = signed_in(manager)
    answer = client.post(
        "/staff/sick-call/", {"staff": "p1", "start": day(1).isoformat(), "end": day(1).isoformat(), "reason": ""}
    )
    replan = published.property.schedules.exclude(pk=published.pk).get()
    assert answer.status_code == 302 and answer["Location"] == f"/staff/schedules/{replan.pk}/"
    page = client.get(answer["Location"]).content.decode()
    assert 'id="schedule-note"' in page and "Person 1" in page and 'id="publish"' in page


# --- at the same moment (PostgreSQL) --------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_need_and_the_same_request_set_at_once_are_kept_once():
    hotel = make_hotel(code="RACE")
    boss = make_user("raceboss", "front_office_manager", hotel.property)
    worker = make_user("raceworker", "front_desk_agent", hotel.property)
    StaffMember.objects.create(property=hotel.property, user=worker, code="w", name="W", roles=["front_desk"])
    when = hotel.property.business_date + dt.timedelta(days=3)

    def need(i):
        return cover_set(property=hotel.property, actor=boss, date=when, shift="morning", role="front_desk", min=i + 1)

    outcomes = run_clients(6, need)
    assert all(isinstance(o, (CoverOverride, Conflict)) for o in outcomes), outcomes
    assert CoverOverride.objects.filter(property=hotel.property).count() == 1
    kept = CoverOverride.objects.get(property=hotel.property)
    assert kept.min in {o.min for o in outcomes if isinstance(o, CoverOverride)}

    def ask(_i):
        return shift_request_add(property=hotel.property, actor=worker, date=when, on=False)

    asked = run_clients(6, ask)
    assert len([o for o in asked if isinstance(o, ShiftRequest)]) == 1
    assert all(o.code == "duplicate" for o in asked if isinstance(o, Conflict)), asked
    assert ShiftRequest.objects.filter(property=hotel.property).count() == 1
