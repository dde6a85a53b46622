"""Why the hard rules cannot all hold: which requirement, which days, which people.

Two steps, cheapest first:

1. **Pre-checks** that prove a problem infeasible on their own, each finding sound (it never
   blames a problem that has a schedule):
   - the fixed shifts of one staff member already break a rule that more work cannot repair
     (two fixed shifts on one day, one on a day off, too little rest between two, too many in a
     row, of a type, on weekends or in minutes);
   - a staff member cannot reach their minimum minutes even working the longest shift they may on
     every day they are free, within their maximum shifts per type;
   - the hard covers of one day need more people than can take them: each person holds the role,
     is not off, unavailable or fixed elsewhere, and may follow the shift they worked the day
     before the horizon. Found by a matching of people to cover places, so that two covers
     drawing on the same people are judged together ("morning and afternoon need 4 porters, 3
     can work that day").
2. Otherwise, if CP-SAT proves the model infeasible, the hard rules are solved again each behind
   its own literal, all taken as assumptions; CP-SAT names a subset that cannot hold together
   (``sufficient_assumptions_for_infeasibility``), which is then shrunk one rule at a time while
   time remains, so that every rule left is needed for the conflict. Each staff member's own rules
   (without covers) are tried this way first, one person at a time: a contract contradicting itself
   is the commonest case, each person's is named, and these small models answer in milliseconds.
   Only when no one alone is at fault is the whole problem searched for a conflict (covers and
   people together).
"""

import time
from dataclasses import replace

from ortools.sat.python import cp_model

from frontoffice.staff.domain.messages import role_label, say
from frontoffice.staff.domain.model import ScheduleModel
from frontoffice.staff.domain.problem import Problem, ShiftType, StaffMember
from frontoffice.staff.domain.schedule import Assignment, Explanation, Finding
from frontoffice.staff.domain.validator import RULES_ONLY_MORE_WORK_BREAKS, staff_violations

MAX_NAMES = 8


def precheck(problem: Problem) -> list[Finding]:
    """Requirements that cannot be met on their own (see the module docstring)."""
    return [*_fixed_shifts(problem), *_minutes_within_reach(problem), *_hard_covers_by_day(problem)]


def _fixed_shifts(problem: Problem) -> list[Finding]:
    findings = []
    for member in problem.staff:
        if not member.fixed:
            continue
        fixed = [
            Assignment(f.date, f.shift, member.id, f.role or problem.eligible_roles(member, problem.shift(f.shift))[0])
            for f in member.fixed
        ]
        for v in staff_violations(problem, member, fixed, fixed_kept=False):
            if v.rule in RULES_ONLY_MORE_WORK_BREAKS:
                text = say("fixed_breaks_rule", staff=member.name, violation=v.message)
                findings.append(Finding("fixed_" + v.rule, text, v.dates, (member.id,)))
    return findings


def _minutes_within_reach(problem: Problem) -> list[Finding]:
    findings = []
    for member in problem.staff:
        need = member.rules.min_minutes
        if not need:
            continue
        caps = dict(member.rules.max_shifts)
        fixed_days = {f.date for f in member.fixed}
        most = 0
        for f in member.fixed:
            most += problem.shift(f.shift).minutes
            if f.shift in caps:
                caps[f.shift] -= 1
        open_days = [d for d in problem.horizon.dates if d not in fixed_days and member.free_on(d)]
        left = len(open_days)
        for shift in sorted(problem.shift_types, key=lambda s: -s.minutes):
            if member.roles & shift.roles and left:
                taken = min(left, max(caps.get(shift.id, left), 0))
                most += taken * shift.minutes
                left -= taken
        if most < need:
            text = say(
                "min_minutes_unreachable",
                staff=member.name,
                need=need,
                most=most,
                days=len(open_days) + len(fixed_days),
            )
            findings.append(Finding("min_minutes_unreachable", text, (), (member.id,)))
    return findings


def _can_take(problem: Problem, member: StaffMember, d: int, shift: ShiftType, role: str, forbidden) -> bool:
    """Could ``member`` take ``role`` on ``shift`` of day ``d`` at all, that day considered alone?"""
    day = problem.horizon.dates[d]
    if role not in member.roles or role not in shift.roles or not member.free_on(day):
        return False
    for fixed in member.fixed:
        if fixed.date == day and (fixed.shift != shift.id or fixed.role not in (None, role)):
            return False
    history = member.history
    for gap, pairs in forbidden.items():
        before = d - gap
        if before < 0 and -before <= len(history) and (history[before], shift.id) in pairs:
            return False
    return True


