"""The penalty of a schedule, soft rule by soft rule, computed from the assignments alone.

The rules (each costs its weight per unit; their sum is what the solver minimises):

- **cover shortfall**: per day, shift and role of a soft cover, each person short of ``min``;
- **cover surplus**: per day, shift and role, each person above the cover's ``max`` (its ``min``
  when it has no ``max``); where no cover applies nobody is needed, so everyone placed there is a
  surplus at the default ``weights.cover_over``;
- **request not granted**: wanted to work a shift (or any shift) on a day and does not, or wanted
  not to and does.
"""

from collections import Counter
from collections.abc import Iterable

from frontoffice.staff.domain.messages import role_label, say
from frontoffice.staff.domain.problem import Problem
from frontoffice.staff.domain.schedule import Assignment, Penalties, PenaltyItem


def penalty_breakdown(problem: Problem, assignments: Iterable[Assignment]) -> Penalties:
    """Every soft rule the schedule does not meet, with what it costs."""
    assignments = list(assignments)
    scheduled_in = Counter((a.date, a.shift, a.role) for a in assignments)
    items: list[PenaltyItem] = []
    for day, shift, role in problem.slots():
        cover = problem.cover_on(day, shift.id, role)
        scheduled = scheduled_in[day, shift.id, role]
        if cover is not None and not cover.hard and scheduled < cover.min and cover.under_weight:
            missing = cover.min - scheduled
            items.append(
                PenaltyItem(
                    "cover_under",
                    missing,
                    cover.under_weight,
                    say(
                        "p_cover_under",
                        date=day,
                        shift=shift.name,
                        missing=missing,
                        role_missing=role_label(role, missing),
                        scheduled=scheduled,
                        need=cover.min,
                    ),
                    day,
                    shift.id,
                    role,
                    scheduled=scheduled,
                    target=cover.min,
                )
            )
        most = cover.most if cover is not None else 0
        weight = cover.over_weight if cover is not None else problem.weights.cover_over
        if scheduled > most and weight:
            surplus = scheduled - most
            items.append(
                PenaltyItem(
                    "cover_over",
                    surplus,
                    weight,
                    say(
                        "p_cover_over",
                        date=day,
                        shift=shift.name,
                        surplus=surplus,
                        role_surplus=role_label(role, surplus),
                        scheduled=scheduled,
                        limit=most,
                    ),
                    day,
                    shift.id,
                    role,
                    scheduled=scheduled,
                    target=most,
                )
            )
    works = {(a.staff, a.date): a.shift for a in assignments}
    for request in problem.requests:
        if not request.weight:
            continue
        worked = works.get((request.staff, request.date))
        met = worked is not None and (request.shift is None or worked == request.shift)
        if met != request.on:
            member = problem.member(request.staff)
            what = problem.shift(request.shift).name if request.shift else say("p_any_shift")
            text = say(
                "p_request_on" if request.on else "p_request_off", staff=member.name, what=what, date=request.date
            )
            items.append(
                PenaltyItem(
                    "request", 1, request.weight, text, request.date, request.shift, staff=request.staff, on=request.on
                )
            )
    return Penalties(tuple(items))
