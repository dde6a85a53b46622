"""One small hand-made case per rule, with its known optimal penalty.

Unless a case says otherwise a person short costs 10, a person too many 1 (everyone placed where no
cover asks for them is too many), a request not granted 5. ``solved`` also checks every schedule
against the independent validator and its penalty breakdown against the objective.
"""

import pytest

from frontoffice.staff.domain.schedule import Status
from frontoffice.staff.tests.domain.builders import cover, day, person, problem_json, roster, solved


def optimum(data: dict) -> int:
    _, schedule = solved(data)
    assert schedule.status == Status.OPTIMAL
    return schedule.objective


# --- covers ---


def test_a_cover_met_exactly_costs_nothing():
    problem, schedule = solved(
        problem_json(days=1, staff=[person("ana"), person("bo"), person("cy")], covers=[cover("morning", 2)])
    )
    assert schedule.objective == 0
    assert [a.shift for a in schedule.assignments] == ["morning", "morning"]


def test_each_person_short_of_a_cover_costs_its_under_weight():
    assert optimum(problem_json(days=1, staff=[person("ana")], covers=[cover("morning", 3, under_weight=7)])) == 14


def test_each_person_above_the_cover_maximum_costs_its_over_weight():
    # Three people must each work their one day; the morning takes two, the third is a surplus: in
    # the morning it would cost 3, on another shift (no cover: nobody needed) the default 1.
    staff = [person(name, min_minutes=480) for name in ("ana", "bo", "cy")]
    data = problem_json(days=1, staff=staff, covers=[cover("morning", 1, max=2, over_weight=3)])
    problem, schedule = solved(data)
    assert schedule.objective == 1
    (surplus,) = schedule.penalties.items
    assert (surplus.rule, surplus.units, surplus.weight) == ("cover_over", 1, 1)
    assert surplus.shift != "morning"


def test_without_a_maximum_a_cover_is_over_staffed_above_its_minimum():
    staff = [person(name, min_minutes=480) for name in ("ana", "bo")]
    data = problem_json(
        days=1,
        staff=staff,
        shifts=problem_json(staff=[])["shift_types"][:1],
        covers=[cover("morning", 1, over_weight=4)],
    )
    assert optimum(data) == 4


# --- what an assignment is ---


def test_a_person_works_one_shift_a_day():
    assert optimum(problem_json(days=1, staff=[person("ana")], covers=[cover("morning"), cover("afternoon")])) == 10


def test_a_person_works_only_in_a_role_they_hold_that_the_shift_serves():
    data = problem_json(days=1, staff=[person("ana", "front_desk")], covers=[cover("morning", role="porter")])
    assert optimum(data) == 10
    data = problem_json(
        days=1,
        staff=[person("ana", "front_desk", "porter")],
        covers=[cover("morning", role="porter", under_weight=20), cover("morning")],
    )
    problem, schedule = solved(data)
    assert schedule.objective == 10
    assert [(a.shift, a.role) for a in schedule.assignments] == [("morning", "porter")]


# --- successions and rest ---


def night_then_morning(**rules) -> dict:
    """Night wanted on day 0 (short costs 10), morning on day 1 (short costs 6)."""
    return problem_json(
        days=2,
        staff=[person("ana", **rules)],
        covers=[cover("night", date=day(0)), cover("morning", date=day(1), under_weight=6)],
    )


def test_a_night_may_be_followed_by_a_morning_unless_forbidden():
    assert optimum(night_then_morning()) == 0
    assert optimum(night_then_morning() | {"forbidden_successions": [["night", "morning"]]}) == 6


def test_too_little_rest_between_two_shifts_forbids_the_succession():
    data = problem_json(
        days=2,
        staff=[person("ana", min_rest_minutes=720)],
        covers=[cover("afternoon", date=day(0)), cover("morning", date=day(1), under_weight=6)],
    )
    assert optimum(data) == 6  # 15:00–23:00 then 07:00 leaves 8 hours
    data["staff"][0]["min_rest_minutes"] = 480
    assert optimum(data) == 0