def _hard_covers_by_day(problem: Problem) -> list[Finding]:
    findings = []
    forbidden = {m.id: problem.successions_forbidden(m) for m in problem.staff}
    for d, day in enumerate(problem.horizon.dates):
        covers = []  # (shift, role, need, people who could take it)
        for shift in problem.shift_types:
            for role in sorted(shift.roles):
                cover = problem.cover_on(day, shift.id, role)
                if cover is not None and cover.hard and cover.min:
                    people = [m.id for m in problem.staff if _can_take(problem, m, d, shift, role, forbidden[m.id])]
                    covers.append((shift, role, cover.min, people))
        if not covers:
            continue
        matched, failed = _match([(need, people) for _, _, need, people in covers])
        explained: set[int] = set()
        for c in failed:
            if c in explained:
                continue
            group, people = {c}, set(covers[c][3])
            while True:  # close over the covers the reachable people are placed in
                grown = group | {matched[p] for p in people if p in matched}
                if grown == group:
                    break
                group = grown
                people = {p for g in group for p in covers[g][3]}
            explained |= group
            findings.append(_covers_finding(problem, day, [covers[g] for g in sorted(group)], people))
    return findings


def _match(covers: list[tuple[int, list[str]]]) -> tuple[dict[str, int], list[int]]:
    """Places people in covers (``(need, who could)``), one place each, by augmenting paths.
    Returns who went where (person → cover index) and the covers left short."""
    matched: dict[str, int] = {}
    failed: list[int] = []

    def place(c: int, seen: set[str]) -> bool:
        for person in covers[c][1]:
            if person not in seen:
                seen.add(person)
                if person not in matched or place(matched[person], seen):
                    matched[person] = c
                    return True
        return False

    for c, (need, _) in enumerate(covers):
        for _ in range(need):
            if not place(c, set()):
                failed.append(c)  # a place that cannot be filled now never will: skip the others
                break
    return matched, failed


def _covers_finding(problem: Problem, day, group, people: set[str]) -> Finding:
    names = [problem.member(p).name for p in sorted(people)]
    need = sum(g[2] for g in group)
    if len(group) == 1:
        shift, role, need, _ = group[0]
        others = [m.name for m in problem.staff if role in m.roles and m.id not in people]
        text = say(
            "cover_short",
            need=need,
            role_need=role_label(role, need),
            date=day,
            shift=shift.name,
            available=len(people),
            role_available=role_label(role, len(people)),
            others=say("others_cannot", names=_names(others)) if others else "",
        )
        return Finding("cover_short", text, (day,), tuple(sorted(people)), shift.id, role)
    covers = ", ".join(f"{shift.name}: {need} {role_label(role, need)}" for shift, role, need, _ in group)
    text = say(
        "covers_short",
        date=day,
        covers=covers,
        need=need,
        available=len(people),
        names=_names(names) if names else say("nobody"),
    )
    return Finding("covers_short", text, (day,), tuple(sorted(people)))


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:MAX_NAMES])
    return shown + (f" (+{len(names) - MAX_NAMES})" if len(names) > MAX_NAMES else "")


# --------------------------------------------------------------------------------------
# A conflicting set of rules, from CP-SAT's assumptions
# --------------------------------------------------------------------------------------


def conflicting_rules(problem: Problem, *, time_limit: float, workers: int | None = None) -> Explanation:
    """A small set of hard rules that cannot hold together (see the module docstring), found
    within ``time_limit`` seconds. Each staff member's own rules are tried alone first (quick, and
    every such contradiction is named); then the whole problem."""
    deadline = time.monotonic() + time_limit
    findings: list[Finding] = []
    for member in problem.staff:
        if time.monotonic() >= deadline:
            break
        findings += _conflict(replace(problem, staff=(member,), covers=(), requests=()), deadline, workers)
    if findings:
        names = sorted({problem.member(f.staff[0]).name for f in findings})
        return Explanation(say("infeasible_staff", names=", ".join(names)), tuple(findings))
    findings = _conflict(problem, deadline, workers)
    if not findings:
        return Explanation(say("infeasible_unexplained"))
    return Explanation(say("infeasible_core"), tuple(findings))


def _conflict(problem: Problem, deadline: float, workers: int | None) -> list[Finding]:
    """The rules of a shrunk core, or none if ``problem`` is feasible or time runs out."""
    built = ScheduleModel(problem, guarded=True)
    core = _infeasible_under(built, list(built.guards), deadline, workers)
    if not core:
        return []
    i = 0
    while i < len(core) and time.monotonic() < deadline:
        smaller = _infeasible_under(built, core[:i] + core[i + 1 :], deadline, workers)
        if smaller is None:
            i += 1  # needed: without it the rest can hold (or time ran out)
        else:
            core = [c for c in core if c in set(smaller)]
    return sorted(
        (built.guards[c][1] for c in core),
        key=lambda f: (f.code != "rule_hard_cover", f.dates, f.staff, f.code),
    )


def _infeasible_under(
    built: ScheduleModel, guards: list[int], deadline: float, workers: int | None
) -> list[int] | None:
    """The guards (a subset of ``guards``) CP-SAT needs to prove infeasibility, or None if the model
    is feasible under ``guards`` or time runs out."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        return None
    built.model.clear_assumptions()
    built.model.add_assumptions([built.guards[g][0] for g in guards])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = remaining
    if workers:
        solver.parameters.num_workers = workers
    if solver.solve(built.model) != cp_model.INFEASIBLE:
        return None
    needed = [g for g in solver.sufficient_assumptions_for_infeasibility() if g in built.guards]
    return needed or list(guards)
