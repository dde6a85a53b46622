"""What ``solve`` reports besides the assignments: progress, times, bound and gap."""

from frontoffice.staff.domain.problem import problem_from_json
from frontoffice.staff.domain.schedule import Status, schedule_as_json
from frontoffice.staff.domain.solver import solve
from frontoffice.staff.tests.domain.builders import cover, person, problem_json

# Five mornings of two: Ana works four (three in a row at most), Bo five, one short (10).
DATA = problem_json(days=5, staff=[person("ana", max_consecutive_work_days=3), person("bo")],
                    covers=[cover("morning", 2)], time_limit_seconds=1.5)  # fmt: skip


def test_each_better_schedule_is_reported_while_solving():
    seen = []
    schedule = solve(problem_from_json(DATA), workers=1, on_solution=seen.append)
    assert schedule.status == Status.OPTIMAL
    assert seen and seen[-1].objective == schedule.objective == 10
    assert [p.solutions for p in seen] == list(range(1, len(seen) + 1))
    assert schedule.solutions == len(seen)
    assert 0 <= schedule.first_solution_seconds <= schedule.wall_seconds
    assert (schedule.best_bound, schedule.gap) == (10, 0.0)


def test_the_problem_time_limit_applies_unless_one_is_given():
    problem = problem_from_json(DATA)
    assert solve(problem, workers=1).time_limit_seconds == 1.5
    assert solve(problem, time_limit=0.5, workers=1).time_limit_seconds == 0.5


def test_the_schedule_as_json_carries_every_figure():
    body = schedule_as_json(solve(problem_from_json(DATA), workers=1))
    assert set(body) == {
        "status", "objective", "best_bound", "gap", "wall_seconds", "first_solution_seconds", "solutions",
        "time_limit_seconds", "workers", "model", "assignments", "penalties", "explanation",
    }  # fmt: skip
    assert body["penalties"]["total"] == body["objective"] == 10
    assert body["model"]["variables"] > 0
