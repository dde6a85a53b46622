"""Random small problems: every schedule the solver returns keeps every hard rule (by the
independent validator), and on problems small enough to try every schedule by hand, the solver's
optimum — or its verdict of infeasibility — is the true one."""

import datetime as dt
import random
from itertools import product

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontoffice.staff.domain.penalties import penalty_breakdown
from frontoffice.staff.domain.problem import Problem, problem_from_json
from frontoffice.staff.domain.schedule import Assignment, Status
from frontoffice.staff.domain.solver import solve
from frontoffice.staff.domain.validator import violations
from frontoffice.staff.tests.domain.builders import SHIFTS, START

ROLES = ("front_desk", "porter", "night_audit")


def random_problem(rng: random.Random, *, staff: int, days: int, shifts: int = 3, roles=ROLES) -> dict:
    """A problem using every rule type, each at random."""
    shift_types = [dict(s, roles=[r for r in s["roles"] if r in roles] or [roles[0]]) for s in SHIFTS[:shifts]]
    ids = [s["id"] for s in shift_types]
    start = START + dt.timedelta(days=rng.randrange(7))  # any weekday, so that weekends fall anywhere

    def day(i: int) -> str:
        return (start + dt.timedelta(days=i)).isoformat()

    def maybe(p: float) -> bool:
        return rng.random() < p

    people = []
    for i in range(staff):
        held = rng.sample(roles, rng.randint(1, min(2, len(roles))))
        member: dict = {"id": f"p{i}", "roles": held}
        if maybe(0.3):
            member["min_rest_minutes"] = rng.choice([480, 660, 720])
        if maybe(0.3):
            member["max_consecutive_work_days"] = rng.randint(1, 4)
        if maybe(0.3):
            member["min_consecutive_work_days"] = rng.randint(1, member.get("max_consecutive_work_days", 3))
        if maybe(0.3):
            member["min_consecutive_days_off"] = rng.randint(1, 3)
        if maybe(0.3):
            member["max_shifts"] = {rng.choice(ids): rng.randint(0, days)}
        if maybe(0.3):
            member["max_working_weekends"] = rng.randint(0, 1)
        if maybe(0.3):
            member["min_minutes"] = 480 * rng.randint(0, days)
        if maybe(0.3):
            member["max_minutes"] = member.get("min_minutes", 0) + 480 * rng.randint(0, days)
        if maybe(0.2):
            member["days_off"] = [day(rng.randrange(days))]
        if maybe(0.2):
            member["unavailable"] = [day(rng.randrange(days))]
        if maybe(0.3):
            member["history"] = [rng.choice([None, *ids]) for _ in range(rng.randint(1, 3))]
        workable = [s for s in shift_types if set(s["roles"]) & set(held)]
        if workable and maybe(0.25):
            member["fixed"] = [{"date": day(rng.randrange(days)), "shift": rng.choice(workable)["id"]}]
        people.append(member)
    covers = []
    for shift in shift_types:
        for role in shift["roles"]:
            if maybe(0.6):
                covers.append(
                    {
                        "shift": shift["id"],
                        "role": role,
                        "min": rng.randint(0, 2),
                        "under_weight": rng.randint(0, 20),
                        "over_weight": rng.randint(0, 5),
                        "hard": maybe(0.15),
                    }
                )
                if maybe(0.3):
                    covers[-1]["max"] = covers[-1]["min"] + rng.randint(0, 1)
            if maybe(0.3):
                covers.append(
                    {
                        "shift": shift["id"],
                        "role": role,
                        "min": rng.randint(0, 2),
                        "date": day(rng.randrange(days)),
                        "hard": maybe(0.15),
                    }
                )
    requests = [
        {
            "staff": f"p{rng.randrange(staff)}",
            "date": day(rng.randrange(days)),
            "on": maybe(0.5),
            "shift": rng.choice([None, *ids]),
            "weight": rng.randint(0, 15),
        }
        for _ in range(rng.randint(0, 3))
    ]
    return {
        "horizon": {"start": start.isoformat(), "days": days},
        "shift_types": shift_types,
        "forbidden_successions": [["night", "morning"]] if shifts == 3 and maybe(0.5) else [],
        "staff": people,
        "covers": covers,
        "requests": requests,
        "weights": {"cover_under": rng.randint(1, 20), "cover_over": rng.randint(0, 3)},
    }


def best_by_hand(problem: Problem) -> int | None:
    """The lowest penalty of any schedule keeping every hard rule, trying every one; None if none."""
    cells = [(m, d) for m in problem.staff for d in problem.horizon.dates]
    choices = [
        [None, *((s.id, r) for s in problem.shift_types for r in problem.eligible_roles(m, s))] for m, _ in cells
    ]
    best = None
    for pick in product(*choices):
        assignments = [Assignment(d, c[0], m.id, c[1]) for (m, d), c in zip(cells, pick, strict=True) if c]
        if violations(problem, assignments):
            continue
        total = penalty_breakdown(problem, assignments).total
        best = total if best is None else min(best, total)
    return best


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**9), staff=st.integers(2, 4), days=st.integers(3, 7))
def test_every_schedule_found_keeps_every_hard_rule(seed, staff, days):
    problem = problem_from_json(random_problem(random.Random(seed), staff=staff, days=days))
    schedule = solve(problem, time_limit=0.5, workers=1)
    if schedule.found:
        assert violations(problem, schedule.assignments) == []
        assert penalty_breakdown(problem, schedule.assignments).total == schedule.objective
    elif schedule.status == Status.INFEASIBLE:
        assert schedule.explanation.findings, schedule.explanation.summary


@settings(max_examples=20, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**9))
def test_the_solver_agrees_with_trying_every_schedule(seed):
    rng = random.Random(seed)
    data = random_problem(rng, staff=2, days=3, shifts=2, roles=("front_desk",))
    problem = problem_from_json(data)
    schedule = solve(problem, time_limit=1.0, workers=1)
    best = best_by_hand(problem)
    if best is None:
        assert schedule.status == Status.INFEASIBLE
    else:
        assert schedule.status == Status.OPTIMAL
        assert schedule.objective == best
