"""Staff, the scheduling set-up, schedules (generate, get, publish), timesheets and the HR export
over the API."""

import datetime as dt

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from pydantic import Field

from frontoffice.core.api import MAX_DATE, MIN_DATE, scoped, user_of
from frontoffice.staff.models import ROLE_CHOICES, Schedule, StaffMember
from frontoffice.staff.services import (
    MAX_DAYS,
    schedule_generate,
    schedule_publish,
    scheduling_setup,
    scheduling_setup_update,
    staff_member_add,
)
from frontoffice.staff.timeclock import period_check, timesheet_list, timesheets_csv

router = Router(tags=["staff schedules"])
ROLES = [code for code, _label in ROLE_CHOICES]


class StaffIn(Schema):
    code: str = Field(min_length=1, max_length=20, pattern=r"^[a-z0-9_-]+$")
    name: str = Field(min_length=1, max_length=120)
    roles: list[str] = Field(min_length=1, description=", ".join(ROLES))
    contract: str = Field("", max_length=40)
    fixed_days_off: list[str] = Field(default_factory=list, description="mon … sun")
    languages: list[str] = Field(default_factory=list)
    rules: dict = Field(default_factory=dict, description="This person's own rules over the contract's")


class StaffOut(Schema):
    code: str
    name: str
    roles: list[str]
    contract: str
    fixed_days_off: list[str]
    languages: list[str]
    rules: dict
    active: bool
    username: str | None

    @staticmethod
    def resolve_username(obj):
        return obj.user.username if obj.user_id else None


class SetupIO(Schema):
    shift_types: list[dict]
    forbidden_successions: list[list[str]] = Field(default_factory=list)
    contracts: dict = Field(default_factory=dict)
    staffing_rules: dict = Field(default_factory=dict)
    weights: dict = Field(default_factory=dict)


class GenerateIn(Schema):
    start: dt.date
    days: int = Field(14, ge=1, le=MAX_DAYS)
    time_limit: float = Field(10, gt=0, le=30)


class ScheduleSummaryOut(Schema):
    id: int
    start: dt.date = Field(ge=MIN_DATE, le=MAX_DATE)
    days: int
    status: str = Field(description="solving, draft, published or failed")
    note: str
    progress: dict = Field(description="While solving: schedules found, best penalty, bound, seconds")
    result: dict = Field(description="The solver's answer: status, penalty, gap, assignments, penalties, explanation")
    shifts: list[dict] = Field(description="The shifts as they stand (after edits by hand and swaps)")


def schedule_out(schedule: Schedule) -> dict:
    return {
        "id": schedule.pk,
        "start": schedule.start,
        "days": schedule.days,
        "status": schedule.status,
        "note": schedule.note,
        "progress": schedule.progress,
        "result": schedule.result,
        "shifts": [
            {"staff": s.staff.code, "date": s.date.isoformat(), "shift": s.shift, "role": s.role,
             "starts_at": s.starts_at.isoformat(), "ends_at": s.ends_at.isoformat()}
            for s in schedule.shifts.select_related("staff").order_by("date", "starts_at", "staff__code")
        ],
    }  # fmt: skip


@router.get("/properties/{code}/staff", response=list[StaffOut], summary="The staff list")
def staff_list(request, code: str):
    """Every active staff member with roles, contract and rules. Needs ``core.manage_schedules``."""
    prop = scoped(request, code, "core.manage_schedules")
    return list(StaffMember.objects.filter(property=prop, active=True).select_related("user").order_by("name"))


@router.post("/properties/{code}/staff", response={201: StaffOut}, summary="Add a staff member")
def staff_add(request, code: str, payload: StaffIn):
    """A new member of the staff (without a user account: link one in the admin). Needs
    ``core.manage_schedules``."""
    prop = scoped(request, code, "core.manage_schedules")
    return Status(201, staff_member_add(property=prop, actor=user_of(request), **payload.dict()))


