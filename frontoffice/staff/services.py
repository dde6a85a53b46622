"""Writes for staff scheduling: the property's set-up, a schedule generated for a period from the
staff, their approved leave and the staffing needs of the forecast, and its publication.

Load → decide → persist: the problem is built from the database as the JSON the solver reads
(``docs/scheduling.md``), solved by ``domain.solver`` (OR-Tools CP-SAT), and the result kept
with its shifts. Re-planning a period keeps the shifts already published on days before the
first day that changes (a sick call on the 15th leaves the 7th–14th as published).
"""

import datetime as dt
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from zoneinfo import ZoneInfo

from django.db import IntegrityError, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from frontoffice.core.access import require
from frontoffice.core.audit import audit_record
from frontoffice.core.domain.errors import Conflict, InvalidInput, PermissionDenied
from frontoffice.core.models import Property
from frontoffice.folios.services.inputs import free_text
from frontoffice.rooms.models import Room
from frontoffice.staff.domain.penalties import penalty_breakdown
from frontoffice.staff.domain.problem import ProblemError, problem_from_json
from frontoffice.staff.domain.schedule import Assignment, schedule_as_json
from frontoffice.staff.domain.solver import solve
from frontoffice.staff.domain.staffing import StaffingRules
from frontoffice.staff.domain.validator import violations
from frontoffice.staff.models import (
    ROLE_CHOICES,
    CoverOverride,
    LeaveRequest,
    LeaveStatus,
    Schedule,
    ScheduledShift,
    ScheduleStatus,
    SchedulingSetup,
    ShiftRequest,
    StaffMember,
    SwapRequest,
    SwapStatus,
)
from frontoffice.staff.selectors import published_days, published_shifts
from frontoffice.staff.staffing import staffing_covers

PERMISSION = "core.manage_schedules"
MAX_DAYS = 42
HISTORY_DAYS = 14
STALLED_AFTER_SECONDS = 120
logger = logging.getLogger(__name__)
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
        "weekly_minutes": 2400,
    },
    "part_time": {
        "min_rest_minutes": 720,
        "max_consecutive_work_days": 4,
        "min_consecutive_days_off": 1,
        "max_minutes": 5040,
        "weekly_minutes": 1200,
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


SETUP_FIELDS = ("shift_types", "forbidden_successions", "contracts", "staffing_rules", "weights")


def scheduling_setup_update(*, property: Property, actor, **fields) -> SchedulingSetup:
    """Replace parts of the set-up (``SETUP_FIELDS``); refused with every mistake, and nothing saved,
    when a schedule problem built from it would not be valid."""
    require(actor, PERMISSION)
    unknown = sorted(set(fields) - set(SETUP_FIELDS))
    if unknown:
        raise InvalidInput(_("Unknown set-up fields: %(names)s.") % {"names": ", ".join(unknown)})
    setup = scheduling_setup(property=property)
    for key, value in fields.items():
        setattr(setup, key, value)
    first = setup.shift_types[0] if setup.shift_types and isinstance(setup.shift_types[0], dict) else {}
    first_roles = first.get("roles") or ["front_desk"]
    trial = {
        "horizon": {"start": property.business_date.isoformat(), "days": 1},
        "shift_types": setup.shift_types,
        "forbidden_successions": setup.forbidden_successions,
        "contracts": {name: schedule_rules(rules) for name, rules in (setup.contracts or {}).items()},
        "weights": setup.weights,
        "staff": [{"id": "trial", "name": "Trial", "roles": list(first_roles)[:1]}],
        "covers": [],
    }
    try:
        StaffingRules.from_json(setup.staffing_rules)
        problem_from_json(trial)
    except (ProblemError, ValueError) as bad:
        errors = getattr(bad, "errors", None) or [{"path": "staffing_rules", "message": str(bad)}]
        raise InvalidInput(
            _("The scheduling set-up is not valid."),
            errors=[{"field": e.get("path"), "message": e.get("message")} for e in errors],
        ) from None
    setup.save()
    return setup


def staff_member_add(*, property: Property, actor, code: str, roles: list[str], **fields) -> StaffMember:
    """A new member of the staff, with known roles and a code no one else at the property has."""
    require(actor, PERMISSION)
    unknown = sorted(set(roles) - {key for key, _label in ROLE_CHOICES})
    if unknown:
        raise InvalidInput(_("Unknown roles: %(roles)s.") % {"roles": ", ".join(unknown)}, errors=[{"field": "roles"}])
    taken = InvalidInput(_("The code %(code)s is taken.") % {"code": code}, errors=[{"field": "code"}])
    if StaffMember.objects.filter(property=property, code=code).exists():
        raise taken
    try:
        with transaction.atomic():
            return StaffMember.objects.create(property=property, code=code, roles=roles, **fields)
    except IntegrityError:
        raise taken from None


def _dates(start: dt.date, days: int) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range(days)]


