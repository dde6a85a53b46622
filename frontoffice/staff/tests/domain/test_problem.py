"""Reading a problem: every mistake reported at once, with the path of its field."""

import datetime as dt
import json
from pathlib import Path

import pytest

from frontoffice.staff.domain.problem import ProblemError, problem_from_json
from frontoffice.staff.tests.domain.builders import START, cover, day, person, problem_json, solved

EXAMPLE = Path(__file__).resolve().parents[4] / "docs" / "examples" / "schedule-problem.json"


def errors_of(data) -> dict[str, str]:
    with pytest.raises(ProblemError) as refused:
        problem_from_json(data)
    return {e["path"]: e["message"] for e in refused.value.errors}


def test_the_documented_example_reads():
    problem = problem_from_json(json.loads(EXAMPLE.read_text()))
    assert problem.horizon.days == 14
    assert {role for m in problem.staff for role in m.roles} >= {"front_desk", "night_audit", "porter", "concierge"}


def test_the_documented_example_gets_a_schedule_keeping_every_hard_rule():
    problem, schedule = solved(json.loads(EXAMPLE.read_text()), time_limit=3.0)  # room for a busy machine
    assert schedule.found  # and ``solved`` ran the validator over it
    assert {a.date for a in schedule.assignments if a.role == "night_audit"} == set(problem.horizon.dates)


def test_a_shift_crossing_midnight_belongs_to_the_day_it_starts():
    problem = problem_from_json(problem_json(staff=[person("ana")]))
    night = problem.shift("night")
    assert (night.span, night.minutes) == (480, 480)
    assert night.ends_at(START) == dt.datetime(2026, 12, 8, 7, 0)


def test_a_split_shift_counts_its_paid_minutes():
    shifts = [{"id": "split", "start": "10:00", "end": "22:00", "minutes": 480, "roles": ["front_desk"]}]
    problem = problem_from_json(problem_json(shifts=shifts, staff=[person("ana")]))
    assert (problem.shift("split").span, problem.shift("split").minutes) == (720, 480)


def test_rest_below_the_minimum_forbids_successions_computed_from_the_shift_times():
    problem = problem_from_json(
        problem_json(staff=[person("ana", min_rest_minutes=720)], forbidden_successions=[["night", "morning"]])
    )
    forbidden = problem.successions_forbidden(problem.member("ana"))
    assert forbidden == {
        1: {("night", "morning"), ("afternoon", "morning"), ("night", "afternoon")},
    }


def test_the_most_specific_cover_applies():
    covers = [cover("morning", 1), cover("morning", 2, weekdays=["sat", "sun"]), cover("morning", 3, date=day(5))]
    problem = problem_from_json(problem_json(days=7, staff=[person("ana")], covers=covers))
    needs = [problem.cover_on(START + dt.timedelta(days=i), "morning", "front_desk").min for i in range(7)]
    assert needs == [1, 1, 1, 1, 1, 3, 2]
    assert problem.cover_on(START, "afternoon", "front_desk") is None


def test_every_mistake_is_reported_with_its_path():
    data = problem_json(
        days=3,
        staff=[
            person("ana", "cook", max_shifts={"lunch": 2}),
            person("ana", min_consecutive_work_days=4, max_consecutive_work_days=2, nickname="A"),
            {"name": "nobody"},
        ],
        covers=[
            cover("morning", 2, max=1),
            cover("evening"),
            cover("night", role="porter"),
            cover("morning", 1, date="2027-01-01"),
        ],
        requests=[{"staff": "zoe", "date": day(0), "on": "yes"}],
    )
    data["horizon"]["start"] = START.isoformat()
    data["shift_types"] = [*data["shift_types"], {"id": "late", "start": "25:00", "end": "07:00", "roles": []}]
    assert errors_of(data) == {
        "shift_types[3].start": "must be a time HH:MM (00:00 to 23:59; 24:00 allowed as an end)",
        "shift_types[3].roles": "is required",
        "staff[0].roles[0]": "unknown role 'cook' (roles: front_desk, reservations, concierge, porter, night_audit, "
        "manager, assistant_manager)",
        "staff[0].max_shifts.lunch": "unknown shift type 'lunch'",
        "staff[1].id": "'ana' is used twice",
        "staff[1].nickname": "unknown field (expected one of: id, name, roles, contract, days_off, unavailable, "
        "fixed, history, min_rest_minutes, min_consecutive_work_days, max_consecutive_work_days, "
        "min_consecutive_days_off, max_shifts, max_working_weekends, min_minutes, max_minutes)",
        "staff[1].min_consecutive_work_days": "the minimum (4) is above the maximum (2)",
        "staff[2].id": "is required",
        "staff[2].roles": "is required",
        "covers[0].min": "the minimum (2) is above the maximum (1)",
        "covers[1].shift": "unknown shift type 'evening'",
        "covers[2].role": "shift type 'night' does not serve role 'porter'",
        "covers[3].date": "2027-01-01 is outside the horizon (2026-12-07 to 2026-12-09)",
        "requests[0].staff": "unknown staff member 'zoe'",
        "requests[0].on": "must be true or false",
    }


