"""The referee: the independent validator catches every broken hard rule, and only those."""

import datetime as dt

import pytest

from frontoffice.staff.domain.problem import problem_from_json
from frontoffice.staff.domain.schedule import Assignment
from frontoffice.staff.domain.validator import violations
from frontoffice.staff.tests.domain.builders import START, cover, day, person, problem_json


def works(*entries: tuple[str, int, str] | tuple[str, int, str, str]) -> list[Assignment]:
    """(staff, day, shift[, role]) → assignments, front desk unless a role is given."""
    return [
        Assignment(START + dt.timedelta(days=e[1]), e[2], e[0], e[3] if len(e) > 3 else "front_desk") for e in entries
    ]


def broken(data: dict, assignments: list[Assignment]) -> list[tuple[str, str | None]]:
    return sorted((v.rule, v.staff) for v in violations(problem_from_json(data), assignments))


CASES = [
    ("one_shift_a_day", {}, [("ana", 0, "morning"), ("ana", 0, "afternoon")]),
    ("role", {}, [("ana", 0, "morning", "porter")]),
    ("role", {"roles": ["front_desk", "porter"]}, [("ana", 0, "night", "porter")]),
    ("day_off", {"days_off": [day(1)]}, [("ana", 1, "morning")]),
    ("day_off", {"days_off": ["tue"]}, [("ana", 1, "morning")]),
    ("unavailable", {"unavailable": [day(2)]}, [("ana", 2, "morning")]),
    ("fixed", {"fixed": [{"date": day(2), "shift": "night"}]}, [("ana", 2, "morning")]),
    ("rest", {"min_rest_minutes": 600}, [("ana", 0, "afternoon"), ("ana", 1, "morning")]),
    ("rest", {"history": ["afternoon"], "min_rest_minutes": 600}, [("ana", 0, "morning")]),
    ("max_consecutive_work_days", {"max_consecutive_work_days": 2}, [("ana", d, "morning") for d in range(3)]),
    (
        "max_consecutive_work_days",
        {"max_consecutive_work_days": 2, "history": ["night", "morning"]},
        [("ana", 0, "afternoon")],
    ),
    ("min_consecutive_work_days", {"min_consecutive_work_days": 2}, [("ana", 2, "morning")]),
    ("min_consecutive_work_days", {"min_consecutive_work_days": 3, "history": [None]}, [("ana", 0, "morning")]),
    ("min_consecutive_days_off", {"min_consecutive_days_off": 2}, [("ana", 0, "morning"), ("ana", 2, "morning")]),
    ("max_shifts", {"max_shifts": {"night": 1}}, [("ana", 0, "night"), ("ana", 2, "night")]),
    ("max_working_weekends", {"max_working_weekends": 1}, [("ana", 5, "morning"), ("ana", 13, "morning")]),
    ("min_minutes", {"min_minutes": 1000}, [("ana", 0, "morning"), ("ana", 3, "morning")]),
    ("max_minutes", {"max_minutes": 900}, [("ana", 0, "morning"), ("ana", 3, "morning")]),
    ("outside_horizon", {}, [("ana", 30, "morning")]),
]


@pytest.mark.parametrize(("rule", "rules", "entries"), CASES)
def test_a_broken_rule_is_caught(rule, rules, entries):
    data = problem_json(days=14, staff=[person("ana", **rules)])
    assert broken(data, works(*entries)) == [(rule, "ana")]


def test_a_forbidden_succession_is_caught_also_after_the_history():
    data = problem_json(days=3, staff=[person("ana", history=["night"])], forbidden_successions=[["night", "morning"]])
    assert broken(data, works(("ana", 0, "morning"))) == [("succession", "ana")]
    assert broken(data, works(("ana", 0, "night"), ("ana", 1, "morning"))) == [("succession", "ana")]


def test_a_hard_cover_short_is_caught():
    data = problem_json(days=1, staff=[person("ana"), person("bo")], covers=[cover("morning", 2, hard=True)])
    assert broken(data, works(("ana", 0, "morning"))) == [("hard_cover", None)]


def test_runs_touching_an_unknown_edge_are_not_held_to_their_minimum():
    data = problem_json(days=5, staff=[person("ana", min_consecutive_work_days=3, min_consecutive_days_off=3)])
    assert broken(data, works(("ana", 0, "morning"), ("ana", 4, "morning"))) == []


def test_a_valid_schedule_breaks_nothing():
    data = problem_json(
        days=7,
        staff=[
            person(
                "ana",
                min_rest_minutes=720,
                max_consecutive_work_days=3,
                min_consecutive_days_off=2,
                history=["morning"],
            ),
            person("bo", "front_desk", "night_audit", max_shifts={"night": 2}, days_off=["sun"]),
        ],
        covers=[cover("night", role="night_audit", hard=True, date=day(2))],
        forbidden_successions=[["night", "morning"]],
    )
    schedule = works(
        ("ana", 0, "morning"),
        ("ana", 1, "afternoon"),
        ("ana", 4, "morning"),
        ("ana", 5, "morning"),
        ("bo", 1, "night", "night_audit"),
        ("bo", 2, "night", "night_audit"),
        ("bo", 3, "afternoon"),
    )
    assert broken(data, schedule) == []