def schedule_problem(*, property: Property, start: dt.date, days: int, time_limit: float = 10.0) -> dict:
    """The schedule problem of ``days`` days from ``start``: the set-up's shifts and contracts,
    the active staff with their fixed days off, their approved leave as days they cannot work,
    what the published schedules had them work just before ``start`` (so rest and runs of days
    carry over), the shifts already published before today's first open day kept as they are,
    the covers the staffing rules give for the forecast with the manager's own covers of a day
    over them, and the staff's requests to work or not."""
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
        for (staff_id, day), (shift, role) in published_shifts(property=property, start=start, end=keep_until).items():
            fixed.setdefault(staff_id, []).append({"date": day.isoformat(), "shift": shift, "role": role})
    history = published_history(property=property, before=start)
    shift_ids = [s["id"] for s in setup.shift_types]
    weekday = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    members = []
    for m in staff:
        member = {"id": m.code, "name": m.name, "roles": list(m.roles), **schedule_rules(m.rules)}
        if m.contract:
            member["contract"] = m.contract
        if m.fixed_days_off:
            member["days_off"] = [weekday[int(d)] if str(d).isdigit() else str(d) for d in m.fixed_days_off]
        if leave.get(m.pk):
            member["unavailable"] = sorted(d.isoformat() for d in leave[m.pk])
            # Days of leave count towards the minimum the contract asks over the period, pro rata.
            least = (m.rules or {}).get("min_minutes", (setup.contracts or {}).get(m.contract, {}).get("min_minutes"))
            if isinstance(least, int) and least > 0:
                member["min_minutes"] = least * (days - len(leave[m.pk])) // days
        if fixed.get(m.pk):
            member["fixed"] = sorted(fixed[m.pk], key=lambda f: f["date"])
        if m.pk in history:
            member["history"] = [shift if shift in shift_ids else None for shift in history[m.pk]]
        members.append(member)
    rules = StaffingRules.from_json(setup.staffing_rules)
    covers = staffing_covers(property=property, start=start, days=days, rules=rules, shifts=shift_ids)
    by_hand = cover_overrides(property=property, start=start, end=end, shifts=shift_ids)
    if by_hand:
        replaced = {(c["date"], c["shift"], c["role"]) for c in by_hand}
        covers = [c for c in covers if (c.get("date"), c["shift"], c["role"]) not in replaced] + by_hand
    codes = {m.pk: m.code for m in staff}
    requests = [
        {"staff": codes[r.staff_id], "date": str(r.date), "shift": r.shift or None, "on": r.on, "weight": r.weight}
        for r in ShiftRequest.objects.filter(property=property, date__gte=start, date__lte=end).order_by("date", "id")
        if r.staff_id in codes and (not r.shift or r.shift in shift_ids)
    ]
    return {
        "name": f"{property.name}: {start.isoformat()} + {days} days",
        "horizon": {"start": start.isoformat(), "days": days},
        "time_limit_seconds": time_limit,
        "weights": setup.weights or {},
        "shift_types": setup.shift_types,
        "forbidden_successions": setup.forbidden_successions,
        "contracts": {name: schedule_rules(rules) for name, rules in (setup.contracts or {}).items()},
        "staff": members,
        "covers": covers,
        "requests": requests,
    }