def test_overlapping_shifts_never_follow_each_other():
    shifts = [
        {"id": "double", "start": "15:00", "end": "09:00", "roles": ["front_desk"]},
        {"id": "morning", "start": "07:00", "end": "15:00", "roles": ["front_desk"]},
    ]
    data = problem_json(
        days=2,
        shifts=shifts,
        staff=[person("ana")],
        covers=[cover("double", date=day(0)), cover("morning", date=day(1), under_weight=6)],
    )
    assert optimum(data) == 6


def test_the_shift_worked_before_the_horizon_counts_for_successions():
    data = problem_json(
        days=1,
        staff=[person("ana", history=["night"])],
        covers=[cover("morning")],
        forbidden_successions=[["night", "morning"]],
    )
    assert optimum(data) == 10
    data["staff"][0]["history"] = ["night", None]
    assert optimum(data) == 0


# --- days off, unavailability, fixed shifts ---


def test_nobody_works_on_a_day_off_or_when_unavailable():
    data = problem_json(
        days=3, staff=[person("ana", days_off=[day(1)], unavailable=[day(2)])], covers=[cover("morning")]
    )
    problem, schedule = solved(data)
    assert schedule.objective == 20
    assert roster(schedule, "ana", 3) == ["morning", None, None]


def test_days_off_can_be_weekdays_and_unavailability_a_range():
    data = problem_json(
        days=7,
        staff=[person("ana", days_off=["tue", "sun"], unavailable=[{"from": day(3), "to": day(4)}])],
        covers=[cover("morning")],
    )
    problem, schedule = solved(data)
    assert schedule.objective == 40
    assert roster(schedule, "ana", 7) == ["morning", None, "morning", None, None, "morning", None]


def test_a_fixed_shift_is_worked_even_where_nobody_is_needed():
    data = problem_json(
        days=2,
        staff=[person("ana", "front_desk", "porter", fixed=[{"date": day(1), "shift": "afternoon", "role": "porter"}])],
        covers=[cover("morning")],
    )
    problem, schedule = solved(data)
    assert schedule.objective == 11  # the afternoon as a porter is a surplus, the second morning is short
    assert [(a.date.isoformat(), a.shift, a.role) for a in schedule.assignments] == [
        (day(0), "morning", "front_desk"),
        (day(1), "afternoon", "porter"),
    ]


# --- runs of days ---


def test_at_most_so_many_consecutive_work_days():
    data = problem_json(days=5, staff=[person("ana", max_consecutive_work_days=3)], covers=[cover("morning")])
    assert optimum(data) == 10


def test_work_days_just_before_the_horizon_count_towards_the_maximum_run():
    data = problem_json(
        days=3,
        staff=[person("ana", max_consecutive_work_days=3, history=["morning", "morning"])],
        covers=[cover("morning")],
    )
    assert optimum(data) == 10  # one of the three days off
    data["staff"][0]["history"] = ["morning", "morning", None]
    assert optimum(data) == 0


def test_a_run_of_work_days_touching_the_start_is_not_held_to_the_minimum():
    # Only day 1 is needed. Alone it would be a run of one; days 0–1 touch the start of the
    # horizon (the day before is unknown) so they may stay shorter than three.
    data = problem_json(
        days=5, staff=[person("ana", min_consecutive_work_days=3)], covers=[cover("morning", date=day(1))]
    )
    problem, schedule = solved(data)
    assert schedule.objective == 1
    first, second, *_ = roster(schedule, "ana", 5)
    assert first is not None and second == "morning"


def test_a_known_day_off_before_the_start_holds_the_first_run_to_the_minimum():
    data = problem_json(
        days=5,
        staff=[person("ana", min_consecutive_work_days=3, history=[None])],
        covers=[cover("morning", date=day(1))],
    )
    assert optimum(data) == 2


def test_a_run_of_work_days_touching_the_end_is_not_held_to_the_minimum():
    data = problem_json(
        days=5, staff=[person("ana", min_consecutive_work_days=3)], covers=[cover("morning", date=day(3))]
    )
    assert optimum(data) == 1  # days 3–4, the run may go on after the horizon


def test_days_off_come_in_runs_of_the_minimum_length():
    data = problem_json(
        days=5, staff=[person("ana", min_consecutive_days_off=2, unavailable=[day(2)])], covers=[cover("morning")]
    )
    assert optimum(data) == 20


def test_days_off_touching_the_start_are_not_held_to_the_minimum():
    data = problem_json(
        days=5, staff=[person("ana", min_consecutive_days_off=2, unavailable=[day(0)])], covers=[cover("morning")]
    )
    assert optimum(data) == 10


