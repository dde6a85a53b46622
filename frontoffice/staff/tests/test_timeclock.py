"""The time clock and timesheets (SQLite and PostgreSQL): clocking in and out, the refusals, the
manager's corrections with their audit trail, approval, the HR export, the pages, and two devices
clocking in at once."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from frontoffice.core.domain.errors import Conflict, InvalidInput, PermissionDenied
from frontoffice.core.models import AuditEntry
from frontoffice.reservations.tests.factories import make_hotel, make_user
from frontoffice.reservations.tests.services.test_races import run_clients
from frontoffice.staff.models import ClockEntry, Schedule, ScheduledShift, StaffMember, TimesheetApproval
from frontoffice.staff.services import schedule_generate
from frontoffice.staff.timeclock import (
    clock_entry_correct,
    clock_in,
    clock_out,
    timesheet,
    timesheet_approve,
    timesheets_csv,
)

MON = dt.date(2026, 6, 1)  # the test hotels' business date, a Monday
SUN = MON + dt.timedelta(days=6)


def local(prop, day: dt.date, hhmm: str, plus_days: int = 0) -> dt.datetime:
    hour, minute = (int(x) for x in hhmm.split(":"))
    return dt.datetime.combine(day + dt.timedelta(days=plus_days), dt.time(hour, minute), tzinfo=prop.tz)


def publish(prop, shifts: list[tuple[StaffMember, dt.date, str, str, str]], *, published_at=None) -> Schedule:
    """A published schedule with the given (person, day, shift id, start, end) rows."""
    schedule = Schedule.objects.create(
        property=prop,
        start=min(s[1] for s in shifts),
        days=7,
        status="published",
        problem={"shift_types": [{"id": "split", "start": "10:00", "end": "22:00", "minutes": 480, "roles": []}]},
        published_at=published_at or timezone.now(),
    )
    for member, day, shift_id, start, end in shifts:
        ScheduledShift.objects.create(
            schedule=schedule,
            staff=member,
            date=day,
            shift=shift_id,
            role="front_desk",
            starts_at=local(prop, day, start),
            ends_at=local(prop, day, end, 1 if end <= start else 0),
        )
    return schedule


def worked(member, day: dt.date, start: str, end: str | None) -> ClockEntry:
    prop = member.property
    out = local(prop, day, end, 1 if end and end <= start else 0) if end else None
    return ClockEntry.objects.create(property=prop, staff=member, clock_in=local(prop, day, start), clock_out=out)


@pytest.fixture
def clerk(hotel, agent):
    return StaffMember.objects.create(
        property=hotel.property, user=agent, code="ana", name="Ana Ruiz", roles=["front_desk"], contract="full_time"
    )


@pytest.fixture
def hr(hotel):
    return make_user("hr", "hr", hotel.property)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


# --- services -----------------------------------------------------------------------------


def test_clocking_in_and_out_records_one_entry(hotel, clerk, agent):
    prop = hotel.property
    entry = clock_in(property=prop, actor=agent, now=local(prop, MON, "06:58"))
    assert entry.staff == clerk and entry.clock_out is None
    closed = clock_out(property=prop, actor=agent, now=local(prop, MON, "15:02"))
    assert closed.pk == entry.pk and closed.clock_out == local(prop, MON, "15:02")
    assert ClockEntry.objects.filter(staff=clerk).count() == 1


def test_someone_not_on_the_staff_list_cannot_clock(hotel, manager):
    with pytest.raises(PermissionDenied):
        clock_in(property=hotel.property, actor=manager)
    with pytest.raises(PermissionDenied):
        clock_out(property=hotel.property, actor=manager)


def test_a_staff_member_of_another_property_is_not_on_this_ones_list(hotel, clerk, agent):
    other = make_hotel(code="ELSE")
    with pytest.raises(PermissionDenied):
        clock_in(property=other.property, actor=agent)


def test_clocking_in_twice_is_refused(hotel, clerk, agent):
    clock_in(property=hotel.property, actor=agent)
    with pytest.raises(Conflict) as refused:
        clock_in(property=hotel.property, actor=agent)
    assert refused.value.code == "already_clocked_in"
    assert ClockEntry.objects.filter(staff=clerk, clock_out__isnull=True).count() == 1


def test_clocking_out_without_clocking_in_is_refused(hotel, clerk, agent):
    with pytest.raises(Conflict) as refused:
        clock_out(property=hotel.property, actor=agent)
    assert refused.value.code == "not_clocked_in"


def test_a_manager_corrects_a_forgotten_clock_out_with_a_reason_in_the_audit_trail(hotel, clerk, manager):
    prop = hotel.property
    entry = worked(clerk, MON, "07:00", None)
    with pytest.raises(InvalidInput):
        clock_entry_correct(
            property=prop,
            entry_id=entry.pk,
            actor=manager,
            clock_in=entry.clock_in,
            clock_out=local(prop, MON, "15:00"),
            reason="  ",
        )
    fixed = clock_entry_correct(
        property=prop,
        entry_id=entry.pk,
        actor=manager,
        clock_in=entry.clock_in,
        clock_out=local(prop, MON, "15:00"),
        reason="Forgot to clock out",
    )
    assert fixed.clock_out == local(prop, MON, "15:00")
    audit = AuditEntry.objects.get(entity="clock_entry", entity_id=str(entry.pk))
    assert audit.action == "correct" and audit.reason == "Forgot to clock out" and audit.actor == manager
    assert audit.changes["clock_out"][0] is None and audit.changes["clock_out"][1] == "2026-06-01T15:00:00+02:00"
    assert "clock_in" not in audit.changes


def test_only_an_approver_corrects_and_never_into_an_overlap(hotel, clerk, agent, manager):
    prop = hotel.property
    first = worked(clerk, MON, "07:00", "11:00")
    second = worked(clerk, MON, "12:00", "15:00")
    with pytest.raises(PermissionDenied):
        clock_entry_correct(
            property=prop,
            entry_id=first.pk,
            actor=agent,
            clock_in=first.clock_in,
            clock_out=local(prop, MON, "15:00"),
            reason="mine",
        )
    with pytest.raises(Conflict) as refused:
        clock_entry_correct(
            property=prop,
            entry_id=second.pk,
            actor=manager,
            clock_in=local(prop, MON, "10:00"),
            clock_out=second.clock_out,
            reason="earlier",
        )
    assert refused.value.code == "entries_overlap"


def test_the_timesheet_puts_the_published_schedule_against_the_clock(hotel, clerk):
    prop = hotel.property
    tue, wed = MON + dt.timedelta(days=1), MON + dt.timedelta(days=2)
    publish(prop, [(clerk, MON, "morning", "07:00", "15:00"), (clerk, tue, "night", "23:00", "07:00")])
    # A later schedule replaces Wednesday only (the latest published wins for its day).
    publish(prop, [(clerk, wed, "split", "10:00", "22:00")], published_at=timezone.now() + dt.timedelta(hours=1))
    worked(clerk, MON, "07:15", "15:00")
    worked(clerk, tue, "23:00", "07:00")
    worked(clerk, wed, "10:00", "14:00")
    worked(clerk, wed, "18:00", "22:00")
    found = timesheet(property=prop, staff=clerk, start=MON, end=SUN).sheet
    days = {d.date: d for d in found.days}
    assert (days[MON].scheduled, days[MON].worked) == (480, 465)
    assert (days[tue].scheduled, days[tue].worked, days[tue].night) == (480, 480, 420)
    assert (days[wed].scheduled, days[wed].worked) == (480, 480)  # the split shift's 480 minutes
    assert [(d.date, d.kind, d.minutes) for d in found.differences] == [(MON, "late_arrival", 15)]
    assert (found.scheduled, found.worked, found.overtime, found.night) == (1440, 1425, 0, 420)


def test_draft_schedules_do_not_count(hotel, clerk):
    schedule = publish(hotel.property, [(clerk, MON, "morning", "07:00", "15:00")])
    schedule.status = "draft"
    schedule.save()
    assert timesheet(property=hotel.property, staff=clerk, start=MON, end=MON).sheet.scheduled == 0


def test_the_contract_weekly_minutes_decide_the_overtime(hotel, clerk):
    clerk.rules = {"weekly_minutes": 20 * 60}  # a part-timer's 20 hours a week
    clerk.save()
    for i in range(4):
        worked(clerk, MON + dt.timedelta(days=i), "07:00", "13:00")
    found = timesheet(property=hotel.property, staff=clerk, start=MON, end=SUN).sheet
    assert found.worked == 24 * 60 and found.overtime == 4 * 60 and found.weekly_minutes == 1200


def test_approving_stores_the_figures_once_and_closes_the_period_to_corrections(hotel, clerk, manager, agent):
    prop = hotel.property
    entry = worked(clerk, MON, "07:00", "15:00")
    with pytest.raises(PermissionDenied):
        timesheet_approve(property=prop, staff=clerk, start=MON, end=SUN, actor=agent)
    approval = timesheet_approve(property=prop, staff=clerk, start=MON, end=SUN, actor=manager)
    assert approval.figures["worked"] == 480 and approval.approved_by == manager
    assert AuditEntry.objects.filter(entity="timesheet", action="approve", entity_id=str(approval.pk)).exists()
    with pytest.raises(Conflict) as again:
        timesheet_approve(property=prop, staff=clerk, start=MON, end=SUN, actor=manager)
    assert again.value.code == "already_approved"
    with pytest.raises(Conflict) as closed:
        clock_entry_correct(
            property=prop,
            entry_id=entry.pk,
            actor=manager,
            clock_in=entry.clock_in,
            clock_out=local(prop, MON, "16:00"),
            reason="late",
        )
    assert closed.value.code == "timesheet_approved"


def test_a_period_with_an_open_entry_cannot_be_approved(hotel, clerk, manager):
    worked(clerk, MON, "07:00", None)
    with pytest.raises(Conflict) as refused:
        timesheet_approve(property=hotel.property, staff=clerk, start=MON, end=SUN, actor=manager)
    assert refused.value.code == "open_entry"
    assert not TimesheetApproval.objects.exists()


def test_the_hr_export_has_a_row_a_day_and_a_total_per_person(hotel, clerk, manager):
    prop = hotel.property
    other = StaffMember.objects.create(property=prop, code="bob", name="Bob Gil", roles=["porter"])
    publish(prop, [(clerk, MON, "night", "22:00", "06:00")])
    worked(clerk, MON, "22:00", "06:00")
    worked(other, MON + dt.timedelta(days=1), "09:00", "13:30")
    timesheet_approve(property=prop, staff=clerk, start=MON, end=SUN, actor=manager)
    rows = list(csv.reader(io.StringIO(timesheets_csv(property=prop, start=MON, end=SUN))))
    assert rows[0] == [
        "staff_code",
        "name",
        "date",
        "scheduled_minutes",
        "worked_minutes",
        "overtime_minutes",
        "night_minutes",
        "approved",
    ]
    assert len(rows) == 1 + 2 * (7 + 1)
    ana = [r for r in rows if r[0] == "ana"]
    assert ana[0] == ["ana", "Ana Ruiz", "2026-06-01", "480", "480", "0", "480", "yes"]
    assert ana[-1] == ["ana", "Ana Ruiz", "2026-06-01/2026-06-07", "480", "480", "0", "480", "yes"]
    bob = [r for r in rows if r[0] == "bob"]
    assert bob[1] == ["bob", "Bob Gil", "2026-06-02", "0", "270", "0", "0", "no"]
    assert bob[-1][2:] == ["2026-06-01/2026-06-07", "0", "270", "0", "0", "no"]


# --- pages --------------------------------------------------------------------------------


def test_the_time_clock_shows_the_status_and_todays_shift_and_clocks_in_and_out(hotel, clerk, agent):
    today = timezone.localdate(timezone=hotel.property.tz)
    publish(hotel.property, [(clerk, today, "morning", "07:00", "15:00")])
    client = signed_in(agent)
    page = client.get("/staff/time-clock/")
    body = page.content.decode()
    assert page.status_code == 200 and 'id="clock-in"' in body and "07:00–15:00" in body
    response = client.post("/staff/time-clock/in/")
    assert response.status_code == 302 and response["Location"] == "/staff/time-clock/"
    assert ClockEntry.objects.filter(staff=clerk, clock_out__isnull=True).count() == 1
    body = client.get("/staff/time-clock/").content.decode()
    assert 'id="clock-out"' in body and "Clocked in since" in body
    client.post("/staff/time-clock/out/")
    assert ClockEntry.objects.get(staff=clerk).clock_out is not None


def test_the_time_clock_refuses_on_the_page_who_is_not_on_the_staff(hotel, manager):
    client = signed_in(manager)
    assert 'id="not-on-staff"' in client.get("/staff/time-clock/").content.decode()
    followed = client.post("/staff/time-clock/in/", follow=True)
    assert "not on this property&#x27;s staff list" in followed.content.decode()
    assert client.get("/staff/time-clock/in/").status_code == 405


@pytest.mark.parametrize("who", ["manager", "hr"])
def test_the_timesheets_page_is_for_managers_and_hr(hotel, clerk, manager, hr, who):
    worked(clerk, MON, "07:00", "15:00")
    client = signed_in({"manager": manager, "hr": hr}[who])
    page = client.get("/staff/timesheets/?start=2026-06-01&end=2026-06-07")
    body = page.content.decode()
    assert page.status_code == 200 and "Ana Ruiz" in body and f'id="timesheet-{clerk.pk}"' in body
    assert ('name="start"' in body.split('id="timesheets"')[1]) is (who == "manager")  # approve button
    detail = client.get(f"/staff/timesheets/{clerk.pk}/?start=2026-06-01&end=2026-06-07")
    assert detail.status_code == 200 and "8:00" in detail.content.decode()


def test_the_timesheets_page_reads_in_the_same_queries_whatever_the_staff_size(hotel, clerk, manager):
    client = signed_in(manager)
    url = "/staff/timesheets/?start=2026-06-01&end=2026-06-07"

    def queries() -> int:
        with CaptureQueriesContext(connection) as seen:
            assert client.get(url).status_code == 200
        return len(seen)

    publish(hotel.property, [(clerk, MON, "morning", "07:00", "15:00")])
    worked(clerk, MON, "07:00", "15:00")
    few = queries()
    for i in range(5):
        member = StaffMember.objects.create(property=hotel.property, code=f"s{i}", name=f"Staff {i}", roles=["porter"])
        publish(hotel.property, [(member, MON, "morning", "07:00", "15:00")])
        worked(member, MON, "07:00", "15:00")
    assert queries() == few


def test_the_timesheets_are_not_for_a_front_desk_agent(hotel, clerk, agent):
    client = signed_in(agent)
    assert client.get("/staff/timesheets/").status_code == 403
    assert client.get("/staff/timesheets/export.csv").status_code == 403
    assert client.post(f"/staff/timesheets/{clerk.pk}/approve/", {"start": "2026-06-01"}).status_code == 403


def test_hr_downloads_the_csv_but_cannot_approve(hotel, clerk, hr):
    worked(clerk, MON, "07:00", "15:00")
    client = signed_in(hr)
    response = client.get("/staff/timesheets/export.csv?start=2026-06-01&end=2026-06-07")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert "ana,Ana Ruiz,2026-06-01,0,480,0,0,no" in response.content.decode()
    data = {"start": "2026-06-01", "end": "2026-06-07"}
    assert client.post(f"/staff/timesheets/{clerk.pk}/approve/", data).status_code == 403


def test_a_manager_approves_and_corrects_from_the_pages(hotel, clerk, manager):
    entry = worked(clerk, MON, "07:00", None)
    client = signed_in(manager)
    period = {"start": "2026-06-01", "end": "2026-06-07"}
    refused = client.post(f"/staff/timesheets/{clerk.pk}/approve/", period, follow=True)
    assert "without clock-out" in refused.content.decode() and not TimesheetApproval.objects.exists()
    client.post(
        f"/staff/timesheets/entries/{entry.pk}/correct/",
        {
            "clock_in": "2026-06-01T07:00",
            "clock_out": "2026-06-01T15:00",
            "reason": "Forgot",
            "next": "/staff/timesheets/",
        },
    )
    entry.refresh_from_db()
    assert entry.clock_out == local(hotel.property, MON, "15:00")
    client.post(f"/staff/timesheets/{clerk.pk}/approve/", period)
    assert TimesheetApproval.objects.get(staff=clerk).figures["worked"] == 480


def test_a_bad_period_is_refused_on_the_page_not_with_an_error(hotel, manager):
    client = signed_in(manager)
    page = client.get("/staff/timesheets/?start=2026-06-10&end=2026-06-01", follow=True)
    assert page.status_code == 200 and "ends before it starts" in page.content.decode()
    assert client.get("/staff/timesheets/export.csv?start=junk").status_code == 302


# --- two devices at once (PostgreSQL) -----------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_person_clocking_in_from_two_devices_at_once_gets_one_open_entry():
    hotel = make_hotel(code="CLOCK")
    user = make_user("twodevices", "front_desk_agent", hotel.property)
    member = StaffMember.objects.create(property=hotel.property, user=user, code="two", name="Two Devices")

    def work(_i):
        return clock_in(property=hotel.property, actor=user)

    outcomes = run_clients(6, work)
    made = [o for o in outcomes if isinstance(o, ClockEntry)]
    refused = [o for o in outcomes if isinstance(o, Conflict)]
    assert len(made) == 1 and len(refused) == 5, outcomes
    assert all(r.code == "already_clocked_in" for r in refused)
    assert ClockEntry.objects.filter(staff=member, clock_out__isnull=True).count() == 1


def test_weekly_hours_are_for_the_timesheet_and_not_read_by_the_scheduler(hotel, clerk, manager):
    clerk.rules = {"weekly_minutes": 20 * 60}
    clerk.save()
    schedule = schedule_generate(property=hotel.property, actor=manager, start=MON, days=3, time_limit=2)
    assert schedule.result["status"] in ("optimal", "feasible")
    assert "weekly_minutes" not in str(schedule.problem["staff"]) and "weekly_minutes" not in str(
        schedule.problem["contracts"]
    )
