"""Ninja schemas of the schedule solver's answer (the problem itself is documented JSON, read by
``frontoffice.staff.domain.problem``; see docs/scheduling.md)."""

import datetime as dt

from ninja import Schema
from pydantic import Field


class AssignmentOut(Schema):
    staff: str
    date: dt.date
    shift: str
    role: str


class PenaltyItemOut(Schema):
    rule: str = Field(description="cover_under, cover_over or request")
    date: dt.date
    shift: str | None
    role: str | None = None
    staff: str | None = None
    on: bool | None = Field(None, description="request: asked to work (true) or not to work (false)")
    scheduled: int | None = Field(None, description="cover: people scheduled")
    required: int | None = Field(None, description="cover_under: the minimum")
    missing: int | None = Field(None, description="cover_under: people short")
    limit: int | None = Field(None, description="cover_over: the maximum")
    surplus: int | None = Field(None, description="cover_over: people too many")
    weight: int
    penalty: int = Field(description="people (or 1 request) × weight")
    message: str


class RuleTotalOut(Schema):
    count: int = Field(description="Days, shifts and roles (or requests) where the rule is not met")
    units: int = Field(description="People short or too many, or requests not granted")
    penalty: int


class PenaltiesOut(Schema):
    total: int = Field(description="The objective: the sum of the items' penalties")
    by_rule: dict[str, RuleTotalOut] = Field(description="cover_under, cover_over, request")
    items: list[PenaltyItemOut]


class FindingOut(Schema):
    code: str = Field(description="cover_short, covers_short, fixed_<rule>, min_minutes_unreachable, rule_<rule>")
    message: str
    dates: list[dt.date]
    staff: list[str]
    shift: str | None
    role: str | None


class ExplanationOut(Schema):
    summary: str
    findings: list[FindingOut] = Field(description="The requirements in conflict, with their days and people")


class ScheduleOut(Schema):
    status: str = Field(description="optimal, feasible (time ran out before proving it best), infeasible or unknown")
    objective: int | None = Field(description="The total penalty of the schedule")
    best_bound: float | None = Field(description="No schedule can cost less (as far as the solver proved)")
    gap: float | None = Field(description="(objective − best_bound) / objective; 0 when optimal")
    wall_seconds: float
    first_solution_seconds: float | None = Field(
        description="Search time to the first schedule keeping every hard rule"
    )
    solutions: int = Field(description="Better and better schedules found during the search")
    time_limit_seconds: float | None
    workers: int | None = Field(description="Solver threads")
    model: dict[str, int] = Field(description="Size of the CP-SAT model: variables and constraints")
    assignments: list[AssignmentOut]
    penalties: PenaltiesOut | None
    explanation: ExplanationOut | None = Field(description="Why there is no schedule (infeasible or unknown)")