def cover_overrides(*, property: Property, start: dt.date, end: dt.date, shifts: list[str]) -> list[dict]:
    """The manager's own covers of the days from ``start`` to ``end``, as the problem's covers."""
    out = []
    for c in CoverOverride.objects.filter(property=property, date__gte=start, date__lte=end, shift__in=shifts):
        cover = {"date": c.date.isoformat(), "shift": c.shift, "role": c.role, "min": c.min}
        if c.max is not None:
            cover["max"] = c.max
        if c.hard:
            cover["hard"] = True
        out.append(cover)
    return out


def published_history(*, property: Property, before: dt.date) -> dict[int, list[str | None]]:
    """Per person, the shift (or ``None``) of each of the last days before ``before`` that the
    published schedules plan without a gap, oldest first (at most 14 days)."""
    window = before - dt.timedelta(days=HISTORY_DAYS)
    covered = published_days(property=property, start=window, end=before - dt.timedelta(days=1))
    days = []
    day = before - dt.timedelta(days=1)
    while day in covered and len(days) < HISTORY_DAYS:
        days.insert(0, day)
        day -= dt.timedelta(days=1)
    if not days:
        return {}
    worked = published_shifts(property=property, start=days[0], end=days[-1])
    staff = {staff_id for staff_id, _day in worked}
    return {pk: [worked.get((pk, d), (None,))[0] for d in days] for pk in staff} | {
        pk: [None] * len(days)
        for pk in StaffMember.objects.filter(property=property, active=True).values_list("pk", flat=True)
        if pk not in staff
    }


def schedule_rules(rules: dict | None) -> dict:
    """A contract's or person's rules as the schedule problem reads them: ``weekly_minutes`` (the
    hours a week beyond which the timesheet counts overtime) is not a scheduling rule."""
    return {k: v for k, v in (rules or {}).items() if k != "weekly_minutes"}


def _moment(property: Property, day: dt.date, hhmm: str, next_day: bool = False) -> dt.datetime:
    hour, minute = (int(x) for x in hhmm.split(":"))
    when = dt.datetime.combine(day + dt.timedelta(days=1 if next_day else 0), dt.time(hour, minute))
    return when.replace(tzinfo=ZoneInfo(property.timezone))


def schedule_generate(*, property: Property, actor, start: dt.date, days: int, time_limit: float = 10.0) -> Schedule:
    """Plan ``days`` days from ``start`` and keep it as a draft (with the solver's explanation
    when the hard rules cannot all be met, and then no shifts), searching here and now."""
    schedule = schedule_prepare(property=property, actor=actor, start=start, days=days, time_limit=time_limit)
    return schedule_solve(schedule.pk)


