"""What the staff and the manager add to a plan, and the sick call.

- **Requests**: a person asks to work, or not to work, a shift (or any shift) on a day; the
  solver grants it unless that costs more than its weight. Staff ask for their own days (at the
  set-up's request weight); the manager may ask for anyone, with any weight from 1 to 1,000.
- **Covers by hand**: the people a role needs on a shift of one day, over what the staffing
  rules give (a congress day, a closed floor), hard or soft.
- **Sick call**: the manager records that someone cannot come (sick leave, approved at once) and
  gets a re-plan of the published days from the first day off sick to the end of what is
  published, as a draft: the days before stay as they are (they are the re-plan's history), the
  sick person is off, and everyone else keeps their published shift unless a cover needs them
  moved (each change costs ``KEEP_PUBLISHED_WEIGHT``, less than a person short on a cover).
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from frontoffice.core.access import can, require
from frontoffice.core.audit import audit_record
from frontoffice.core.domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from frontoffice.core.models import Property
from frontoffice.folios.services.inputs import free_text
from frontoffice.staff.domain.problem import DEFAULT_WEIGHTS
from frontoffice.staff.models import (
    ROLE_CHOICES,
    CoverOverride,
    LeaveKind,
    LeaveRequest,
    LeaveStatus,
    Schedule,
    ScheduledShift,
    ScheduleStatus,
    ShiftRequest,
    StaffMember,
)
from frontoffice.staff.selectors import published_shifts
from frontoffice.staff.services import (
    MAX_DAYS,
    PERMISSION,
    leave_dates_check,
    schedule_prepare,
    scheduling_setup,
)

KEEP_PUBLISHED_WEIGHT = 30
MAX_WEIGHT = 1000
MAX_COVER = 200
FAR_AHEAD = dt.timedelta(days=400)


def _shift_ids(property: Property) -> dict[str, dict]:
    return {s["id"]: s for s in scheduling_setup(property=property).shift_types}


def _future_day(property: Property, day: dt.date, field: str = "date") -> None:
    if not property.business_date <= day <= property.business_date + FAR_AHEAD:
        raise InvalidInput(_("Choose a day from today's business date to 400 days ahead."), errors=[{"field": field}])


# --- requests to work or not ----------------------------------------------------------------------


def shift_request_add(
    *,
    property: Property,
    actor,
    date: dt.date,
    on: bool,
    shift: str = "",
    staff: StaffMember | None = None,
    weight: int | None = None,
    reason: str = "",
) -> ShiftRequest:
    """Ask for ``staff`` (oneself when not given) to work (``on``) or not to work ``shift`` (any
    shift when blank) on ``date``. Only the manager asks for someone else or sets the weight."""
    mine = StaffMember.objects.filter(property=property, user=actor, active=True).first()
    manager = can(actor, PERMISSION)
    if staff is None:
        if mine is None:
            raise PermissionDenied(_("You are not on this property's staff list."))
        staff = mine
    if staff.property_id != property.pk or not staff.active:
        raise InvalidInput(_("That person is not on this property's staff."), errors=[{"field": "staff"}])
    if not manager and (staff != mine or weight is not None):
        raise PermissionDenied(_("Only the manager asks for someone else or sets a weight."))
    _future_day(property, date)
    shifts = _shift_ids(property)
    if shift and shift not in shifts:
        raise InvalidInput(_("There is no shift %(shift)s.") % {"shift": shift}, errors=[{"field": "shift"}])
    if shift and on and not set(staff.roles) & set(shifts[shift]["roles"]):
        raise InvalidInput(
            _("%(name)s cannot work that shift in any of their roles.") % {"name": staff.name},
            errors=[{"field": "shift"}],
        )
    default = int((scheduling_setup(property=property).weights or {}).get("request", DEFAULT_WEIGHTS["request"]))
    weight = default if weight is None else weight
    if not 1 <= weight <= MAX_WEIGHT:
        raise InvalidInput(_("Give a weight from 1 to 1,000."), errors=[{"field": "weight"}])
    reason = free_text(reason, "reason", 200)
    try:
        with transaction.atomic():
            request = ShiftRequest.objects.create(
                property=property, staff=staff, date=date, shift=shift, on=on, weight=weight, reason=reason,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
            )  # fmt: skip
    except IntegrityError:
        raise Conflict(
            _("%(name)s has a request for that day and shift already.") % {"name": staff.name}, code="duplicate"
        ) from None
    return request


def shift_request_remove(*, request: ShiftRequest, actor) -> None:
    """Withdraw a request (its owner, or the manager)."""
    mine = StaffMember.objects.filter(property=request.property_id, user=actor).first()
    if not can(actor, PERMISSION) and (mine is None or mine.pk != request.staff_id):
        raise PermissionDenied(_("Only the person who asked, or the manager, withdraws a request."))
    request.delete()


# --- covers by hand -------------------------------------------------------------------------------


def cover_set(
    *,
    property: Property,
    actor,
    date: dt.date,
    shift: str,
    role: str,
    min: int,
    max: int | None = None,
    hard: bool = False,
    note: str = "",
) -> CoverOverride:
    """Set how many people of ``role`` the ``shift`` of ``date`` needs (``max`` defaults to
    ``min``), over what the staffing rules give. Setting it again replaces it."""
    require(actor, PERMISSION)
    _future_day(property, date)
    shifts = _shift_ids(property)
    if shift not in shifts:
        raise InvalidInput(_("There is no shift %(shift)s.") % {"shift": shift}, errors=[{"field": "shift"}])
    if role not in dict(ROLE_CHOICES) or role not in shifts[shift]["roles"]:
        raise InvalidInput(
            _("The %(shift)s shift does not serve that role.") % {"shift": shifts[shift]["name"]},
            errors=[{"field": "role"}],
        )
    if not 0 <= min <= MAX_COVER:
        raise InvalidInput(_("Give from 0 to 200 people."), errors=[{"field": "min"}])
    if max is not None and not min <= max <= MAX_COVER:
        raise InvalidInput(
            _("The most people must be at least the fewest, and at most 200."), errors=[{"field": "max"}]
        )
    note = free_text(note, "note", 200)
    with transaction.atomic():
        try:
            with transaction.atomic():
                cover, created = CoverOverride.objects.update_or_create(
                    property=property, date=date, shift=shift, role=role,
                    defaults={"min": min, "max": max, "hard": hard, "note": note, "created_by": actor},
                )  # fmt: skip
        except IntegrityError:  # set at the same moment by someone else: theirs stands
            raise Conflict(_("That need was set at the same moment; look again."), code="concurrent") from None
        audit_record(
            property=property,
            entity="cover",
            entity_id=str(cover.pk),
            action="set" if created else "change",
            actor=actor,
            changes={"date": date.isoformat(), "shift": shift, "role": role, "min": min, "max": max, "hard": hard},
        )
    return cover


def cover_remove(*, cover: CoverOverride, actor) -> None:
    """Back to what the staffing rules give for that day, shift and role."""
    require(actor, PERMISSION)
    with transaction.atomic():
        audit_record(
            property=cover.property,
            entity="cover",
            entity_id=str(cover.pk),
            action="remove",
            actor=actor,
            changes={"date": cover.date.isoformat(), "shift": cover.shift, "role": cover.role},
        )
        cover.delete()


# --- the sick call --------------------------------------------------------------------------------


def sick_call(
    *,
    property: Property,
    actor,
    staff: StaffMember,
    start: dt.date,
    end: dt.date,
    reason: str = "",
    time_limit: float = 10.0,
) -> tuple[LeaveRequest, Schedule | None]:
    """Record that ``staff`` cannot work from ``start`` to ``end`` (sick leave, approved) and
    prepare the re-plan of the published days from ``start`` (a schedule being solved, or
    ``None`` when nothing from ``start`` on is published). The caller solves it
    (``schedule_solve``, here or in the background); the manager then reviews and publishes it."""
    require(actor, PERMISSION)
    if staff.property_id != property.pk:
        raise NotFound(_("That person is not on this property's staff."))
    leave_dates_check(start, end)
    if not property.business_date <= start <= property.business_date + FAR_AHEAD:
        raise InvalidInput(
            _("A sick call starts from today's business date to 400 days ahead."), errors=[{"field": "start"}]
        )
    reason = free_text(reason, "reason", 200)
    last = ScheduledShift.objects.filter(
        schedule__property=property, schedule__status=ScheduleStatus.PUBLISHED, date__gte=start
    ).aggregate(last=Max("date"))["last"]
    with transaction.atomic():
        leave = LeaveRequest.objects.create(
            property=property, staff=staff, kind=LeaveKind.SICK, start=start, end=end, reason=reason,
            status=LeaveStatus.APPROVED, decided_by=actor,
        )  # fmt: skip
        audit_record(
            property=property,
            entity="leave",
            entity_id=str(leave.pk),
            action="sick_call",
            actor=actor,
            changes={"staff": staff.code, "start": start.isoformat(), "end": end.isoformat()},
        )
        if last is None:
            return leave, None
        days = min((last - start).days + 1, MAX_DAYS)
        until = start + dt.timedelta(days=days - 1)
        codes = dict(StaffMember.objects.filter(property=property, active=True).values_list("pk", "code"))
        shifts = _shift_ids(property)
        published = sorted(
            published_shifts(property=property, start=start, end=until).items(), key=lambda kv: (kv[0][1], kv[0][0])
        )
        keep = [
            {"staff": codes[who], "date": day.isoformat(), "shift": shift, "on": True, "weight": KEEP_PUBLISHED_WEIGHT}
            for (who, day), (shift, _role) in published
            if who in codes and shift in shifts and not (who == staff.pk and start <= day <= end)
        ]
        note = _("Re-plan after a sick call: %(name)s, %(start)s to %(end)s") % {
            "name": staff.name,
            "start": start.isoformat(),
            "end": end.isoformat(),
        }
        schedule = schedule_prepare(
            property=property, actor=actor, start=start, days=days, time_limit=time_limit, more_requests=keep, note=note
        )
    return leave, schedule
