"""Reads for staff scheduling: a schedule as a grid (staff × days, and required against scheduled
per shift and role), each person's own published shifts, and their calendar feed."""

import datetime as dt
from dataclasses import dataclass

from django.core import signing

from frontoffice.core.models import Property
from frontoffice.staff.models import Schedule, ScheduledShift, ScheduleStatus, StaffMember

FEED_SALT = "frontoffice.staff.ical"
LONGEST_SCHEDULE_DAYS = 366


@dataclass(frozen=True)
class CoverRow:
    shift: str
    role: str
    cells: list[tuple[int, int]]  # (required, scheduled) per day

    @property
    def short(self) -> int:
        return sum(max(required - scheduled, 0) for required, scheduled in self.cells)


def schedule_grid(schedule: Schedule) -> dict:
    """The grid the manager reads: per staff member a cell per day (shift and role or nothing),
    and per (shift, role) needed the people required and scheduled each day."""
    dates = [schedule.start + dt.timedelta(days=i) for i in range(schedule.days)]
    index = {d: i for i, d in enumerate(dates)}
    shifts = list(schedule.shifts.select_related("staff").order_by("staff__name", "date"))
    staff = list(StaffMember.objects.filter(property=schedule.property, active=True).order_by("name"))
    rows = {m.pk: [None] * len(dates) for m in staff}
    scheduled: dict[tuple[str, str, int], int] = {}
    for s in shifts:
        rows.setdefault(s.staff_id, [None] * len(dates))[index[s.date]] = s
        key = (s.shift, s.role, index[s.date])
        scheduled[key] = scheduled.get(key, 0) + 1
    required: dict[tuple[str, str, int], int] = {}
    for cover in schedule.problem.get("covers", []):
        if cover.get("date") and dt.date.fromisoformat(cover["date"]) in index:
            required[(cover["shift"], cover["role"], index[dt.date.fromisoformat(cover["date"])])] = cover["min"]
    order = [s["id"] for s in schedule.problem.get("shift_types", [])]
    needs = sorted(
        {(k[0], k[1]) for k in required} | {(k[0], k[1]) for k in scheduled},
        key=lambda sr: (order.index(sr[0]) if sr[0] in order else 99, sr[1]),
    )
    covers = [
        CoverRow(
            shift,
            role,
            [(required.get((shift, role, i), 0), scheduled.get((shift, role, i), 0)) for i in range(len(dates))],
        )
        for shift, role in needs
    ]
    by_id = {m.pk: m for m in staff}
    changed: set[tuple[int, int]] = set()
    if schedule.status == ScheduleStatus.DRAFT:
        before = published_shifts(property=schedule.property, start=dates[0], end=dates[-1])
        for day in published_days(property=schedule.property, start=dates[0], end=dates[-1]):
            for pk, cells in rows.items():
                now = cells[index[day]]
                if ((now.shift, now.role) if now else None) != before.get((pk, day)):
                    changed.add((pk, index[day]))
    return {
        "changed": changed,
        "dates": dates,
        "rows": [
            (by_id[pk], [(cell, (pk, i) in changed) for i, cell in enumerate(cells)])
            for pk, cells in rows.items()
            if pk in by_id
        ],
        "covers": covers,
        "shift_names": {s["id"]: s["name"] for s in schedule.problem.get("shift_types", [])},
    }


def ruling_schedules(*, property: Property, start: dt.date, end: dt.date) -> dict[dt.date, int]:
    """For each day from ``start`` to ``end`` that a published schedule plans, the schedule that
    rules it: the latest published whose period holds the day. A day off in it is a day off, even
    where an earlier schedule had a shift (a re-plan after a sick call takes the shift away)."""
    out: dict[dt.date, int] = {}
    periods = (
        Schedule.objects.filter(
            property=property,
            status=ScheduleStatus.PUBLISHED,
            start__lte=end,
            start__gte=start - dt.timedelta(days=LONGEST_SCHEDULE_DAYS),
        )
        .order_by("published_at", "pk")
        .values_list("pk", "start", "days")
    )
    for pk, first, days in periods:
        for i in range(days):
            day = first + dt.timedelta(days=i)
            if start <= day <= end:
                out[day] = pk
    return out


def published_shifts(*, property: Property, start: dt.date, end: dt.date) -> dict[tuple[int, dt.date], tuple]:
    """The shift each person works each day from ``start`` to ``end`` by the published schedules:
    ``{(staff_id, date): (shift, role)}`` from the schedule that rules each day."""
    ruling = ruling_schedules(property=property, start=start, end=end)
    rows = ScheduledShift.objects.filter(
        schedule_id__in=set(ruling.values()), date__gte=start, date__lte=end
    ).values_list("schedule_id", "staff_id", "date", "shift", "role")
    return {(who, day): (shift, role) for pk, who, day, shift, role in rows if ruling.get(day) == pk}


def published_days(*, property: Property, start: dt.date, end: dt.date) -> set[dt.date]:
    """The days from ``start`` to ``end`` that a published schedule plans (worked or off)."""
    return set(ruling_schedules(property=property, start=start, end=end))


def my_shifts(*, user, property: Property, start: dt.date, end: dt.date) -> list[ScheduledShift]:
    """The user's shifts of published schedules from ``start`` to ``end``, each day's from the
    schedule that rules it."""
    ruling = ruling_schedules(property=property, start=start, end=end)
    shifts = (
        ScheduledShift.objects.filter(
            staff__user=user,
            staff__property=property,
            schedule_id__in=set(ruling.values()),
            date__gte=start,
            date__lte=end,
        )
        .select_related("schedule", "staff")
        .order_by("date")
    )
    return [s for s in shifts if ruling.get(s.date) == s.schedule_id]


def feed_token(*, user, property: Property) -> str:
    """A signed, unguessable token for the user's calendar feed at this property."""
    return signing.dumps({"u": user.pk, "p": property.pk}, salt=FEED_SALT, compress=True)


def feed_owner(token: str) -> tuple[int, int] | None:
    try:
        data = signing.loads(token, salt=FEED_SALT)
    except signing.BadSignature:
        return None
    return data.get("u"), data.get("p")


def ical(shifts: list[ScheduledShift], *, property: Property, names: dict[str, str]) -> str:
    """The shifts as an iCalendar (RFC 5545) feed, times in UTC."""

    def stamp(moment: dt.datetime) -> str:
        return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")

    def text(value: str) -> str:
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")

    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Front Office//Staff schedule//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{text(property.name)}",
    ]
    now = stamp(dt.datetime.now(dt.UTC))
    for s in shifts:
        lines += [
            "BEGIN:VEVENT",
            f"UID:shift-{s.pk}@{property.code.lower()}.frontoffice",
            f"DTSTAMP:{now}",
            f"DTSTART:{stamp(s.starts_at)}",
            f"DTEND:{stamp(s.ends_at)}",
            f"SUMMARY:{text(names.get(s.shift, s.shift))} · {text(s.get_role_display())}",
            f"LOCATION:{text(property.name)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"
