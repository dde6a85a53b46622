"""The time clock and timesheets: clocking in and out, the manager's corrections, each person's
timesheet for a period (scheduled against worked, overtime, night minutes), its approval, and
the HR export.

Load → decide → persist: the figures come from ``domain.timesheet`` (the rules are documented
there); this module loads the published shifts and the clock entries and stores the approval.

- **Who clocks:** anyone signed in at the property who is on its staff list (a ``StaffMember``
  whose user is them), for themselves only.
- **One open entry per person:** the database backs it (``clock_one_open``), so two devices
  clocking in at once leave one entry and the other gets ``already_clocked_in``.
- **Weekly allowance for overtime:** the person's rules over their contract's (the scheduling
  set-up): ``weekly_minutes`` when present, else ``max_minutes`` read as minutes a week, else 40 h.
- **Late arrival and early leave** are reported beyond ``TOLERANCE_MINUTES``.
- **Corrections** (approve_timesheets) need a reason, kept in the audit trail; an approved period is
  closed to them, and an approved period cannot hold an open entry.
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from frontoffice.core.access import require
from frontoffice.core.audit import audit_record
from frontoffice.core.domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from frontoffice.core.models import Property
from frontoffice.folios.services.inputs import free_text
from frontoffice.staff.domain import timesheet as sheet
from frontoffice.staff.models import (
    ClockEntry,
    Schedule,
    ScheduledShift,
    SchedulingSetup,
    StaffMember,
    TimesheetApproval,
)
from frontoffice.staff.selectors import ruling_schedules

VIEW = "core.view_timesheets"
APPROVE = "core.approve_timesheets"
TOLERANCE_MINUTES = 5
MAX_PERIOD_DAYS = 62


# --- clocking in and out ------------------------------------------------------------------


def staff_member_of(*, property: Property, user) -> StaffMember | None:
    """The user's own entry on the property's staff list (active), if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return StaffMember.objects.filter(property=property, user=user, active=True).first()


def _member_or_refuse(property: Property, actor) -> StaffMember:
    member = staff_member_of(property=property, user=actor)
    if member is None:
        raise PermissionDenied(_("You are not on this property's staff list."))
    return member


def open_entry(*, staff: StaffMember) -> ClockEntry | None:
    return ClockEntry.objects.filter(staff=staff, clock_out__isnull=True).first()


def clock_in(*, property: Property, actor, now: dt.datetime | None = None) -> ClockEntry:
    """Clock the actor in. Refused when they are not on the staff list or already clocked in;
    the one-open-entry constraint settles two devices clocking in at the same moment."""
    member = _member_or_refuse(property, actor)
    moment = now or timezone.now()
    already = Conflict(_("You are already clocked in."), code="already_clocked_in")
    try:
        with transaction.atomic():
            # The staff row is the lock both devices queue on; the constraint is the last word.
            StaffMember.objects.select_for_update().filter(pk=member.pk).first()
            if ClockEntry.objects.filter(staff=member, clock_out__isnull=True).exists():
                raise already
            return ClockEntry.objects.create(property=property, staff=member, clock_in=moment)
    except IntegrityError:
        raise already from None


def clock_out(*, property: Property, actor, now: dt.datetime | None = None) -> ClockEntry:
    """Clock the actor out of their open entry."""
    member = _member_or_refuse(property, actor)
    moment = now or timezone.now()
    with transaction.atomic():
        entry = ClockEntry.objects.select_for_update().filter(staff=member, clock_out__isnull=True).first()
        if entry is None:
            raise Conflict(_("You are not clocked in."), code="not_clocked_in")
        if moment <= entry.clock_in:
            raise Conflict(_("The clock-out must be after the clock-in."), code="clock_out_before_in")
        entry.clock_out = moment
        entry.save(update_fields=["clock_out"])
    return entry


def _approved_on(staff: StaffMember, day: dt.date) -> bool:
    return TimesheetApproval.objects.filter(staff=staff, start__lte=day, end__gte=day).exists()


