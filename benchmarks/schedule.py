"""The staff schedule solver on a big front office: 40 people, 28 days, 4 shift types, every rule.

``bench_schedule(seconds)`` builds the problem (deterministically: the same problem every run),
solves it with CP-SAT within ``seconds`` and reports the time to the first schedule keeping every
hard rule, the time to a proven optimum — or the gap left at the time limit — the penalty by soft
rule, and the hard rules the independent validator finds broken (it must find none). Its floor is
checking a schedule: the validator and the penalty breakdown over the best schedule, in plain
Python, beside the search that found it.

Plain Python, no database: ``python -m benchmarks.schedule [--seconds 60]`` prints the figures.
"""

import argparse
import datetime as dt
import json
import os
import random
import time

START = dt.date(2027, 2, 1)  # a Monday: four whole weeks
DAYS = 28
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]

SHIFT_TYPES = [
    {
        "id": "morning",
        "name": "Morning",
        "start": "07:00",
        "end": "15:00",
        "roles": ["front_desk", "reservations", "concierge", "porter", "assistant_manager"],
    },
    {
        "id": "split",
        "name": "Split (10–14, 18–22)",
        "start": "10:00",
        "end": "22:00",
        "minutes": 480,
        "roles": ["front_desk", "reservations", "concierge", "manager"],
    },
    {
        "id": "afternoon",
        "name": "Afternoon",
        "start": "15:00",
        "end": "23:00",
        "roles": ["front_desk", "concierge", "porter", "assistant_manager"],
    },
    {
        "id": "night",
        "name": "Night",
        "start": "23:00",
        "end": "07:00",
        "roles": ["night_audit", "front_desk", "porter"],
    },
]

CONTRACTS = {
    "full_time": {
        "min_rest_minutes": 720,
        "min_consecutive_work_days": 2,
        "max_consecutive_work_days": 5,
        "min_consecutive_days_off": 2,
        "max_working_weekends": 2,
        "min_minutes": 7680,
        "max_minutes": 9600,
    },
    "part_time": {
        "min_rest_minutes": 720,
        "max_consecutive_work_days": 4,
        "min_consecutive_days_off": 2,
        "max_working_weekends": 3,
        "min_minutes": 3840,
        "max_minutes": 5760,
    },
    "night_auditor": {
        "min_rest_minutes": 720,
        "min_consecutive_work_days": 2,
        "max_consecutive_work_days": 5,
        "min_consecutive_days_off": 2,
        "max_working_weekends": 2,
        "min_minutes": 6720,
        "max_minutes": 9600,
        "max_shifts": {"morning": 0, "split": 0, "afternoon": 0},
    },
}

# (how many, roles, contract)
TEAM = [
    (1, ["manager", "front_desk"], "full_time"),
    (2, ["assistant_manager", "front_desk", "reservations"], "full_time"),
    (10, ["front_desk"], "full_time"),
    (3, ["front_desk", "reservations"], "full_time"),
    (3, ["front_desk", "concierge"], "part_time"),
    (3, ["reservations"], "full_time"),
    (1, ["reservations", "front_desk"], "part_time"),
    (3, ["night_audit", "front_desk"], "night_auditor"),
    (1, ["night_audit", "front_desk"], "full_time"),
    (6, ["porter"], "full_time"),
    (3, ["porter"], "part_time"),
    (3, ["concierge"], "full_time"),
    (1, ["concierge", "front_desk"], "full_time"),
]


def _day(i: int) -> str:
    return (START + dt.timedelta(days=i)).isoformat()