@router.get("/properties/{code}/scheduling-setup", response=SetupIO, summary="Shifts, contracts and staffing rules")
def setup_get(request, code: str):
    """The property's shift types, forbidden successions, contracts, staffing rules and weights, in
    the schedule problem's JSON terms. Needs ``core.manage_schedules``."""
    prop = scoped(request, code, "core.manage_schedules")
    return scheduling_setup(property=prop)


@router.put("/properties/{code}/scheduling-setup", response=SetupIO, summary="Change the scheduling set-up")
def setup_put(request, code: str, payload: SetupIO):
    """Replace the set-up; refused (422, with every mistake) when a problem built from it would not
    be valid. Needs ``core.manage_schedules``."""
    prop = scoped(request, code, "core.manage_schedules")
    return scheduling_setup_update(property=prop, actor=user_of(request), **payload.dict())


@router.post("/properties/{code}/schedules", response={201: ScheduleSummaryOut}, summary="Generate a schedule")
def schedules_generate(request, code: str, payload: GenerateIn):
    """Plan ``days`` days from ``start`` from the staff, their approved leave and the staffing needs
    of the forecast, and keep it as a draft. Needs ``core.manage_schedules``."""
    prop = scoped(request, code, "core.manage_schedules")
    schedule = schedule_generate(
        property=prop, actor=user_of(request), start=payload.start, days=payload.days, time_limit=payload.time_limit
    )
    return Status(201, schedule_out(schedule))


@router.get("/properties/{code}/schedules/{pk}", response=ScheduleSummaryOut, summary="A schedule")
def schedules_get(request, code: str, pk: int):
    prop = scoped(request, code, "core.manage_schedules")
    return schedule_out(get_object_or_404(Schedule, pk=pk, property=prop))


@router.post("/properties/{code}/schedules/{pk}/publish", response=ScheduleSummaryOut, summary="Publish")
def schedules_publish(request, code: str, pk: int):
    """The staff see the schedule's shifts (their own page and calendar feed)."""
    prop = scoped(request, code, "core.manage_schedules")
    schedule = schedule_publish(schedule=get_object_or_404(Schedule, pk=pk, property=prop), actor=user_of(request))
    return schedule_out(schedule)


class PeriodQuery(Schema):
    start: dt.date = Field(ge=MIN_DATE, le=MAX_DATE)
    end: dt.date = Field(ge=MIN_DATE, le=MAX_DATE)
    format: str = Field("json", pattern="^(json|csv)$")


@router.get("/properties/{code}/timesheets", summary="Timesheets of a period (JSON or the HR CSV)")
def timesheets(request, code: str, q: Query[PeriodQuery]):
    """Per staff member: minutes scheduled and worked, overtime, night minutes, differences and
    whether approved, over ``start``–``end`` (at most 62 days); ``format=csv`` is the HR export
    (a row per person and day, and a total per person). Needs ``core.view_timesheets``."""
    prop = scoped(request, code, "core.view_timesheets")
    period_check(q.start, q.end)
    if q.format == "csv":
        response = HttpResponse(timesheets_csv(property=prop, start=q.start, end=q.end),
                                content_type="text/csv; charset=utf-8")  # fmt: skip
        response["Content-Disposition"] = f'attachment; filename="{prop.code}-timesheets-{q.start}-{q.end}.csv"'
        return response
    return {
        "start": q.start,
        "end": q.end,
        "staff": [
            {"code": t.staff.code, "name": t.staff.name, "weekly_minutes": t.sheet.weekly_minutes,
             "scheduled": t.sheet.scheduled, "worked": t.sheet.worked, "overtime": t.sheet.overtime,
             "night": t.sheet.night, "approved": t.approved,
             "differences": [{"date": d.date, "kind": d.kind, "minutes": d.minutes} for d in t.sheet.differences]}
            for t in timesheet_list(property=prop, start=q.start, end=q.end)
        ],
    }  # fmt: skip
