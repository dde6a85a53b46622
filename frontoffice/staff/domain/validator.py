"""An independent check of a schedule against every hard rule, in plain loops (no OR-Tools).

It is the referee of the solver: tests run it on every schedule the solver returns, so it must not
share the solver's reasoning. Rest is measured here between the real start and end times of
consecutive shifts, runs of days are counted day by day, and so on.

Hard rules (each a ``Violation.rule``):

- ``one_shift_a_day``: at most one shift a day per staff member;
- ``role``: only in a role the staff member holds and the shift serves;
- ``day_off``, ``unavailable``: no work on those dates; ``fixed``: every fixed shift is worked;
- ``succession``: no forbidden succession on consecutive days; ``rest``: between the end of a
  shift and the start of the next at least ``min_rest_minutes`` (and never overlapping);
- ``max_consecutive_work_days``, ``min_consecutive_work_days``, ``min_consecutive_days_off``
  (with the horizon boundaries below);
- ``max_shifts`` per shift type, ``max_working_weekends``, ``min_minutes``, ``max_minutes``;
- ``hard_cover``: at least ``min`` people where a cover is hard.

Boundaries of the horizon: the days before the start are those of the staff member's ``history``
(worked when it names a shift); further back nothing is known. A run of work days (or days off)
is held to its minimum length only if the day before it is known and the day after it is inside
the horizon — a run touching an unknown edge might continue beyond it. The maximum applies to
every run that reaches into the horizon, history days included.
"""

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from frontoffice.staff.domain.messages import role_label, say
from frontoffice.staff.domain.problem import Problem, StaffMember
from frontoffice.staff.domain.schedule import Assignment

# Rules an added shift can never repair: if the fixed shifts alone break one, no schedule exists.
RULES_ONLY_MORE_WORK_BREAKS = frozenset(
    {
        "one_shift_a_day",
        "role",
        "day_off",
        "unavailable",
        "succession",
        "rest",
        "max_consecutive_work_days",
        "max_shifts",
        "max_working_weekends",
        "max_minutes",
    }
)


@dataclass(frozen=True)
class Violation:
    """A hard rule the schedule breaks, for whom and on which days."""

    rule: str
    message: str
    staff: str | None = None
    dates: tuple[dt.date, ...] = ()


def violations(problem: Problem, assignments: Iterable[Assignment]) -> list[Violation]:
    """Every hard rule ``assignments`` break (an empty list for a valid schedule)."""
    assignments = list(assignments)
    found: list[Violation] = []
    by_staff: dict[str, list[Assignment]] = defaultdict(list)
    for a in assignments:
        if a.staff not in problem.staff_by_id:
            found.append(Violation("unknown", say("v_unknown", what=f"staff {a.staff}"), a.staff, (a.date,)))
        elif a.shift not in problem.shifts_by_id:
            found.append(Violation("unknown", say("v_unknown", what=f"shift {a.shift}"), a.staff, (a.date,)))
        else:
            by_staff[a.staff].append(a)
    for member in problem.staff:
        found += staff_violations(problem, member, by_staff[member.id])
    found += cover_violations(problem, assignments)
    return found


def staff_violations(
    problem: Problem, member: StaffMember, assignments: list[Assignment], *, fixed_kept: bool = True
) -> list[Violation]:
    """The hard rules one staff member's ``assignments`` break (``fixed_kept``: check that every
    fixed shift is among them)."""
    found: list[Violation] = []
    name, rules, horizon = member.name, member.rules, problem.horizon

    def breaks(rule: str, code: str, dates=(), **params) -> None:
        found.append(Violation(rule, say(code, staff=name, **params), member.id, tuple(dates)))

    per_day: dict[dt.date, list[Assignment]] = defaultdict(list)
    for a in assignments:
        if a.date not in horizon:
            breaks("outside_horizon", "v_outside_horizon", [a.date], date=a.date)
            continue
        per_day[a.date].append(a)
        shift = problem.shift(a.shift)
        if a.role not in member.roles:
            breaks("role", "v_role_not_held", [a.date], shift=shift.name, date=a.date, role=a.role)
        elif a.role not in shift.roles:
            breaks("role", "v_role_not_served", [a.date], shift=shift.name, date=a.date, role=a.role)
        if a.date in member.days_off:
            breaks("day_off", "v_day_off", [a.date], date=a.date)
        if a.date in member.unavailable:
            breaks("unavailable", "v_unavailable", [a.date], date=a.date)
    for day, worked in sorted(per_day.items()):
        if len(worked) > 1:
            breaks("one_shift_a_day", "v_one_shift_a_day", [day], count=len(worked), date=day)
    if fixed_kept:
        for fixed in member.fixed:
            kept = any(
                a.shift == fixed.shift and (fixed.role is None or a.role == fixed.role)
                for a in per_day.get(fixed.date, ())
            )
            if not kept:
                breaks("fixed", "v_fixed_missing", [fixed.date], shift=problem.shift(fixed.shift).name, date=fixed.date)

    # The shift of each day, history included (the first one if a day has several).
    shift_on: dict[dt.date, str] = {}
    for i, shift_id in enumerate(member.history):
        if shift_id is not None:
            shift_on[horizon.start - dt.timedelta(days=len(member.history) - i)] = shift_id
    for day, worked in per_day.items():
        shift_on[day] = sorted(worked)[0].shift
    found += _successions_and_rest(problem, member, shift_on)
    found += _runs(problem, member, shift_on)

    in_horizon = [a for a in assignments if a.date in horizon]
    per_shift = Counter(a.shift for a in in_horizon)
    for shift_id, limit in rules.max_shifts.items():
        if per_shift[shift_id] > limit:
            shift = problem.shift(shift_id)
            breaks("max_shifts", "v_max_shifts", count=per_shift[shift_id], shift=shift.name, limit=limit)
    if rules.max_working_weekends is not None:
        weekends = {a.date.isocalendar()[:2] for a in in_horizon if a.date.weekday() >= 5}
        if len(weekends) > rules.max_working_weekends:
            dates = sorted({a.date for a in in_horizon if a.date.weekday() >= 5})
            breaks(
                "max_working_weekends", "v_max_weekends", dates, count=len(weekends), limit=rules.max_working_weekends
            )
    minutes = sum(problem.shift(a.shift).minutes for a in in_horizon)
    if rules.min_minutes is not None and minutes < rules.min_minutes:
        breaks("min_minutes", "v_min_minutes", minutes=minutes, limit=rules.min_minutes)
    if rules.max_minutes is not None and minutes > rules.max_minutes:
        breaks("max_minutes", "v_max_minutes", minutes=minutes, limit=rules.max_minutes)
    return found