def schedule_problem(seed: int = 2027) -> dict:
    """The benchmark problem as JSON (docs/scheduling.md), the same for the same ``seed``."""
    rng = random.Random(seed)
    staff = []
    for count, roles, contract in TEAM:
        for _ in range(count):
            n = len(staff)
            member = {"id": f"s{n:02d}", "name": f"Staff {n:02d}", "roles": roles, "contract": contract}
            # the last days before the horizon: a run of work or of rest
            if contract == "night_auditor":
                member["history"] = rng.choice([[None, "night", "night"], ["night", None, None], [None, None]])
            else:
                member["history"] = rng.choice([["morning", "morning"], [None, None], ["afternoon"], [None, "split"]])
            if n % 7 == 3:
                member["days_off"] = [rng.choice(WEEKDAYS)]
            if n % 11 == 5:
                first = rng.randrange(4, DAYS - 6)
                member["unavailable"] = [{"from": _day(first), "to": _day(first + 4)}]
                member["min_minutes"] = 5760
            if "front_desk" in roles and contract == "full_time" and n % 5 == 0:
                member["max_shifts"] = {"night": 3}
            if n % 6 == 1 and contract != "night_auditor":
                published = "afternoon" if "porter" in roles else "split"  # days already published, kept
                member["fixed"] = [{"date": _day(2), "shift": published}, {"date": _day(3), "shift": published}]
            staff.append(member)
    covers = [
        {"shift": "morning", "role": "front_desk", "min": 3, "max": 4},
        {"shift": "morning", "role": "front_desk", "weekdays": ["sat", "sun"], "min": 4},
        {"shift": "afternoon", "role": "front_desk", "min": 3, "max": 4},
        {"shift": "split", "role": "front_desk", "weekdays": ["fri", "sat"], "min": 1, "under_weight": 40},
        {"shift": "night", "role": "front_desk", "min": 1, "under_weight": 60},
        {"shift": "night", "role": "night_audit", "min": 1, "hard": True},
        {"shift": "morning", "role": "porter", "min": 2, "max": 3},
        {"shift": "afternoon", "role": "porter", "min": 2, "max": 3},
        {"shift": "afternoon", "role": "porter", "weekdays": ["fri", "sat"], "min": 3},
        {"shift": "night", "role": "porter", "min": 1, "under_weight": 30},
        {"shift": "morning", "role": "concierge", "min": 1, "under_weight": 50},
        {"shift": "afternoon", "role": "concierge", "min": 1, "under_weight": 50},
        {"shift": "split", "role": "reservations", "weekdays": WEEKDAYS, "min": 2},
        {"shift": "split", "role": "reservations", "weekdays": ["sat"], "min": 1, "under_weight": 50},
        {"shift": "split", "role": "manager", "weekdays": WEEKDAYS, "min": 1, "under_weight": 200},
        {"shift": "morning", "role": "assistant_manager", "min": 1, "under_weight": 60},
        {"shift": "afternoon", "role": "assistant_manager", "min": 1, "under_weight": 60},
        # a congress: a group arrives on the second Thursday afternoon
        {"shift": "afternoon", "role": "front_desk", "date": _day(10), "min": 5, "hard": True},
        {"shift": "afternoon", "role": "porter", "date": _day(10), "min": 4, "under_weight": 150},
    ]
    requests = []
    for _ in range(60):
        member = rng.choice(staff)
        shift = rng.choice([None, None, "morning", "afternoon", "night"])
        requests.append(
            {
                "staff": member["id"],
                "date": _day(rng.randrange(DAYS)),
                "shift": shift,
                "on": rng.random() < 0.3,
                "weight": rng.choice([5, 10, 20, 40]),
            }
        )
    return {
        "name": "Benchmark: 40 staff, 28 days, 4 shift types",
        "horizon": {"start": START.isoformat(), "days": DAYS},
        "shift_types": SHIFT_TYPES,
        "forbidden_successions": [["night", "morning"], ["night", "split"]],
        "contracts": CONTRACTS,
        "staff": staff,
        "covers": covers,
        "requests": requests,
        "weights": {"cover_under": 100, "cover_over": 10, "request": 10},
    }


