"""Solving a schedule problem with OR-Tools CP-SAT.

``solve`` keeps every hard rule (see ``validator``) and minimises the weighted soft rules (see
``penalties``) within a time limit:

1. the pre-checks of ``explain`` run first: a requirement impossible on its own is reported at
   once, without searching;
2. CP-SAT searches; each better schedule is reported to ``on_solution`` as it is found;
3. the best schedule comes back with its penalty breakdown, computed again from its assignments;
   if CP-SAT proves there is none, ``explain.conflicting_rules`` names the rules in conflict
   (within another time limit).
"""

import os
import time
from collections.abc import Callable

from ortools.sat.python import cp_model

from frontoffice.staff.domain.explain import conflicting_rules, precheck
from frontoffice.staff.domain.messages import say
from frontoffice.staff.domain.model import ScheduleModel
from frontoffice.staff.domain.penalties import penalty_breakdown
from frontoffice.staff.domain.problem import Problem
from frontoffice.staff.domain.schedule import Explanation, Progress, Schedule, Status, no_schedule_in_time

# Below three workers CP-SAT runs no lower-bound ("core") search beside its main one, and the
# gap it reports stays wide; more than eight rarely helps a problem this size.
MIN_WORKERS, MAX_WORKERS = 3, 8

STATUSES = {
    cp_model.OPTIMAL: Status.OPTIMAL,
    cp_model.FEASIBLE: Status.FEASIBLE,
    cp_model.INFEASIBLE: Status.INFEASIBLE,
}


class _Watch(cp_model.CpSolverSolutionCallback):
    """Notes when the first schedule came, counts them, and passes each on."""

    def __init__(self, on_solution: Callable[[Progress], None] | None):
        super().__init__()
        self.on_solution = on_solution
        self.first_seconds: float | None = None
        self.solutions = 0

    def on_solution_callback(self) -> None:
        self.solutions += 1
        if self.first_seconds is None:
            self.first_seconds = self.wall_time
        if self.on_solution is not None:
            self.on_solution(
                Progress(self.solutions, round(self.objective_value), self.best_objective_bound, self.wall_time)
            )


def solve(
    problem: Problem,
    *,
    time_limit: float | None = None,
    workers: int | None = None,
    on_solution: Callable[[Progress], None] | None = None,
) -> Schedule:
    """The best schedule found for ``problem`` within ``time_limit`` seconds (the problem's own
    ``time_limit_seconds`` when not given), searching with ``workers`` threads (when not given: one
    per core, at least 3 and at most 8). An infeasible problem comes back explained."""
    limit = problem.time_limit_seconds if time_limit is None else time_limit
    workers = workers or default_workers()
    started = time.perf_counter()
    findings = precheck(problem)
    if findings:
        explanation = Explanation(say("infeasible_precheck"), tuple(findings))
        return Schedule(
            Status.INFEASIBLE,
            explanation=explanation,
            wall_seconds=time.perf_counter() - started,
            time_limit_seconds=limit,
            workers=workers,
        )

    built = ScheduleModel(problem)
    built.minimise_penalties()
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit
    solver.parameters.num_workers = workers
    watch = _Watch(on_solution)
    answer = solver.solve(built.model, watch)
    if answer == cp_model.MODEL_INVALID:  # a bug in the model, never the problem's fault
        raise RuntimeError(f"invalid CP-SAT model: {built.model.validate()}")
    status = STATUSES.get(answer, Status.UNKNOWN)
    searched = solver.wall_time
    common = dict(
        time_limit_seconds=limit,
        workers=workers,
        counts=built.counts(),
        solutions=watch.solutions,
        first_solution_seconds=watch.first_seconds,
    )
    if status is Status.INFEASIBLE:
        explanation = conflicting_rules(problem, time_limit=limit, workers=workers)
        return Schedule(status, explanation=explanation, wall_seconds=searched, **common)
    if status is Status.UNKNOWN:
        return Schedule(status, explanation=no_schedule_in_time(), wall_seconds=searched, **common)
    assignments = built.assignments(solver)
    objective = round(solver.objective_value)
    bound = solver.best_objective_bound
    gap = 0.0 if status is Status.OPTIMAL else max(0.0, objective - bound) / max(1, abs(objective))
    return Schedule(
        status,
        assignments=assignments,
        objective=objective,
        best_bound=bound,
        gap=gap,
        wall_seconds=searched,
        penalties=penalty_breakdown(problem, assignments),
        **common,
    )


def default_workers() -> int:
    return min(MAX_WORKERS, max(MIN_WORKERS, os.cpu_count() or 1))
