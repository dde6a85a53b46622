"""The schedule problem as a CP-SAT model.

One Boolean per (staff member, day, shift type, role) the member could take: held by them and
served by the shift. Every hard rule of ``validator`` becomes constraints on these; the soft rules
of ``penalties`` become the objective, with the same weights, so the objective of a solution is its
penalty total.

With ``guarded=True`` every hard rule but the two that define an assignment (one shift a day, in a
held role) is switched on by its own literal, named by a ``Finding``: solving under all of them as
assumptions, CP-SAT can say which of them cannot hold together (see ``explain``).
"""

from collections import defaultdict

from ortools.sat.python import cp_model

from frontoffice.staff.domain.messages import role_label, say
from frontoffice.staff.domain.problem import Problem, StaffMember
from frontoffice.staff.domain.schedule import Assignment, Finding


class ScheduleModel:
    """Builds the CP-SAT model of ``problem`` (see the module docstring)."""

    def __init__(self, problem: Problem, *, guarded: bool = False):
        self.problem = problem
        self.guarded = guarded
        self.model = cp_model.CpModel()
        self.guards: dict[int, tuple[cp_model.IntVar, Finding]] = {}  # literal index → (literal, rule)
        self.dates = problem.horizon.dates
        # take[staff, day index, shift, role]: the staff member works that shift that day in that role
        self.take: dict[tuple[str, int, str, str], cp_model.IntVar] = {}
        self.on_shift: dict[tuple[str, int, str], list[cp_model.IntVar]] = defaultdict(list)
        self.works: dict[tuple[str, int], cp_model.IntVar] = {}
        self._variables()
        for member in problem.staff:
            self._days_off_and_fixed(member)
            self._successions_and_rest(member)
            self._consecutive_days(member)
            self._shifts_and_minutes(member)
            self._weekends(member)
        self._hard_covers()

    # --- variables and the definition of an assignment ---

    def _variables(self) -> None:
        for member in self.problem.staff:
            for d in range(len(self.dates)):
                day_vars = []
                for shift in self.problem.shift_types:
                    for role in self.problem.eligible_roles(member, shift):
                        var = self.model.new_bool_var(f"{member.id}|{d}|{shift.id}|{role}")
                        self.take[member.id, d, shift.id, role] = var
                        self.on_shift[member.id, d, shift.id].append(var)
                        day_vars.append(var)
                works = self.model.new_bool_var(f"{member.id}|{d}|works")
                self.model.add(works == sum(day_vars))  # one shift a day at most
                self.works[member.id, d] = works

    def _guard(self, finding: Finding) -> list[cp_model.IntVar]:
        """The enforcement literals for a hard rule: none in the plain model, its own when guarded."""
        if not self.guarded:
            return []
        literal = self.model.new_bool_var(finding.code)
        self.guards[literal.index] = (literal, finding)
        return [literal]

    def _enforce(self, constraint: cp_model.Constraint, guard: list) -> None:
        if guard:
            constraint.only_enforce_if(guard)

    def _clause(self, literals: list, guard: list) -> None:
        """At least one of ``literals`` (constants already folded in: an empty clause cannot hold)."""
        if literals:
            self._enforce(self.model.add_bool_or(literals), guard)
        elif guard:
            self.model.add_bool_or([guard[0].Not()])
        else:
            self.model.add_bool_or([self.model.new_constant(0)])

    def _working(self, member: StaffMember, shift_id: str, d: int):
        return sum(self.on_shift.get((member.id, d, shift_id), []))

    # --- hard rules, per staff member ---

    def _days_off_and_fixed(self, member: StaffMember) -> None:
        for day in sorted(member.days_off | member.unavailable):
            code = "rule_day_off" if day in member.days_off else "rule_unavailable"
            guard = self._guard(Finding(code, say(code, staff=member.name, date=day), (day,), (member.id,)))
            self._enforce(self.model.add(self.works[member.id, self.problem.horizon.index(day)] == 0), guard)
        for fixed in member.fixed:
            d = self.problem.horizon.index(fixed.date)
            shift = self.problem.shift(fixed.shift)
            guard = self._guard(
                Finding(
                    "rule_fixed",
                    say("rule_fixed", staff=member.name, shift=shift.name, date=fixed.date),
                    (fixed.date,),
                    (member.id,),
                    shift.id,
                    fixed.role,
                )
            )
            if fixed.role is not None:
                self._enforce(self.model.add(self.take[member.id, d, shift.id, fixed.role] == 1), guard)
            else:
                self._enforce(self.model.add(self._working(member, shift.id, d) == 1), guard)

    def _successions_and_rest(self, member: StaffMember) -> None:
        """No shift ``gap`` days after one it may not follow (forbidden successions, too little rest)."""
        forbidden = self.problem.successions_forbidden(member)
        if not forbidden:
            return
        code = "rule_rest" if member.rules.min_rest_minutes else "rule_successions"
        guard = self._guard(
            Finding(code, say(code, staff=member.name, minutes=member.rules.min_rest_minutes), (), (member.id,))
        )
        days = len(self.dates)
        history = member.history
        for gap, pairs in forbidden.items():
            for first, second in pairs:
                for d in range(-len(history), days - gap):
                    later = d + gap
                    if later < 0:
                        continue
                    second_vars = self.on_shift.get((member.id, later, second))
                    if not second_vars:
                        continue
                    if d < 0:
                        if history[d + len(history)] == first:
                            self._enforce(self.model.add(sum(second_vars) == 0), guard)
                        continue
                    first_vars = self.on_shift.get((member.id, d, first))
                    if first_vars:
                        self._enforce(self.model.add(sum(first_vars) + sum(second_vars) <= 1), guard)

    def _consecutive_days(self, member: StaffMember) -> None:
        """Runs of work days and days off; history days are constants, days before it unknown."""
        rules = member.rules
        history = member.history
        days = len(self.dates)

        def worked(p: int):
            """Day ``p`` (negative: in the history): True/False when known, else the model's literal."""
            return history[p + len(history)] is not None if p < 0 else self.works[member.id, p]

        if rules.max_consecutive_work_days is not None:
            most = rules.max_consecutive_work_days
            finding = Finding(
                "rule_max_consecutive_work",
                say("rule_max_consecutive_work", staff=member.name, limit=most),
                (),
                (member.id,),
            )
            guard = None
            for first in range(-len(history), days - most):
                window = [worked(p) for p in range(first, first + most + 1)]
                if first + most < 0:
                    continue
                known = sum(1 for w in window if w is True)
                unknown = [w for w in window if not isinstance(w, bool)]
                if known + len(unknown) <= most:
                    continue
                guard = self._guard(finding) if guard is None else guard
                self._enforce(self.model.add(sum(unknown) <= most - known), guard)
        for rule, fewest, run_of_work in (
            ("rule_min_consecutive_work", rules.min_consecutive_work_days, True),
            ("rule_min_consecutive_off", rules.min_consecutive_days_off, False),
        ):
            if not fewest or fewest < 2:
                continue
            finding = Finding(rule, say(rule, staff=member.name, limit=fewest), (), (member.id,))
            guard = None
            # Forbid every run shorter than ``fewest`` whose day before is known and day after is in
            # the horizon: not (other before, run, other after), as a clause.
            for length in range(1, fewest):
                for first in range(-len(history) + 1, days - length):
                    last = first + length - 1
                    if last < 0:
                        continue
                    literals: list = []
                    holds = False
                    for p, inside in [
                        (first - 1, False),
                        *((q, True) for q in range(first, last + 1)),
                        (last + 1, False),
                    ]:
                        # the clause wants: day p is not as the run pattern says
                        is_work_in_pattern = inside == run_of_work
                        value = worked(p)
                        if isinstance(value, bool):
                            if value != is_work_in_pattern:
                                holds = True
                                break
                        else:
                            literals.append(value.Not() if is_work_in_pattern else value)
                    if holds:
                        continue
                    guard = self._guard(finding) if guard is None else guard
                    self._clause(literals, guard)

    def _shifts_and_minutes(self, member: StaffMember) -> None:
        rules = member.rules
        days = range(len(self.dates))
        for shift_id, limit in sorted(rules.max_shifts.items()):
            shift_vars = [v for d in days for v in self.on_shift.get((member.id, d, shift_id), [])]
            if len(shift_vars) <= limit:
                continue
            shift = self.problem.shift(shift_id)
            guard = self._guard(
                Finding(
                    "rule_max_shifts",
                    say("rule_max_shifts", staff=member.name, limit=limit, shift=shift.name),
                    (),
                    (member.id,),
                    shift_id,
                )
            )
            self._enforce(self.model.add(sum(shift_vars) <= limit), guard)
        minutes = sum(
            shift.minutes * v
            for shift in self.problem.shift_types
            for d in days
            for v in self.on_shift.get((member.id, d, shift.id), [])
        )
        workable = [s.minutes for s in self.problem.shift_types if self.problem.eligible_roles(member, s)]
        work_days = sum(self.works[member.id, d] for d in days)
        if rules.min_minutes:
            guard = self._guard(
                Finding(
                    "rule_min_minutes",
                    say("rule_min_minutes", staff=member.name, limit=rules.min_minutes),
                    (),
                    (member.id,),
                )
            )
            if not workable:
                self._clause([], guard)  # no shift to work at all
            else:
                self._enforce(self.model.add(minutes >= rules.min_minutes), guard)
                # Implied (so many days of the longest shift at least), and quicker to reason with.
                self._enforce(self.model.add(work_days >= -(-rules.min_minutes // max(workable))), guard)
        if rules.max_minutes is not None and workable:
            guard = self._guard(
                Finding(
                    "rule_max_minutes",
                    say("rule_max_minutes", staff=member.name, limit=rules.max_minutes),
                    (),
                    (member.id,),
                )
            )
            self._enforce(self.model.add(minutes <= rules.max_minutes), guard)
            self._enforce(self.model.add(work_days <= rules.max_minutes // min(workable)), guard)

    def _weekends(self, member: StaffMember) -> None:
        """A weekend (Saturday and Sunday of one week) is worked if either day is."""
        limit = member.rules.max_working_weekends
        if limit is None:
            return
        weekends: dict[tuple[int, int], list[int]] = defaultdict(list)
        for d, day in enumerate(self.dates):
            if day.weekday() >= 5:
                weekends[day.isocalendar()[:2]].append(d)
        if len(weekends) <= limit:
            return
        worked = []
        for week, ds in sorted(weekends.items()):
            weekend = self.model.new_bool_var(f"{member.id}|weekend|{week}")
            for d in ds:
                self.model.add_implication(self.works[member.id, d], weekend)
            worked.append(weekend)
        guard = self._guard(
            Finding("rule_max_weekends", say("rule_max_weekends", staff=member.name, limit=limit), (), (member.id,))
        )
        self._enforce(self.model.add(sum(worked) <= limit), guard)

    # --- hard covers ---

    def people(self, d: int, shift_id: str, role: str) -> list[cp_model.IntVar]:
        return [
            self.take[m.id, d, shift_id, role] for m in self.problem.staff if (m.id, d, shift_id, role) in self.take
        ]

    def _hard_covers(self) -> None:
        for day, shift, role in self.problem.slots():
            cover = self.problem.cover_on(day, shift.id, role)
            if cover is None or not cover.hard or not cover.min:
                continue
            guard = self._guard(
                Finding(
                    "rule_hard_cover",
                    say(
                        "rule_hard_cover",
                        need=cover.min,
                        role_need=role_label(role, cover.min),
                        date=day,
                        shift=shift.name,
                    ),
                    (day,),
                    (),
                    shift.id,
                    role,
                )
            )
            people = self.people(self.problem.horizon.index(day), shift.id, role)
            self._enforce(self.model.add(sum(people) >= cover.min), guard)

    # --- the objective: the soft rules of ``penalties`` ---

    def minimise_penalties(self) -> None:
        problem = self.problem
        terms: list = []
        constant = 0
        for day, shift, role in problem.slots():
            d = self.problem.horizon.index(day)
            people = self.people(d, shift.id, role)
            cover = problem.cover_on(day, shift.id, role)
            need = cover.min if cover is not None else 0
            if cover is not None and not cover.hard and need and cover.under_weight:
                if not people:
                    constant += cover.under_weight * need
                else:
                    # Exactly the people missing, in every solution (not only at the optimum): a
                    # schedule found before the time limit then costs what its penalty says.
                    short = self.model.new_int_var(0, need, f"short|{d}|{shift.id}|{role}")
                    gap = self.model.new_int_var(need - len(people), need, f"gap|{d}|{shift.id}|{role}")
                    self.model.add(gap == need - sum(people))
                    self.model.add_max_equality(short, [gap, 0])
                    terms.append(cover.under_weight * short)
            most = cover.most if cover is not None else 0
            weight = cover.over_weight if cover is not None else problem.weights.cover_over
            if weight and len(people) > most:
                if most == 0:
                    terms.append(weight * sum(people))
                else:
                    surplus = self.model.new_int_var(0, len(people) - most, f"surplus|{d}|{shift.id}|{role}")
                    excess = self.model.new_int_var(-most, len(people) - most, f"excess|{d}|{shift.id}|{role}")
                    self.model.add(excess == sum(people) - most)
                    self.model.add_max_equality(surplus, [excess, 0])
                    terms.append(weight * surplus)
        for request in problem.requests:
            if not request.weight:
                continue
            d = self.problem.horizon.index(request.date)
            member = problem.member(request.staff)
            shift = request.shift
            working = self.works[member.id, d] if shift is None else self._working(member, shift, d)
            if request.on:
                # Not granted when not working (that shift): weight × (1 − working).
                constant += request.weight
                terms.append(-request.weight * working)
            else:
                terms.append(request.weight * working)
        self.model.minimize(cp_model.LinearExpr.sum(terms) + constant)

    def assignments(self, solver: cp_model.CpSolver) -> tuple[Assignment, ...]:
        """The assignments of the solver's best solution."""
        order = {shift.id: i for i, shift in enumerate(self.problem.shift_types)}
        return tuple(
            sorted(
                (
                    Assignment(self.dates[d], shift_id, staff_id, role)
                    for (staff_id, d, shift_id, role), var in self.take.items()
                    if solver.boolean_value(var)
                ),
                key=lambda a: (a.date, order[a.shift], a.staff),
            )
        )

    def counts(self) -> dict[str, int]:
        """The size of the model: variables and constraints."""
        proto = self.model.proto
        return {"variables": len(proto.variables), "constraints": len(proto.constraints)}