# --- limits over the horizon ---


def test_at_most_so_many_shifts_of_a_type():
    data = problem_json(
        days=3,
        staff=[person("ana", "night_audit", max_shifts={"night": 2})],
        covers=[cover("night", role="night_audit")],
    )
    assert optimum(data) == 10


def test_at_most_so_many_working_weekends():
    data = problem_json(
        days=14, staff=[person("ana", max_working_weekends=1)], covers=[cover("morning", weekdays=["sat", "sun"])]
    )
    problem, schedule = solved(data)
    assert schedule.objective == 20
    assert len({a.date.isocalendar()[1] for a in schedule.assignments}) == 1


def test_at_least_so_many_minutes():
    assert optimum(problem_json(days=3, staff=[person("ana", min_minutes=960)])) == 2


def test_at_most_so_many_minutes():
    assert optimum(problem_json(days=3, staff=[person("ana", max_minutes=960)], covers=[cover("morning")])) == 10


def test_contract_rules_apply_unless_the_staff_member_sets_their_own():
    data = problem_json(
        days=5,
        staff=[person("ana", contract="part_time"), person("bo", contract="part_time", max_minutes=2400)],
        contracts={"part_time": {"max_minutes": 960}},
        covers=[cover("morning", 2)],
    )
    problem, schedule = solved(data)
    assert schedule.objective == 30  # Ana works 2 mornings, Bo all 5
    assert problem.member("ana").rules.max_minutes == 960


# --- requests ---


@pytest.mark.parametrize(("weight", "expected"), [(5, 5), (20, 10)])
def test_a_day_off_request_gives_way_to_a_cover_worth_more(weight, expected):
    data = problem_json(
        days=1,
        staff=[person("ana")],
        covers=[cover("morning")],
        requests=[{"staff": "ana", "date": day(0), "on": False, "weight": weight}],
    )
    assert optimum(data) == expected


def test_a_request_for_a_shift_is_not_granted_by_another_shift():
    data = problem_json(
        days=1,
        staff=[person("ana")],
        covers=[cover("morning")],
        requests=[{"staff": "ana", "date": day(0), "shift": "afternoon", "on": True}],
    )
    problem, schedule = solved(data)
    assert schedule.objective == 5
    (request,) = schedule.penalties.items
    assert (request.rule, request.staff, request.on, request.weight) == ("request", "ana", True, 5)


def test_a_request_to_work_any_shift_is_granted_by_working():
    data = problem_json(days=1, staff=[person("ana")], requests=[{"staff": "ana", "date": day(0), "on": True}])
    assert optimum(data) == 1  # working costs the surplus (1) instead of the request (5)


def test_a_request_not_to_work_a_shift_leaves_the_others_open():
    data = problem_json(
        days=1,
        staff=[person("ana")],
        covers=[cover("night"), cover("morning", under_weight=3)],
        requests=[{"staff": "ana", "date": day(0), "shift": "night", "on": False, "weight": 20}],
    )
    problem, schedule = solved(data)
    assert schedule.objective == 10
    assert roster(schedule, "ana", 1) == ["morning"]


# --- hard covers ---


def test_a_hard_cover_is_met_whatever_it_costs():
    requests = [{"staff": s, "date": day(0), "on": False, "weight": 50} for s in ("ana", "bo")]
    data = problem_json(
        days=1, staff=[person("ana"), person("bo")], requests=requests, covers=[cover("morning", 2, hard=True)]
    )
    assert optimum(data) == 100


def test_the_penalty_breakdown_names_each_shortfall():
    data = problem_json(
        days=2,
        staff=[person("ana", "porter")],
        covers=[cover("morning", 2, role="porter"), cover("afternoon", role="porter")],
    )
    problem, schedule = solved(data)
    assert schedule.objective == 40  # each day: 2 short, whatever Ana does
    by_rule = schedule.penalties.by_rule()
    assert (by_rule["cover_under"]["units"], by_rule["cover_under"]["penalty"]) == (4, 40)
    assert by_rule["request"] == {"count": 0, "units": 0, "penalty": 0}
    assert all(item.role == "porter" for item in schedule.penalties.items)
    assert "porter" in schedule.penalties.items[0].message
