"""A person's timesheet for a period: scheduled against worked, overtime, night hours and the
differences the manager checks before approving.

Rules (all times are aware datetimes in the property's time zone):

- **The period** is ``start`` to ``end``, both days included.
- **A day's figures** belong to the day a shift or a clock entry *starts* (local date): a night
  shift from 23:00 to 07:00 counts, whole, on the day it began, like the schedule itself.
- **Minutes are real elapsed minutes** (computed in UTC): on the night Madrid puts its clocks
  forward an 22:00–06:00 shift is 7 hours long, on the night it puts them back 9.
- **Scheduled minutes** are the shift's length, or its own ``minutes`` when given (a split shift
  with an unpaid break).
- **Worked minutes** count closed entries only; an open entry (still clocked in, or a forgotten
  clock-out) counts nothing and is reported as a difference until it is closed or corrected.
- **Overtime** is worked time beyond the contract's weekly minutes, **per ISO week** (Monday to
  Sunday), never averaged over the period. Within a week it falls on the last minutes worked, so
  it shows on the days that went over the allowance. A week the period covers only in part is
  judged whole: the days of that week outside the period count towards the allowance (pass their
  entries too) but only the overtime falling on the period's days is the period's. So a week split
  between two monthly timesheets gets its overtime once, on the day it happened — where a pro
  rata allowance (``weekly × days ÷ 7``) would find 11 h of "overtime" in an ordinary 5 × 8 h
  week split Tuesday/Wednesday, and would change the figures of an approved period.
- **Night minutes** are worked minutes between 22:00 and 06:00 local time (the Spanish
  *trabajo nocturno*, Estatuto de los Trabajadores art. 36), wherever the entry began.
- **Differences** per day: ``late_arrival`` (first clock-in after the shift start), ``early_leave``
  (last clock-out before the shift end), each beyond ``tolerance_minutes``; ``absent`` (a scheduled
  day without any clock entry); ``unscheduled`` (minutes worked on a day without a shift);
  ``open_entry`` (an entry without a clock-out).
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

DEFAULT_WEEKLY_MINUTES = 40 * 60
NIGHT_STARTS = dt.time(22, 0)
NIGHT_ENDS = dt.time(6, 0)

LATE_ARRIVAL = "late_arrival"
EARLY_LEAVE = "early_leave"
ABSENT = "absent"
UNSCHEDULED = "unscheduled"
OPEN_ENTRY = "open_entry"
DIFFERENCE_KINDS = (LATE_ARRIVAL, EARLY_LEAVE, ABSENT, UNSCHEDULED, OPEN_ENTRY)


@dataclass(frozen=True)
class Shift:
    """A scheduled shift: the day it belongs to, when it starts and ends, and optionally the
    minutes it counts for (less than its length for a split shift)."""

    date: dt.date
    starts_at: dt.datetime
    ends_at: dt.datetime
    minutes: int | None = None

    @property
    def scheduled_minutes(self) -> int:
        return self.minutes if self.minutes is not None else _minutes(self.starts_at, self.ends_at)


@dataclass(frozen=True)
class Entry:
    """A clock entry: in, and out once the person has left (``None`` while still in)."""

    clock_in: dt.datetime
    clock_out: dt.datetime | None = None

    @property
    def closed(self) -> bool:
        return self.clock_out is not None


@dataclass(frozen=True)
class Difference:
    date: dt.date
    kind: str  # one of DIFFERENCE_KINDS
    minutes: int = 0


@dataclass(frozen=True)
class Day:
    date: dt.date
    scheduled: int
    worked: int
    overtime: int
    night: int
    shifts: tuple[Shift, ...] = ()
    entries: tuple[Entry, ...] = ()
    differences: tuple[Difference, ...] = ()


@dataclass(frozen=True)
class Timesheet:
    start: dt.date
    end: dt.date
    weekly_minutes: int
    days: tuple[Day, ...]
    scheduled: int = 0
    worked: int = 0
    overtime: int = 0
    night: int = 0
    differences: tuple[Difference, ...] = field(default=())

    @property
    def open_entries(self) -> int:
        return sum(1 for d in self.differences if d.kind == OPEN_ENTRY)

    def as_json(self) -> dict:
        """The figures as stored with an approval: totals, per day, and the differences."""
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "weekly_minutes": self.weekly_minutes,
            "scheduled": self.scheduled,
            "worked": self.worked,
            "overtime": self.overtime,
            "night": self.night,
            "days": [
                {
                    "date": d.date.isoformat(),
                    "scheduled": d.scheduled,
                    "worked": d.worked,
                    "overtime": d.overtime,
                    "night": d.night,
                }
                for d in self.days
            ],
            "differences": [
                {"date": d.date.isoformat(), "kind": d.kind, "minutes": d.minutes} for d in self.differences
            ],
        }


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _minutes(first: dt.datetime, last: dt.datetime) -> int:
    """Real minutes elapsed (an aware subtraction in one ZoneInfo ignores a DST change)."""
    return max(int((_utc(last) - _utc(first)).total_seconds() // 60), 0)


def _local_date(moment: dt.datetime) -> dt.date:
    return moment.date()


def night_minutes(first: dt.datetime, last: dt.datetime) -> int:
    """Minutes of ``[first, last)`` between 22:00 and 06:00 local time (``first``'s time zone)."""
    tz = first.tzinfo
    last = last.astimezone(tz) if tz is not None and last.tzinfo is not None else last
    total = 0
    day = first.date() - dt.timedelta(days=1)
    while day <= last.date():
        night_from = dt.datetime.combine(day, NIGHT_STARTS, tzinfo=tz)
        night_to = dt.datetime.combine(day + dt.timedelta(days=1), NIGHT_ENDS, tzinfo=tz)
        lo = max(_utc(first), _utc(night_from))
        hi = min(_utc(last), _utc(night_to))
        if hi > lo:
            total += _minutes(lo, hi)
        day += dt.timedelta(days=1)
    return total


def weeks_around(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """Monday of ``start``'s ISO week and Sunday of ``end``'s: the days whose work decides the
    period's overtime."""
    return start - dt.timedelta(days=start.weekday()), end + dt.timedelta(days=6 - end.weekday())


def _weekly_overtime(worked: dict[dt.date, int], weekly_minutes: int) -> dict[dt.date, int]:
    """Overtime per day: per ISO week, the minutes beyond the allowance, on the days that went
    over it (``worked`` holds every day of whole weeks, in order)."""
    overtime = {}
    so_far: dict[tuple[int, int], int] = {}
    for day in sorted(worked):
        week = day.isocalendar()[:2]
        before = so_far.get(week, 0)
        so_far[week] = before + worked[day]
        overtime[day] = max(so_far[week] - weekly_minutes, 0) - max(before - weekly_minutes, 0)
    return overtime


def timesheet(
    *,
    start: dt.date,
    end: dt.date,
    shifts: Iterable[Shift],
    entries: Iterable[Entry],
    weekly_minutes: int | None = None,
    tolerance_minutes: int = 0,
) -> Timesheet:
    """The timesheet of one person for ``start``–``end`` (both included). Shifts and entries that
    start outside the period belong to the period of the day they started; entries of the days
    around the period in the same ISO weeks (``weeks_around``) are only used to find the overtime
    of those weeks."""
    if end < start:
        raise ValueError("the period ends before it starts")
    weekly = DEFAULT_WEEKLY_MINUTES if weekly_minutes is None else weekly_minutes
    dates = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    first, last = weeks_around(start, end)
    whole_weeks = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    shifts_on: dict[dt.date, list[Shift]] = {d: [] for d in dates}
    entries_on: dict[dt.date, list[Entry]] = {d: [] for d in whole_weeks}
    for s in shifts:
        if s.date in shifts_on:
            shifts_on[s.date].append(s)
    for e in entries:
        day = _local_date(e.clock_in)
        if day in entries_on:
            entries_on[day].append(e)

    worked = {
        d: sum(_minutes(e.clock_in, e.clock_out) for e in entries_on[d] if e.clock_out is not None) for d in whole_weeks
    }
    overtime = _weekly_overtime(worked, weekly)
    days = []
    for d in dates:
        day_shifts = tuple(sorted(shifts_on[d], key=lambda s: _utc(s.starts_at)))
        day_entries = tuple(sorted(entries_on[d], key=lambda e: _utc(e.clock_in)))
        night = sum(night_minutes(e.clock_in, e.clock_out) for e in day_entries if e.clock_out is not None)
        days.append(
            Day(
                date=d,
                scheduled=sum(s.scheduled_minutes for s in day_shifts),
                worked=worked[d],
                overtime=overtime[d],
                night=night,
                shifts=day_shifts,
                entries=day_entries,
                differences=tuple(_differences(d, day_shifts, day_entries, worked[d], tolerance_minutes)),
            )
        )
    differences = tuple(x for day in days for x in day.differences)
    return Timesheet(
        start=start,
        end=end,
        weekly_minutes=weekly,
        days=tuple(days),
        scheduled=sum(d.scheduled for d in days),
        worked=sum(d.worked for d in days),
        overtime=sum(d.overtime for d in days),
        night=sum(d.night for d in days),
        differences=differences,
    )


def _differences(
    day: dt.date, shifts: tuple[Shift, ...], entries: tuple[Entry, ...], worked: int, tolerance: int
) -> list[Difference]:
    found = [Difference(day, OPEN_ENTRY) for e in entries if e.clock_out is None]
    if shifts and not entries:
        found.append(Difference(day, ABSENT, sum(s.scheduled_minutes for s in shifts)))
    elif not shifts and worked:
        found.append(Difference(day, UNSCHEDULED, worked))
    elif shifts and entries:
        late = _minutes(shifts[0].starts_at, entries[0].clock_in)
        if late > tolerance:
            found.insert(0, Difference(day, LATE_ARRIVAL, late))
        outs = [e.clock_out for e in entries if e.clock_out is not None]
        # Only judged once the day's last entry is closed: someone still in has not left early.
        if outs and entries[-1].clock_out is not None:
            last_end = max(shifts, key=lambda s: _utc(s.ends_at)).ends_at
            early = _minutes(max(outs, key=_utc), last_end)
            if early > tolerance:
                found.append(Difference(day, EARLY_LEAVE, early))
    return found