def schedule_prepare(
    *,
    property: Property,
    actor,
    start: dt.date,
    days: int,
    time_limit: float = 10.0,
    more_requests: list[dict] | None = None,
    note: str = "",
) -> Schedule:
    """Build and check the problem of a period and keep it as a schedule being solved (status
    ``solving``); :func:`schedule_solve` searches it, here or in the background."""
    require(actor, PERMISSION)
    if not 1 <= days <= MAX_DAYS:
        raise InvalidInput(_("Plan from 1 to %(n)s days at a time.") % {"n": MAX_DAYS}, errors=[{"field": "days"}])
    if not dt.date(1900, 1, 1) <= start <= dt.date(2199, 12, 1):
        raise InvalidInput(_("Give dates between 1900 and 2199."), errors=[{"field": "start"}])
    if not 1 <= time_limit <= 600:
        raise InvalidInput(_("Search from 1 to 600 seconds."), errors=[{"field": "time_limit"}])
    if not StaffMember.objects.filter(property=property, active=True).exists():
        raise Conflict(_("There is nobody to plan: add the staff first."), code="no_staff")
    data = schedule_problem(property=property, start=start, days=days, time_limit=time_limit)
    data["requests"] += more_requests or []
    try:
        problem_from_json(data)
    except ProblemError as bad:
        raise InvalidInput(_("The scheduling set-up is not valid."), code="bad_setup", errors=bad.errors) from None
    return Schedule.objects.create(
        property=property,
        start=start,
        days=days,
        status=ScheduleStatus.SOLVING,
        problem=data,
        note=note,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def schedule_solve(schedule_id: int, *, report_every: float = 0.5) -> Schedule:
    """Search a schedule being solved and keep the result as a draft with its shifts. While the
    solver searches, each better schedule it finds is written to ``progress`` (at most every
    ``report_every`` seconds) for the page that shows it. A search that fails leaves the schedule
    ``failed`` with the error."""
    schedule = Schedule.objects.select_related("property").get(pk=schedule_id)
    latest: dict = {}

    def note(progress) -> None:
        latest.update(
            solutions=progress.solutions,
            objective=progress.objective,
            bound=round(progress.best_bound),
            seconds=round(progress.seconds, 1),
        )

    try:
        problem = problem_from_json(schedule.problem)
        with ThreadPoolExecutor(max_workers=1) as pool:
            search = pool.submit(solve, problem, time_limit=problem.time_limit_seconds, on_solution=note)
            reported: dict = {}
            while True:
                try:
                    result = search.result(timeout=report_every)
                    break
                except FutureTimeout:
                    if latest != reported:
                        reported = dict(latest)
                        Schedule.objects.filter(pk=schedule.pk, status=ScheduleStatus.SOLVING).update(progress=reported)
    except Exception as failure:
        Schedule.objects.filter(pk=schedule.pk, status=ScheduleStatus.SOLVING).update(
            status=ScheduleStatus.FAILED, result={"error": f"{type(failure).__name__}: {failure}"[:500]}
        )
        raise
    return _schedule_keep(schedule, result, dict(latest))


def _schedule_keep(schedule: Schedule, result, progress: dict) -> Schedule:
    prop = schedule.property
    shift_times = {s["id"]: s for s in schedule.problem["shift_types"]}
    with transaction.atomic():
        locked = Schedule.objects.select_for_update().get(pk=schedule.pk)
        if locked.status != ScheduleStatus.SOLVING:
            return locked
        locked.status = ScheduleStatus.DRAFT
        locked.result = schedule_as_json(result)
        locked.progress = progress
        locked.save(update_fields=["status", "result", "progress"])
        members = {m.code: m for m in StaffMember.objects.filter(property=prop)}
        rows = []
        for a in result.assignments:
            shift = shift_times[a.shift]
            overnight = shift["end"] <= shift["start"]
            rows.append(
                ScheduledShift(
                    schedule=locked,
                    staff=members[a.staff],
                    date=a.date,
                    shift=a.shift,
                    role=a.role,
                    starts_at=_moment(prop, a.date, shift["start"]),
                    ends_at=_moment(prop, a.date, shift["end"], next_day=overnight),
                )
            )
        ScheduledShift.objects.bulk_create(rows, batch_size=500)
        audit_record(
            property=prop,
            entity="schedule",
            entity_id=str(locked.pk),
            action="generate",
            actor=locked.created_by,
            changes={
                "start": locked.start.isoformat(),
                "days": locked.days,
                "status": result.status.value,
                "penalty": result.objective,
                **({"note": locked.note} if locked.note else {}),
            },
        )
    return locked


def schedule_solve_in_background(schedule_id: int) -> threading.Thread:
    """Search in a thread of this process so the page can show the progress; the thread closes its
    own database connection when it ends."""

    def run() -> None:
        try:
            schedule_solve(schedule_id)
        except Exception:
            logger.exception("schedule %s: the search failed", schedule_id)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, name=f"schedule-{schedule_id}", daemon=True)
    thread.start()
    return thread


def schedule_stalled(schedule: Schedule, now: dt.datetime | None = None) -> bool:
    """A search that should have ended long ago (its process stopped): generate again."""
    if schedule.status != ScheduleStatus.SOLVING:
        return False
    limit = float(schedule.problem.get("time_limit_seconds") or 10)
    return (now or timezone.now()) - schedule.created_at > dt.timedelta(seconds=limit + STALLED_AFTER_SECONDS)


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


