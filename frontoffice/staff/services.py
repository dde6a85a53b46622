"""Writes for staff scheduling: the property's set-up, a schedule generated for a period from the
staff, their approved leave and the staffing needs of the forecast, and its publication.

Load → decide → persist: the problem is built from the database as the JSON the solver reads
(``docs/scheduling.md``), solved by ``domain.solver`` (OR-Tools CP-SAT), and the result kept
with its shifts. Re-planning a period keeps the shifts already published on days before the
first day that changes (a sick call on the 15th leaves the 7th–14th as published).
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from frontoffice.core.access import require
from frontoffice.core.audit import audit_record
from frontoffice.core.domain.errors import Conflict, InvalidInput
from frontoffice.core.models import Property
from frontoffice.rooms.models import Room
from frontoffice.staff.domain.problem import ProblemError, problem_from_json
from frontoffice.staff.domain.schedule import schedule_as_json
from frontoffice.staff.domain.solver import solve
from frontoffice.staff.domain.staffing import StaffingRules
from frontoffice.staff.models import (
    LeaveRequest,
    LeaveStatus,
    Schedule,
    ScheduledShift,
    ScheduleStatus,
    SchedulingSetup,
    StaffMember,
)
from frontoffice.staff.staffing import staffing_covers

PERMISSION = "core.manage_schedules"
MAX_DAYS = 42
SMALL_PROPERTY_ROOMS = 20

ALL_ROLES = ["front_desk", "reservations", "concierge", "porter", "night_audit", "manager", "assistant_manager"]
SHIFTS_CITY = [
    {
        "id": "morning",
        "name": "Morning",
        "start": "07:00",
        "end": "15:00",
        "roles": ["front_desk", "reservations", "concierge", "porter", "manager", "assistant_manager"],
    },
    {"id": "office", "name": "Office", "start": "09:00", "end": "17:00", "roles": ["reservations", "manager"]},
    {
        "id": "afternoon",
        "name": "Afternoon",
        "start": "15:00",
        "end": "23:00",
        "roles": ["front_desk", "concierge", "porter", "manager", "assistant_manager"],
    },
    {
        "id": "night",
        "name": "Night",
        "start": "23:00",
        "end": "07:00",
        "roles": ["night_audit", "front_desk", "porter"],
    },
]
SHIFTS_SMALL = [
    {"id": "morning", "name": "Morning", "start": "07:00", "end": "15:00", "roles": ALL_ROLES},
    {"id": "afternoon", "name": "Afternoon", "start": "15:00", "end": "23:00", "roles": ALL_ROLES},
    {"id": "night", "name": "Night", "start": "23:00", "end": "07:00", "roles": ALL_ROLES},
]
CONTRACTS = {
    "full_time": {
        "min_rest_minutes": 720,
        "max_consecutive_work_days": 6,
        "min_consecutive_days_off": 1,
        "max_working_weekends": 3,
        "max_minutes": 10080,
    },
    "part_time": {
        "min_rest_minutes": 720,
        "max_consecutive_work_days": 4,
        "min_consecutive_days_off": 1,
        "max_minutes": 5040,
    },
}


def scheduling_setup(*, property: Property) -> SchedulingSetup:
    """The property's set-up, made on first use for its size: a small property plans three shifts
    in which one person holds every role; a larger one four, by role."""
    setup = SchedulingSetup.objects.filter(property=property).first()
    if setup is not None:
        return setup
    small = Room.objects.filter(property=property, active=True).count() < SMALL_PROPERTY_ROOMS
    setup, _created = SchedulingSetup.objects.get_or_create(
        property=property,
        defaults={
            "shift_types": SHIFTS_SMALL if small else SHIFTS_CITY,
            "forbidden_successions": [["night", "morning"]] + ([] if small else [["night", "office"]]),
            "contracts": CONTRACTS,
            "staffing_rules": {},
            "weights": {"cover_under": 100, "cover_over": 10, "request": 10},
        },
    )
    return setup


def _dates(start: dt.date, days: int) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range(days)]


def schedule_problem(*, property: Property, start: dt.date, days: int, time_limit: float = 10.0) -> dict:
    """The schedule problem of ``days`` days from ``start``: the set-up's shifts and contracts,
    the active staff with their fixed days off, their approved leave as days they cannot work,
    the shifts already published before today's first open day kept as they are, and the covers
    the staffing rules give for the forecast."""
    setup = scheduling_setup(property=property)
    end = start + dt.timedelta(days=days - 1)
    staff = list(StaffMember.objects.filter(property=property, active=True).order_by("code"))
    leave: dict[int, set[dt.date]] = {}
    approved = LeaveRequest.objects.filter(
        property=property, status=LeaveStatus.APPROVED, start__lte=end, end__gte=start
    ).values_list("staff_id", "start", "end")
    for staff_id, first, last in approved:
        leave.setdefault(staff_id, set()).update(d for d in _dates(first, (last - first).days + 1) if start <= d <= end)
    # Days already published and past (before the business date) are kept as published.
    keep_until = min(property.business_date - dt.timedelta(days=1), end)
    fixed: dict[int, list[dict]] = {}
    if keep_until >= start:
        published = ScheduledShift.objects.filter(
            schedule__property=property,
            schedule__status=ScheduleStatus.PUBLISHED,
            date__gte=start,
            date__lte=keep_until,
        ).order_by("date", "-schedule__published_at")
        seen = set()
        for s in published.values("staff_id", "date", "shift", "role"):
            if (s["staff_id"], s["date"]) not in seen:
                seen.add((s["staff_id"], s["date"]))
                fixed.setdefault(s["staff_id"], []).append(
                    {"date": s["date"].isoformat(), "shift": s["shift"], "role": s["role"]}
                )
    weekday = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    members = []
    for m in staff:
        member = {"id": m.code, "name": m.name, "roles": list(m.roles), **dict(m.rules or {})}
        if m.contract:
            member["contract"] = m.contract
        if m.fixed_days_off:
            member["days_off"] = [weekday[int(d)] if str(d).isdigit() else str(d) for d in m.fixed_days_off]
        if leave.get(m.pk):
            member["unavailable"] = sorted(d.isoformat() for d in leave[m.pk])
        if fixed.get(m.pk):
            member["fixed"] = fixed[m.pk]
        members.append(member)
    shift_ids = [s["id"] for s in setup.shift_types]
    rules = StaffingRules.from_json(setup.staffing_rules)
    return {
        "name": f"{property.name}: {start.isoformat()} + {days} days",
        "horizon": {"start": start.isoformat(), "days": days},
        "time_limit_seconds": time_limit,
        "weights": setup.weights or {},
        "shift_types": setup.shift_types,
        "forbidden_successions": setup.forbidden_successions,
        "contracts": setup.contracts,
        "staff": members,
        "covers": staffing_covers(property=property, start=start, days=days, rules=rules, shifts=shift_ids),
        "requests": [],
    }


def _moment(property: Property, day: dt.date, hhmm: str, next_day: bool = False) -> dt.datetime:
    hour, minute = (int(x) for x in hhmm.split(":"))
    when = dt.datetime.combine(day + dt.timedelta(days=1 if next_day else 0), dt.time(hour, minute))
    return when.replace(tzinfo=ZoneInfo(property.timezone))


def schedule_generate(*, property: Property, actor, start: dt.date, days: int, time_limit: float = 10.0) -> Schedule:
    """Plan ``days`` days from ``start`` and keep it as a draft (with the solver's explanation
    when the hard rules cannot all be met, and then no shifts)."""
    require(actor, PERMISSION)
    if not 1 <= days <= MAX_DAYS:
        raise InvalidInput(_("Plan from 1 to %(n)s days at a time.") % {"n": MAX_DAYS}, errors=[{"field": "days"}])
    if not StaffMember.objects.filter(property=property, active=True).exists():
        raise Conflict(_("There is nobody to plan: add the staff first."), code="no_staff")
    data = schedule_problem(property=property, start=start, days=days, time_limit=time_limit)
    try:
        problem = problem_from_json(data)
    except ProblemError as bad:
        raise InvalidInput(_("The scheduling set-up is not valid."), code="bad_setup", errors=bad.errors) from None
    result = solve(problem, time_limit=time_limit)
    shift_times = {s["id"]: s for s in data["shift_types"]}
    with transaction.atomic():
        schedule = Schedule.objects.create(
            property=property,
            start=start,
            days=days,
            problem=data,
            result=schedule_as_json(result),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        members = {m.code: m for m in StaffMember.objects.filter(property=property)}
        rows = []
        for a in result.assignments:
            shift = shift_times[a.shift]
            overnight = shift["end"] <= shift["start"]
            rows.append(
                ScheduledShift(
                    schedule=schedule,
                    staff=members[a.staff],
                    date=a.date,
                    shift=a.shift,
                    role=a.role,
                    starts_at=_moment(property, a.date, shift["start"]),
                    ends_at=_moment(property, a.date, shift["end"], next_day=overnight),
                )
            )
        ScheduledShift.objects.bulk_create(rows, batch_size=500)
        audit_record(
            property=property,
            entity="schedule",
            entity_id=str(schedule.pk),
            action="generate",
            actor=actor,
            changes={
                "start": start.isoformat(),
                "days": days,
                "status": result.status.value,
                "penalty": result.objective,
            },
        )
    return schedule


def schedule_publish(*, schedule: Schedule, actor) -> Schedule:
    """Publish a draft that has shifts: the staff see it, and it wins over earlier ones for its days."""
    require(actor, PERMISSION)
    with transaction.atomic():
        locked = Schedule.objects.select_for_update().get(pk=schedule.pk)
        if locked.status == ScheduleStatus.PUBLISHED:
            return locked
        if not locked.shifts.exists():
            raise Conflict(_("This schedule has no shifts to publish."), code="nothing_to_publish")
        locked.status = ScheduleStatus.PUBLISHED
        locked.published_at = timezone.now()
        locked.published_by = actor
        locked.save(update_fields=["status", "published_at", "published_by"])
        audit_record(
            property=locked.property,
            entity="schedule",
            entity_id=str(locked.pk),
            action="publish",
            actor=actor,
            changes={"start": locked.start.isoformat(), "days": locked.days},
        )
    return locked