def clock_entry_correct(
    *,
    property: Property,
    entry_id: int,
    actor,
    clock_in: dt.datetime,
    clock_out: dt.datetime,
    reason: str,
) -> ClockEntry:
    """The manager corrects an entry (a forgotten clock-out, a wrong time) with a reason kept in the
    audit trail. Refused on a day of an approved timesheet, and when it would overlap another entry."""
    require(actor, APPROVE)
    reason = free_text(reason, "reason", 200)
    if not reason:
        raise InvalidInput(
            _("Give the reason for the correction."), errors=[{"field": "reason", "message": _("Required.")}]
        )
    if clock_out <= clock_in:
        raise InvalidInput(
            _("The clock-out must be after the clock-in."),
            errors=[{"field": "clock_out", "message": _("The clock-out must be after the clock-in.")}],
        )
    tz = property.tz
    with transaction.atomic():
        entry = ClockEntry.objects.select_for_update().filter(pk=entry_id, property=property).first()
        if entry is None:
            raise NotFound(_("No such clock entry."))
        for day in {entry.clock_in.astimezone(tz).date(), clock_in.astimezone(tz).date()}:
            if _approved_on(entry.staff, day):
                raise Conflict(
                    _("The timesheet of %(day)s is already approved.") % {"day": day.isoformat()},
                    code="timesheet_approved",
                )
        overlapping = (
            ClockEntry.objects.filter(staff_id=entry.staff_id, clock_in__lt=clock_out)
            .exclude(pk=entry.pk)
            .exclude(clock_out__lte=clock_in)
            .exists()
        )
        if overlapping:
            raise Conflict(_("The corrected times overlap another clock entry."), code="entries_overlap")
        before = {"clock_in": entry.clock_in, "clock_out": entry.clock_out}
        entry.clock_in, entry.clock_out = clock_in, clock_out
        entry.save(update_fields=["clock_in", "clock_out"])

        def shown(moment: dt.datetime | None) -> dt.datetime | None:
            return moment.astimezone(tz) if moment else None  # the audit reads in the hotel's time

        audit_record(
            property=property,
            entity="clock_entry",
            entity_id=entry.pk,
            action="correct",
            actor=actor,
            changes={k: [shown(v), shown(getattr(entry, k))] for k, v in before.items() if v != getattr(entry, k)},
            reason=reason,
        )
    return entry


# --- timesheets ---------------------------------------------------------------------------


def weekly_minutes_of(member: StaffMember, contracts: dict) -> int:
    """The weekly allowance beyond which work is overtime: the person's ``weekly_minutes`` over
    their contract's, else 40 hours. (``max_minutes`` is the schedule's total over its horizon,
    not a week's: it is not read here.)"""
    rules = {**dict(contracts.get(member.contract) or {}), **dict(member.rules or {})}
    value = rules.get("weekly_minutes")
    if isinstance(value, int) and value > 0:
        return value
    return sheet.DEFAULT_WEEKLY_MINUTES


def period_check(start: dt.date, end: dt.date, max_days: int = MAX_PERIOD_DAYS, too_long: str | None = None) -> None:
    """A period from ``start`` to ``end`` included, of at most ``max_days`` days (a timesheet's by
    default; ``too_long`` says what else, with ``%(n)s`` for the limit)."""
    if not (
        dt.date(1900, 1, 1) <= start <= dt.date(2199, 12, 31) and dt.date(1900, 1, 1) <= end <= dt.date(2199, 12, 31)
    ):
        raise InvalidInput(_("Give dates between 1900 and 2199."), errors=[{"field": "start"}])
    if end < start:
        raise InvalidInput(_("The period ends before it starts."), errors=[{"field": "end"}])
    if (end - start).days + 1 > max_days:
        text = too_long or _("A timesheet covers at most %(n)s days.")
        raise InvalidInput(text % {"n": max_days}, errors=[{"field": "end"}])


def _midnight(property: Property, day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=property.tz)