# --- editing by hand, and swaps -------------------------------------------------------------------


def schedule_check(schedule: Schedule) -> dict:
    """The schedule as it stands (after edits by hand) checked again: every hard rule broken, by
    the independent validator, and the penalty of the soft rules."""
    problem = problem_from_json(schedule.problem)
    current = [
        Assignment(s.date, s.shift, s.staff.code, s.role)
        for s in schedule.shifts.select_related("staff").order_by("id")
    ]
    return {
        "violations": violations(problem, current),
        "penalties": penalty_breakdown(problem, current),
    }


def schedule_edit(
    *, schedule: Schedule, actor, staff: StaffMember, date: dt.date, shift: str = "", role: str = ""
) -> dict:
    """Put ``staff`` on ``shift`` as ``role`` on ``date`` (or off, with no shift), by hand. The
    change is kept even when it breaks a rule (the manager decides), and every rule is checked
    again: the result lists what is broken, as warnings, and the new penalty."""
    require(actor, PERMISSION)
    if schedule.status in (ScheduleStatus.SOLVING, ScheduleStatus.FAILED):
        raise Conflict(_("This schedule has no result to change yet."), code="not_solved")
    if staff.property_id != schedule.property_id:
        raise InvalidInput(_("That person is not on this property's staff."), errors=[{"field": "staff"}])
    if not schedule.start <= date < schedule.start + dt.timedelta(days=schedule.days):
        raise InvalidInput(_("That day is not in this schedule."), errors=[{"field": "date"}])
    shifts = {s["id"]: s for s in schedule.problem.get("shift_types", [])}
    if shift:
        if shift not in shifts:
            raise InvalidInput(_("There is no shift %(shift)s.") % {"shift": shift}, errors=[{"field": "shift"}])
        role = role or next((r for r in staff.roles if r in shifts[shift]["roles"]), "")
        if role not in staff.roles or role not in shifts[shift]["roles"]:
            raise InvalidInput(
                _("%(name)s cannot work that shift in that role.") % {"name": staff.name}, errors=[{"field": "role"}]
            )
    prop = schedule.property
    with transaction.atomic():
        locked = Schedule.objects.select_for_update().get(pk=schedule.pk)
        before = ScheduledShift.objects.filter(schedule=locked, staff=staff, date=date).first()
        ScheduledShift.objects.filter(schedule=locked, staff=staff, date=date).delete()
        if shift:
            overnight = shifts[shift]["end"] <= shifts[shift]["start"]
            ScheduledShift.objects.create(
                schedule=locked, staff=staff, date=date, shift=shift, role=role,
                starts_at=_moment(prop, date, shifts[shift]["start"]),
                ends_at=_moment(prop, date, shifts[shift]["end"], next_day=overnight),
            )  # fmt: skip
        audit_record(
            property=prop,
            entity="schedule",
            entity_id=str(locked.pk),
            action="edit",
            actor=actor,
            changes={
                "staff": staff.code,
                "date": date.isoformat(),
                "shift": [before.shift if before else None, shift or None],
                "role": [before.role if before else None, role or None],
            },
        )
    return schedule_check(locked)


def swap_request(*, shift: ScheduledShift, actor, to_staff: StaffMember, reason: str = "") -> SwapRequest:
    """The person on a published shift offers it to a colleague who can work it (same property,
    holding the role, free that day); the manager decides."""
    mine = StaffMember.objects.filter(property=shift.staff.property_id, user=actor).first()
    if mine is None or mine.pk != shift.staff_id:
        raise PermissionDenied(_("Only the person on a shift can offer it."))
    if shift.schedule.status != ScheduleStatus.PUBLISHED:
        raise Conflict(_("Only a published shift can be swapped."), code="not_published")
    if to_staff.property_id != mine.property_id or to_staff.pk == mine.pk or not to_staff.active:
        raise InvalidInput(_("Choose a colleague of this property."), errors=[{"field": "to_staff"}])
    if shift.role not in to_staff.roles:
        raise InvalidInput(
            _("%(name)s does not work as %(role)s.") % {"name": to_staff.name, "role": shift.get_role_display()},
            errors=[{"field": "to_staff"}],
        )
    if ScheduledShift.objects.filter(schedule=shift.schedule, staff=to_staff, date=shift.date).exists():
        raise Conflict(_("%(name)s already works that day.") % {"name": to_staff.name}, code="colleague_busy")
    reason = free_text(reason, "reason", 200)
    return SwapRequest.objects.create(property_id=mine.property_id, shift=shift, to_staff=to_staff, reason=reason)


