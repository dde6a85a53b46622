"""Small schedule problems as JSON, for the tests: a week from Monday 7 December 2026."""

import datetime as dt

from frontoffice.staff.domain.problem import Problem, problem_from_json
from frontoffice.staff.domain.schedule import Schedule
from frontoffice.staff.domain.solver import solve
from frontoffice.staff.domain.validator import violations

START = dt.date(2026, 12, 7)  # a Monday

SHIFTS = [
    {"id": "morning", "name": "Morning", "start": "07:00", "end": "15:00", "roles": ["front_desk", "porter"]},
    {"id": "afternoon", "name": "Afternoon", "start": "15:00", "end": "23:00", "roles": ["front_desk", "porter"]},
    {"id": "night", "name": "Night", "start": "23:00", "end": "07:00", "roles": ["front_desk", "night_audit"]},
]


def day(i: int) -> str:
    """The ISO date of day ``i`` of the horizon (0 = the start)."""
    return (START + dt.timedelta(days=i)).isoformat()


def person(staff_id: str, *roles: str, **rules) -> dict:
    return {"id": staff_id, "name": staff_id.capitalize(), "roles": list(roles or ("front_desk",)), **rules}


def cover(shift: str, minimum: int = 1, role: str = "front_desk", **more) -> dict:
    return {"shift": shift, "role": role, "min": minimum, **more}


def problem_json(*, days: int = 3, staff: list, covers: list = (), shifts: list = SHIFTS, **more) -> dict:
    """A problem where surpluses cost 1 and shortfalls 10 unless a test says otherwise."""
    return {
        "horizon": {"start": START.isoformat(), "days": days},
        "shift_types": list(shifts),
        "staff": list(staff),
        "covers": list(covers),
        "weights": {"cover_under": 10, "cover_over": 1, "request": 5},
        **more,
    }


def solved(data: dict, *, time_limit: float = 2.0) -> tuple[Problem, Schedule]:
    """Solve ``data``; a schedule found must keep every hard rule by the independent validator,
    and cost what its penalty breakdown says."""
    problem = problem_from_json(data)
    schedule = solve(problem, time_limit=time_limit, workers=2)
    if schedule.found:
        assert violations(problem, schedule.assignments) == []
        assert schedule.penalties.total == schedule.objective
    return problem, schedule


def roster(schedule: Schedule, staff_id: str, days: int) -> list[str | None]:
    """One staff member's shift (or None) on each day."""
    by_day = {a.date: a.shift for a in schedule.assignments if a.staff == staff_id}
    return [by_day.get(START + dt.timedelta(days=i)) for i in range(days)]