@pytest.mark.parametrize(
    ("data", "path", "message"),
    [
        ([], "", "must be an object"),
        ({"horizon": None}, "horizon", "is required"),
        ({"horizon": {"start": "2026-02-30", "days": 0}}, "horizon.start", "must be a date YYYY-MM-DD"),
        ({"horizon": {"start": "2026-02-03", "days": 0}}, "horizon.days", "must be between 1 and 366"),
        ({"horizon": {"start": "2026-02-03", "days": True}}, "horizon.days", "must be a whole number"),
        ({"shift_types": []}, "shift_types", "is required"),
        (
            {"shift_types": [{"id": "x", "start": "07:00", "end": "07:00", "roles": ["porter"]}]},
            "shift_types[0].end",
            "a shift cannot start and end at the same time",
        ),
        (
            {"shift_types": [{"id": "x", "start": "07:00", "end": "08:00", "minutes": 90, "roles": ["porter"]}]},
            "shift_types[0].minutes",
            "must be between 1 and 60",
        ),
        ({"forbidden_successions": [["night"]]}, "forbidden_successions[0]", "must be a list"),
        (
            {"forbidden_successions": [["night", "brunch"]]},
            "forbidden_successions[0][1]",
            "unknown shift type 'brunch'",
        ),
        (
            {"staff": [{"id": "a", "roles": ["porter"], "contract": "zero_hours"}]},
            "staff[0].contract",
            "unknown contract 'zero_hours'",
        ),
        (
            {"staff": [{"id": "a", "roles": ["porter"], "days_off": ["someday"]}]},
            "staff[0].days_off[0]",
            "must be a date YYYY-MM-DD",
        ),
        (
            {"staff": [{"id": "a", "roles": ["porter"], "days_off": ["sat", "fri", "san"]}]},
            "staff[0].days_off[2]",
            "unknown weekday 'san' (mon, tue, wed, thu, fri, sat, sun)",
        ),
        (
            {"staff": [{"id": "a", "roles": ["porter"], "fixed": [{"date": day(0), "shift": "night"}]}]},
            "staff[0].fixed[0].shift",
            "'a' holds no role that shift type 'night' serves",
        ),
        (
            {
                "staff": [
                    {
                        "id": "a",
                        "roles": ["porter"],
                        "fixed": [{"date": day(0), "shift": "morning", "role": "front_desk"}],
                    }
                ]
            },
            "staff[0].fixed[0].role",
            "'a' does not hold role 'front_desk'",
        ),
        (
            {
                "staff": [
                    {
                        "id": "a",
                        "roles": ["porter"],
                        "fixed": [{"date": day(0), "shift": "morning"}, {"date": day(0), "shift": "afternoon"}],
                    }
                ]
            },
            "staff[0].fixed[1].date",
            "another fixed shift is already on 2026-12-07 (one shift a day)",
        ),
        (
            {"staff": [{"id": "a", "roles": ["porter"], "min_rest_minutes": -1}]},
            "staff[0].min_rest_minutes",
            "must be between 0 and 2880",
        ),
        (
            {"staff": [{"id": "a", "roles": ["porter"], "history": ["night", "brunch"]}]},
            "staff[0].history[1]",
            "unknown shift type 'brunch'",
        ),
        (
            {"covers": [cover("morning", date=day(0), weekdays=["mon"])]},
            "covers[0].weekdays",
            "give either a date or weekdays, not both",
        ),
        (
            {"covers": [cover("morning", weekdays=["mon", "tue"]), cover("morning", weekdays=["tue"])]},
            "covers[1]",
            "another cover already sets morning/front_desk on the same days (covers[0])",
        ),
        (
            {"covers": [{"shift": "morning", "role": "porter", "min": 1, "under_weight": 1.5}]},
            "covers[0].under_weight",
            "must be a whole number",
        ),
        ({"weights": {"cover_under": -1}}, "weights.cover_under", "must be between 0 and 1000000"),
        ({"time_limit_seconds": 0}, "time_limit_seconds", "must be between 0 (excluded) and 3600.0"),
        ({"requests": [{"staff": "ana", "date": day(0)}]}, "requests[0].on", "is required"),
        (
            {"staff": [person(f"p{i}") for i in range(400)], "horizon": {"start": day(0), "days": 366}},
            "staff",
            "the problem is too big: 400 staff × 366 days × 3 shift types is above 100000",
        ),
    ],
)
def test_a_mistake_is_reported_at_its_path(data, path, message):
    if isinstance(data, dict):
        data = problem_json(staff=[person("ana")]) | data
    errors = errors_of(data)
    assert errors.get(path) == message, errors


def test_no_mistake_escapes_as_an_exception_other_than_problem_error():
    for data in (
        None,
        3,
        "x",
        {"horizon": None, "shift_types": {"a": 1}, "staff": "many"},
        {"horizon": {"start": 20261207, "days": "3"}, "shift_types": [None, 1], "staff": [[], {"id": 3}]},
        problem_json(
            staff=[person("ana", fixed=[None, {"date": None, "shift": 1}], history="x")],
            covers=[None, {"shift": None, "role": 1, "min": None}],
            requests=[[]],
        ),
        problem_json(
            staff=[person("ana", max_shifts=[1], days_off=[{"from": day(2), "to": day(0)}])], contracts=[], weights=[]
        ),
    ):
        with pytest.raises(ProblemError) as refused:
            problem_from_json(data)
        assert refused.value.errors
        assert all(set(e) == {"path", "message"} for e in refused.value.errors)