def _published_shifts(property: Property, staff_ids: list[int], start: dt.date, end: dt.date) -> dict:
    """Per staff member the domain shifts of published schedules, each day's from the schedule
    that rules it."""
    ruling = ruling_schedules(property=property, start=start, end=end)
    rows = [
        r
        for r in ScheduledShift.objects.filter(
            schedule_id__in=set(ruling.values()),
            staff_id__in=staff_ids,
            date__gte=start,
            date__lte=end,
        )
        .order_by("staff_id", "date")
        .values("staff_id", "date", "shift", "starts_at", "ends_at", "schedule_id")
        if ruling.get(r["date"]) == r["schedule_id"]
    ]
    minutes: dict[tuple[int, str], int] = {}
    for pk, problem in Schedule.objects.filter(pk__in={r["schedule_id"] for r in rows}).values_list("pk", "problem"):
        for kind in (problem or {}).get("shift_types", []):
            if isinstance(kind.get("minutes"), int):
                minutes[(pk, kind["id"])] = kind["minutes"]
    tz = property.tz
    out: dict[int, list[sheet.Shift]] = {}
    seen = set()
    for r in rows:
        if (r["staff_id"], r["date"]) in seen:
            continue
        seen.add((r["staff_id"], r["date"]))
        out.setdefault(r["staff_id"], []).append(
            sheet.Shift(
                r["date"],
                r["starts_at"].astimezone(tz),
                r["ends_at"].astimezone(tz),
                minutes.get((r["schedule_id"], r["shift"])),
            )
        )
    return out


@dataclass(frozen=True)
class StaffTimesheet:
    staff: StaffMember
    sheet: sheet.Timesheet
    approval: TimesheetApproval | None
    entries: list[ClockEntry]

    @property
    def approved(self) -> bool:
        return self.approval is not None


def _timesheets(property: Property, members: list[StaffMember], start: dt.date, end: dt.date) -> list[StaffTimesheet]:
    """The timesheets of ``members`` in a fixed number of queries."""
    period_check(start, end)
    ids = [m.pk for m in members]
    setup = SchedulingSetup.objects.filter(property=property).values_list("contracts", flat=True).first() or {}
    shifts = _published_shifts(property, ids, start, end)
    first, last = sheet.weeks_around(start, end)
    tz = property.tz
    entries: dict[int, list[ClockEntry]] = {}
    for e in ClockEntry.objects.filter(
        property=property,
        staff_id__in=ids,
        clock_in__gte=_midnight(property, first),
        clock_in__lt=_midnight(property, last + dt.timedelta(days=1)),
    ).order_by("clock_in"):
        entries.setdefault(e.staff_id, []).append(e)
    approvals = {
        a.staff_id: a
        for a in TimesheetApproval.objects.filter(property=property, staff_id__in=ids, start=start, end=end)
    }
    out = []
    for m in members:
        mine = entries.get(m.pk, [])
        computed = sheet.timesheet(
            start=start,
            end=end,
            shifts=shifts.get(m.pk, []),
            entries=[
                sheet.Entry(e.clock_in.astimezone(tz), e.clock_out.astimezone(tz) if e.clock_out else None)
                for e in mine
            ],
            weekly_minutes=weekly_minutes_of(m, setup),
            tolerance_minutes=TOLERANCE_MINUTES,
        )
        in_period = [e for e in mine if start <= e.clock_in.astimezone(tz).date() <= end]
        out.append(StaffTimesheet(m, computed, approvals.get(m.pk), in_period))
    return out


def timesheet(*, property: Property, staff: StaffMember, start: dt.date, end: dt.date) -> StaffTimesheet:
    """One person's timesheet for ``start``–``end`` (both included), with its approval if any."""
    if staff.property_id != property.pk:
        raise NotFound(_("No such staff member."))
    return _timesheets(property, [staff], start, end)[0]