def swap_decide(*, swap: SwapRequest, actor, approve: bool) -> dict | None:
    """The manager approves (the shift moves to the colleague, every rule checked again) or refuses."""
    require(actor, PERMISSION)
    with transaction.atomic():
        locked = SwapRequest.objects.select_for_update(of=("self",)).select_related("to_staff").get(pk=swap.pk)
        if locked.status != SwapStatus.REQUESTED:
            raise Conflict(_("This swap has been decided already."), code="already_decided")
        locked.status = SwapStatus.APPROVED if approve else SwapStatus.REFUSED
        locked.decided_by = actor
        locked.save(update_fields=["status", "decided_by"])
        if not approve:
            return None
        shift = (
            ScheduledShift.objects.select_for_update(of=("self",))
            .select_related("schedule", "staff")
            .get(pk=locked.shift_id)
        )
        if ScheduledShift.objects.filter(schedule=shift.schedule, staff=locked.to_staff, date=shift.date).exists():
            raise Conflict(
                _("%(name)s already works that day.") % {"name": locked.to_staff.name}, code="colleague_busy"
            )
        # The shift changes hands (the same row, so the swap keeps pointing at it).
        ScheduledShift.objects.filter(pk=shift.pk).update(staff=locked.to_staff)
        audit_record(
            property=shift.schedule.property,
            entity="schedule",
            entity_id=str(shift.schedule_id),
            action="swap",
            actor=actor,
            changes={
                "date": shift.date.isoformat(),
                "shift": shift.shift,
                "staff": [shift.staff.code, locked.to_staff.code],
            },  # fmt: skip
        )
    return schedule_check(shift.schedule)


def leave_dates_check(start: dt.date, end: dt.date) -> None:
    """Leave (or a sick call) from ``start`` to ``end`` included: at most 60 days at a time."""
    if end < start:
        raise InvalidInput(_("The leave ends before it starts."), errors=[{"field": "end"}])
    if (end - start).days > 60:
        raise InvalidInput(_("Ask for at most 60 days at a time."), errors=[{"field": "end"}])


def leave_request(*, property: Property, actor, start: dt.date, end: dt.date, reason: str = "") -> LeaveRequest:
    """A staff member asks for days off; the manager decides."""
    member = StaffMember.objects.filter(property=property, user=actor, active=True).first()
    if member is None:
        raise PermissionDenied(_("You are not on this property's staff list."))
    leave_dates_check(start, end)
    reason = free_text(reason, "reason", 200)
    return LeaveRequest.objects.create(property=property, staff=member, start=start, end=end, reason=reason)


def leave_decide(*, leave: LeaveRequest, actor, approve: bool) -> LeaveRequest:
    """The manager approves (the next schedules keep those days free) or refuses a leave request."""
    require(actor, PERMISSION)
    with transaction.atomic():
        locked = LeaveRequest.objects.select_for_update().get(pk=leave.pk)
        if locked.status != LeaveStatus.REQUESTED:
            raise Conflict(_("This request has been decided already."), code="already_decided")
        locked.status = LeaveStatus.APPROVED if approve else LeaveStatus.REFUSED
        locked.decided_by = actor
        locked.save(update_fields=["status", "decided_by"])
        audit_record(
            property=locked.property,
            entity="leave",
            entity_id=str(locked.pk),
            action="approve" if approve else "refuse",
            actor=actor,
            changes={"staff": locked.staff.code, "start": locked.start.isoformat(), "end": locked.end.isoformat()},
        )
    return locked
