"""What the solver hands back: the assignments, how good they are, and why there are none.

``schedule_as_json`` is the one JSON form of a schedule, written by the CLI and returned by the API.
"""

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from frontoffice.staff.domain.messages import say


class Status(StrEnum):
    """``optimal``: no schedule has a lower penalty; ``feasible``: a schedule keeping every hard rule,
    perhaps not the best (time ran out); ``infeasible``: the hard rules cannot all hold (see the
    explanation); ``unknown``: no schedule found within the time limit, and no proof there is none."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"


@dataclass(frozen=True, order=True)
class Assignment:
    """``staff`` works ``shift`` on ``date`` as ``role``."""

    date: dt.date
    shift: str
    staff: str
    role: str

    def as_json(self) -> dict:
        return {"staff": self.staff, "date": self.date.isoformat(), "shift": self.shift, "role": self.role}


@dataclass(frozen=True)
class PenaltyItem:
    """One soft rule not met: a cover short or over-staffed on a day, shift and role (``units``
    people), or a request not granted (``units`` = 1). ``penalty`` = ``units`` × ``weight``."""

    rule: str  # cover_under, cover_over, request
    units: int
    weight: int
    message: str
    date: dt.date
    shift: str | None = None
    role: str | None = None
    staff: str | None = None
    scheduled: int | None = None
    target: int | None = None  # cover_under: the minimum; cover_over: the maximum
    on: bool | None = None  # request: wanted to work (True) or not (False)

    @property
    def penalty(self) -> int:
        return self.units * self.weight

    def as_json(self) -> dict:
        body: dict = {"rule": self.rule, "date": self.date.isoformat(), "shift": self.shift}
        if self.rule == "request":
            body |= {"staff": self.staff, "on": self.on}
        else:
            body |= {"role": self.role, "scheduled": self.scheduled}
            body["required" if self.rule == "cover_under" else "limit"] = self.target
            body["missing" if self.rule == "cover_under" else "surplus"] = self.units
        return body | {"weight": self.weight, "penalty": self.penalty, "message": self.message}


SOFT_RULES = ("cover_under", "cover_over", "request")


@dataclass(frozen=True)
class Penalties:
    """The penalty of a schedule, soft rule by soft rule; ``total`` is the solver's objective."""

    items: tuple[PenaltyItem, ...] = ()

    @property
    def total(self) -> int:
        return sum(item.penalty for item in self.items)

    def by_rule(self) -> dict[str, dict[str, int]]:
        """Per soft rule: how many times it is not met, by how many people, and what it costs."""
        summary = {rule: {"count": 0, "units": 0, "penalty": 0} for rule in SOFT_RULES}
        for item in self.items:
            summary[item.rule]["count"] += 1
            summary[item.rule]["units"] += item.units
            summary[item.rule]["penalty"] += item.penalty
        return summary

    def as_json(self) -> dict:
        return {
            "total": self.total,
            "by_rule": self.by_rule(),
            "items": [item.as_json() for item in self.items],
        }


@dataclass(frozen=True)
class Finding:
    """One reason there is no schedule: a requirement and the days (and people) it concerns."""

    code: str
    message: str
    dates: tuple[dt.date, ...] = ()
    staff: tuple[str, ...] = ()
    shift: str | None = None
    role: str | None = None

    def as_json(self) -> dict:
        return {
            "code": self.code,
            "message": self.message,
            "dates": [d.isoformat() for d in self.dates],
            "staff": list(self.staff),
            "shift": self.shift,
            "role": self.role,
        }


@dataclass(frozen=True)
class Explanation:
    """Why the hard rules cannot all hold: a sentence, then the requirements in conflict."""

    summary: str
    findings: tuple[Finding, ...] = ()

    def as_json(self) -> dict:
        return {"summary": self.summary, "findings": [f.as_json() for f in self.findings]}


@dataclass(frozen=True)
class Progress:
    """A better schedule was just found (reported while the solver runs)."""

    solutions: int
    objective: int
    best_bound: float
    seconds: float


@dataclass(frozen=True)
class Schedule:
    """The solver's answer. ``objective`` is the total penalty (``penalties.total``), ``best_bound``
    the lowest penalty any schedule could have as far as the solver proved, ``gap`` their relative
    distance (0 when optimal). Times are in seconds of wall time: ``first_solution_seconds`` from
    the start of the search to the first schedule keeping every hard rule."""

    status: Status
    assignments: tuple[Assignment, ...] = ()
    objective: int | None = None
    best_bound: float | None = None
    gap: float | None = None
    wall_seconds: float = 0.0
    first_solution_seconds: float | None = None
    solutions: int = 0
    penalties: Penalties | None = None
    explanation: Explanation | None = None
    time_limit_seconds: float | None = None
    workers: int | None = None
    counts: dict = field(default_factory=dict)

    @property
    def found(self) -> bool:
        """A schedule keeping every hard rule was found."""
        return self.status in (Status.OPTIMAL, Status.FEASIBLE)


def schedule_as_json(schedule: Schedule) -> dict:
    """The schedule as the CLI writes it and the API returns it (see docs/scheduling.md)."""
    return {
        "status": schedule.status.value,
        "objective": schedule.objective,
        "best_bound": None if schedule.best_bound is None else round(schedule.best_bound, 3),
        "gap": None if schedule.gap is None else round(schedule.gap, 6),
        "wall_seconds": round(schedule.wall_seconds, 3),
        "first_solution_seconds": (
            None if schedule.first_solution_seconds is None else round(schedule.first_solution_seconds, 3)
        ),
        "solutions": schedule.solutions,
        "time_limit_seconds": schedule.time_limit_seconds,
        "workers": schedule.workers,
        "model": schedule.counts,
        "assignments": [a.as_json() for a in schedule.assignments],
        "penalties": None if schedule.penalties is None else schedule.penalties.as_json(),
        "explanation": None if schedule.explanation is None else schedule.explanation.as_json(),
    }


def no_schedule_in_time() -> Explanation:
    return Explanation(say("no_solution_in_time"))