def _successions_and_rest(problem: Problem, member: StaffMember, shift_on: dict[dt.date, str]) -> list[Violation]:
    """Forbidden successions between consecutive days, and the rest between consecutive shifts,
    measured from the end of one to the start of the next."""
    found = []
    start = problem.horizon.start
    for day, shift_id in sorted(shift_on.items()):
        next_day = day + dt.timedelta(days=1)
        following = shift_on.get(next_day)
        if next_day >= start and (shift_id, following) in problem.forbidden_successions:
            first, second = problem.shift(shift_id).name, problem.shift(following).name
            text = say("v_succession", staff=member.name, first=first, date=day, second=second)
            found.append(Violation("succession", text, member.id, (day, next_day)))
    need = member.rules.min_rest_minutes or 0
    worked = sorted(
        (problem.shift(s).starts_at(day), problem.shift(s).ends_at(day), day, s) for day, s in shift_on.items()
    )
    for (_, ended, day, first), (began, _, next_day, second) in zip(worked, worked[1:], strict=False):
        if next_day < start:
            continue  # both in the history: the past is not ours to judge
        rest = int((began - ended).total_seconds() // 60)
        if rest < need or rest < 0:
            found.append(
                Violation(
                    "rest",
                    say(
                        "v_rest",
                        staff=member.name,
                        rest=rest,
                        first=problem.shift(first).name,
                        date=day,
                        second=problem.shift(second).name,
                        next_date=next_day,
                        need=need,
                    ),
                    member.id,
                    (day, next_day),
                )
            )
    return found


def _runs(problem: Problem, member: StaffMember, shift_on: dict[dt.date, str]) -> list[Violation]:
    """Runs of work days and of days off against the contract's minimum and maximum lengths."""
    rules = member.rules
    if (
        rules.max_consecutive_work_days is None
        and rules.min_consecutive_work_days is None
        and rules.min_consecutive_days_off is None
    ):
        return []
    horizon = problem.horizon
    first_known = horizon.start - dt.timedelta(days=len(member.history))
    days = [first_known + dt.timedelta(days=i) for i in range(len(member.history) + horizon.days)]
    found = []
    i = 0
    while i < len(days):
        working = days[i] in shift_on
        j = i
        while j + 1 < len(days) and (days[j + 1] in shift_on) == working:
            j += 1
        first, last, length = days[i], days[j], j - i + 1
        i = j + 1
        if last < horizon.start:
            continue  # a run wholly in the history
        closed = first > first_known and last < horizon.end  # both of its ends are known
        run = tuple(first + dt.timedelta(days=k) for k in range(length))
        if working and rules.max_consecutive_work_days is not None and length > rules.max_consecutive_work_days:
            found.append(
                Violation(
                    "max_consecutive_work_days",
                    say(
                        "v_max_consecutive_work",
                        staff=member.name,
                        length=length,
                        date=first,
                        limit=rules.max_consecutive_work_days,
                    ),
                    member.id,
                    run,
                )
            )
        if working and closed and rules.min_consecutive_work_days and length < rules.min_consecutive_work_days:
            found.append(
                Violation(
                    "min_consecutive_work_days",
                    say(
                        "v_min_consecutive_work",
                        staff=member.name,
                        length=length,
                        date=first,
                        limit=rules.min_consecutive_work_days,
                    ),
                    member.id,
                    run,
                )
            )
        if not working and closed and rules.min_consecutive_days_off and length < rules.min_consecutive_days_off:
            found.append(
                Violation(
                    "min_consecutive_days_off",
                    say(
                        "v_min_consecutive_off",
                        staff=member.name,
                        length=length,
                        date=first,
                        limit=rules.min_consecutive_days_off,
                    ),
                    member.id,
                    run,
                )
            )
    return found


def cover_violations(problem: Problem, assignments: list[Assignment]) -> list[Violation]:
    """Hard covers with fewer people than their minimum."""
    scheduled = Counter((a.date, a.shift, a.role) for a in assignments)
    found = []
    for day, shift, role in problem.slots():
        cover = problem.cover_on(day, shift.id, role)
        if cover is not None and cover.hard and scheduled[day, shift.id, role] < cover.min:
            count = scheduled[day, shift.id, role]
            found.append(
                Violation(
                    "hard_cover",
                    say(
                        "v_hard_cover",
                        date=day,
                        shift=shift.name,
                        count=count,
                        role=role_label(role, count),
                        need=cover.min,
                    ),
                    None,
                    (day,),
                )
            )
    return found