def bench_schedule(seconds: int = 60, workers: int | None = None) -> dict:
    """Solve the benchmark problem within ``seconds``; every figure in seconds of wall time."""
    from frontoffice.staff.domain.penalties import penalty_breakdown
    from frontoffice.staff.domain.problem import problem_from_json
    from frontoffice.staff.domain.schedule import Status
    from frontoffice.staff.domain.solver import solve
    from frontoffice.staff.domain.validator import violations

    started = time.perf_counter()
    data = schedule_problem()
    problem = problem_from_json(data)
    read_seconds = time.perf_counter() - started
    trail: list[tuple[float, int, float]] = []
    started = time.perf_counter()
    schedule = solve(
        problem,
        time_limit=seconds,
        workers=workers,
        on_solution=lambda p: trail.append((p.seconds, p.objective, p.best_bound)),
    )
    total_seconds = time.perf_counter() - started
    checked = time.perf_counter()
    broken = violations(problem, schedule.assignments) if schedule.found else []
    recomputed = penalty_breakdown(problem, schedule.assignments).total if schedule.found else None
    check_seconds = time.perf_counter() - checked
    optimal = schedule.status == Status.OPTIMAL
    return {
        "staff": len(problem.staff),
        "days": problem.horizon.days,
        "shift_types": len(problem.shift_types),
        "covers": len(problem.covers),
        "requests": len(problem.requests),
        "variables": schedule.counts.get("variables"),
        "constraints": schedule.counts.get("constraints"),
        "cpu_count": os.cpu_count(),
        "workers": schedule.workers,
        "time_limit_seconds": seconds,
        "status": schedule.status.value,
        "first_feasible_seconds": None
        if schedule.first_solution_seconds is None
        else round(schedule.first_solution_seconds, 3),
        "first_objective": trail[0][1] if trail else None,
        "optimal_seconds": round(schedule.wall_seconds, 3) if optimal else None,
        "solver_seconds": round(schedule.wall_seconds, 3),
        "read_and_build_seconds": round(read_seconds + total_seconds - schedule.wall_seconds, 3),
        "objective": schedule.objective,
        "best_bound": schedule.best_bound,
        "gap": None if schedule.gap is None else round(schedule.gap, 4),
        "solutions": schedule.solutions,
        "trail": [(round(s, 2), o, round(b)) for s, o, b in trail[-8:]],
        "penalties": schedule.penalties.by_rule() if schedule.penalties else None,
        "assignments": len(schedule.assignments),
        "hard_rule_violations": len(broken),
        "penalty_recomputed_matches": recomputed == schedule.objective,
        "floor_check_seconds": round(check_seconds, 4),
        **(bench_replan(data, schedule, max(5, seconds // 3), workers) if schedule.found else {}),
    }


SICK_FROM, SICK_DAYS, KEEP_WEIGHT = 10, 4, 30


def replan_problem(data: dict, assignments) -> tuple[dict, str]:
    """The benchmark's sick call: the full-time desk agent with most shifts on days 10–13 cannot
    work them. Days 0–9 stay as solved (each person's shift fixed, or the day kept off); the sick
    person is off days 10–13; every other shift solved from day 10 is asked to stay (weight 30,
    as the application's re-plan asks). The sick person's minimum minutes shrink pro rata."""
    first_sick, last_sick = _day(SICK_FROM), _day(SICK_FROM + SICK_DAYS - 1)
    worked = {(a.staff, a.date.isoformat()): a for a in assignments}
    desk = [m["id"] for m in data["staff"] if m["roles"] == ["front_desk"] and m["contract"] == "full_time"]
    sick = max(desk, key=lambda sid: sum(1 for (who, d) in worked if who == sid and first_sick <= d <= last_sick))
    replan = json.loads(json.dumps(data))
    for member in replan["staff"]:
        sid = member["id"]
        fixed, off = [], []
        for i in range(SICK_FROM):
            a = worked.get((sid, _day(i)))
            if a:
                fixed.append({"date": _day(i), "shift": a.shift, "role": a.role})
            else:
                off.append(_day(i))
        if sid == sick:
            off += [_day(i) for i in range(SICK_FROM, SICK_FROM + SICK_DAYS)]
            # sick days count towards the contract's minimum, pro rata (as the application does)
            least = member.get("min_minutes", data["contracts"][member["contract"]].get("min_minutes"))
            if least:
                member["min_minutes"] = least * (DAYS - SICK_DAYS) // DAYS
        member["fixed"] = fixed
        member["unavailable"] = list(member.get("unavailable", [])) + off
    replan["requests"] = [r for r in data["requests"] if r["date"] >= _day(SICK_FROM)] + [
        {"staff": a.staff, "date": a.date.isoformat(), "shift": a.shift, "on": True, "weight": KEEP_WEIGHT}
        for a in assignments
        if a.date.isoformat() >= _day(SICK_FROM) and not (a.staff == sick and a.date.isoformat() <= last_sick)
    ]
    replan["name"] = f"Benchmark re-plan: {sick} sick {first_sick} to {last_sick}"
    return replan, sick


def bench_replan(data: dict, schedule, seconds: int = 20, workers: int | None = None) -> dict:
    """Re-plan the solved benchmark schedule after a sick call (``replan_problem``): time to the
    first schedule and to the end, the penalty, the shifts that changed against the sick person's
    shifts lost, and the validator's check."""
    from frontoffice.staff.domain.problem import problem_from_json
    from frontoffice.staff.domain.solver import solve
    from frontoffice.staff.domain.validator import violations

    data, sick = replan_problem(data, schedule.assignments)
    problem = problem_from_json(data)
    result = solve(problem, time_limit=seconds, workers=workers)
    start = _day(SICK_FROM)
    before = {(a.staff, a.date): (a.shift, a.role) for a in schedule.assignments if a.date.isoformat() >= start}
    after = {(a.staff, a.date): (a.shift, a.role) for a in result.assignments if a.date.isoformat() >= start}
    lost = sum(1 for (who, d) in before if who == sick and d.isoformat() <= _day(SICK_FROM + SICK_DAYS - 1))
    changed = sum(1 for key in set(before) | set(after) if before.get(key) != after.get(key))
    under = (result.penalties.by_rule()["cover_under"]["units"]) if result.penalties else None
    return {
        "replan_status": result.status.value,
        "replan_first_feasible_seconds": None
        if result.first_solution_seconds is None
        else round(result.first_solution_seconds, 3),
        "replan_solver_seconds": round(result.wall_seconds, 3),
        "replan_objective": result.objective,
        "replan_gap": None if result.gap is None else round(result.gap, 4),
        "replan_sick_shifts_lost": lost,
        "replan_shifts_changed": changed,
        "replan_people_short": under,
        "replan_hard_rule_violations": len(violations(problem, result.assignments)) if result.found else None,
    }


def main() -> None:
    from rich.console import Console
    from rich.table import Table

    parser = argparse.ArgumentParser(prog="python -m benchmarks.schedule", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    figures = bench_schedule(args.seconds, args.workers)
    table = Table(
        title=f"Schedule solver: {figures['staff']} staff, {figures['days']} days, "
        f"{figures['shift_types']} shift types, {figures['cpu_count']} cores"
    )
    table.add_column("figure")
    table.add_column("value", justify="right")
    for key, value in figures.items():
        if key not in ("trail", "penalties"):
            table.add_row(key, str(value))
    for rule, row in (figures["penalties"] or {}).items():
        table.add_row(f"penalty: {rule}", f"{row['penalty']} ({row['units']})")
    Console().print(table)


if __name__ == "__main__":
    main()