def timesheet_list(*, property: Property, start: dt.date, end: dt.date) -> list[StaffTimesheet]:
    """Every active staff member's timesheet, and those of former staff who clocked in the period."""
    worked = ClockEntry.objects.filter(
        property=property,
        clock_in__gte=_midnight(property, start),
        clock_in__lt=_midnight(property, end + dt.timedelta(days=1)),
    ).values("staff_id")
    members = list(
        StaffMember.objects.filter(property=property)
        .filter(Q(active=True) | Q(pk__in=worked))
        .order_by("name", "code")
        .distinct()
    )
    return _timesheets(property, members, start, end)


def timesheet_approve(
    *, property: Property, staff: StaffMember, start: dt.date, end: dt.date, actor
) -> TimesheetApproval:
    """The manager approves a person's timesheet for the period: the figures are stored as approved.
    Refused while an entry of the period is open (a forgotten clock-out is corrected first)."""
    require(actor, APPROVE)
    with transaction.atomic():
        StaffMember.objects.select_for_update().filter(pk=staff.pk).first()
        found = timesheet(property=property, staff=staff, start=start, end=end)
        if found.sheet.open_entries:
            raise Conflict(
                _("%(name)s has a clock entry without clock-out in this period: correct it first.")
                % {"name": staff.name},
                code="open_entry",
            )
        if found.approval is not None:
            raise Conflict(_("This timesheet is already approved."), code="already_approved")
        try:
            with transaction.atomic():
                approval = TimesheetApproval.objects.create(
                    property=property,
                    staff=staff,
                    start=start,
                    end=end,
                    figures=found.sheet.as_json(),
                    approved_by=actor if getattr(actor, "is_authenticated", False) else None,
                )
        except IntegrityError:
            raise Conflict(_("This timesheet is already approved."), code="already_approved") from None
        audit_record(
            property=property,
            entity="timesheet",
            entity_id=approval.pk,
            action="approve",
            actor=actor,
            changes={
                "staff": [None, staff.code],
                "period": [None, f"{start.isoformat()}/{end.isoformat()}"],
                "worked": [None, found.sheet.worked],
                "overtime": [None, found.sheet.overtime],
            },
        )
    return approval


CSV_HEADER = [
    "staff_code",
    "name",
    "date",
    "scheduled_minutes",
    "worked_minutes",
    "overtime_minutes",
    "night_minutes",
    "approved",
]


def timesheets_csv(*, property: Property, start: dt.date, end: dt.date) -> str:
    """The HR export: per staff member one row a day of the period and a total row (its date is
    the ISO interval ``start/end``); minutes as integers; ``approved`` yes/no (a day is approved
    when a timesheet approved for any period covers it, the total when this period is)."""
    sheets = timesheet_list(property=property, start=start, end=end)
    covering: dict[int, list[tuple[dt.date, dt.date]]] = {}
    for staff_id, first, last in TimesheetApproval.objects.filter(
        property=property, staff_id__in=[s.staff.pk for s in sheets], start__lte=end, end__gte=start
    ).values_list("staff_id", "start", "end"):
        covering.setdefault(staff_id, []).append((first, last))

    def yes(flag: bool) -> str:
        return "yes" if flag else "no"

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for s in sheets:
        periods = covering.get(s.staff.pk, [])
        for day in s.sheet.days:
            approved = any(first <= day.date <= last for first, last in periods)
            writer.writerow(
                [s.staff.code, s.staff.name, day.date.isoformat(), day.scheduled, day.worked, day.overtime, day.night]
                + [yes(approved)]
            )
        t = s.sheet
        whole = s.approved or all(any(f <= d.date <= la for f, la in periods) for d in t.days)
        writer.writerow(
            [s.staff.code, s.staff.name, f"{start.isoformat()}/{end.isoformat()}", t.scheduled, t.worked, t.overtime]
            + [t.night, yes(whole)]
        )
    return out.getvalue()


def today_shift(*, property: Property, staff: StaffMember, today: dt.date) -> ScheduledShift | None:
    """The person's published shift of the day, from the schedule that rules the day."""
    ruling = ruling_schedules(property=property, start=today, end=today).get(today)
    return ScheduledShift.objects.filter(staff=staff, schedule_id=ruling, date=today).first() if ruling else None
