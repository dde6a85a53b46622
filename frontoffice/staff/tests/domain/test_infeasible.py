"""When the hard rules cannot all hold, the answer says which requirement and which days."""

import datetime as dt

from frontoffice.staff.domain.schedule import Status
from frontoffice.staff.tests.domain.builders import cover, day, person, problem_json, solved


def explained(data: dict):
    _, schedule = solved(data)
    assert schedule.status == Status.INFEASIBLE
    assert schedule.assignments == ()
    return schedule.explanation


def test_a_hard_cover_more_people_than_can_work_that_day_is_named_with_its_day():
    staff = [person("ana", "porter"), person("bo", "porter", days_off=[day(2)]), person("cy", "front_desk")]
    explanation = explained(
        problem_json(days=3, staff=staff, covers=[cover("morning", 2, role="porter", hard=True, date=day(2))])
    )
    (finding,) = explanation.findings
    assert finding.code == "cover_short"
    assert finding.dates == (dt.date.fromisoformat(day(2)),)
    assert (finding.shift, finding.role, finding.staff) == ("morning", "porter", ("ana",))
    assert finding.message == (
        "cover of 2 porters on 2026-12-09 (Morning): only 1 porter can work that day (not available: Bo)"
    )


def test_hard_covers_sharing_the_same_people_are_judged_together():
    staff = [person(name, "porter") for name in ("ana", "bo", "cy")]
    covers = [cover("morning", 2, role="porter", hard=True), cover("afternoon", 2, role="porter", hard=True)]
    explanation = explained(problem_json(days=2, staff=staff, covers=covers))
    assert [f.code for f in explanation.findings] == ["covers_short", "covers_short"]  # both days
    first = explanation.findings[0]
    assert first.dates == (dt.date.fromisoformat(day(0)),)
    assert "Morning: 2 porters, Afternoon: 2 porters" in first.message
    assert "need 4 people, but only 3 staff can take them: Ana, Bo, Cy" in first.message


def test_the_shift_before_the_horizon_counts_when_judging_a_cover():
    data = problem_json(
        days=2,
        staff=[person("ana", history=["night"])],
        covers=[cover("morning", hard=True)],
        forbidden_successions=[["night", "morning"]],
    )
    (finding,) = explained(data).findings
    assert finding.code == "cover_short" and finding.dates == (dt.date.fromisoformat(day(0)),)


def test_a_fixed_shift_on_a_day_off_is_named():
    data = problem_json(days=3, staff=[person("ana", days_off=[day(1)], fixed=[{"date": day(1), "shift": "morning"}])])
    (finding,) = explained(data).findings
    assert finding.code == "fixed_day_off"
    assert finding.staff == ("ana",) and finding.dates == (dt.date.fromisoformat(day(1)),)
    assert finding.message == "Ana's fixed shifts alone break a hard rule: Ana works on 2026-12-08, a day off"


def test_fixed_shifts_leaving_too_little_rest_are_named():
    fixed = [{"date": day(0), "shift": "afternoon"}, {"date": day(1), "shift": "morning"}]
    data = problem_json(days=2, staff=[person("ana", min_rest_minutes=720, fixed=fixed)])
    (finding,) = explained(data).findings
    assert finding.code == "fixed_rest"
    assert "rests 480 minutes" in finding.message


def test_minimum_minutes_out_of_reach_are_named():
    data = problem_json(days=3, staff=[person("ana", min_minutes=2000, unavailable=[day(0)])])
    (finding,) = explained(data).findings
    assert finding.code == "min_minutes_unreachable"
    assert finding.message == "Ana must work at least 2000 minutes, but can work at most 960 (2 days available)"


def test_rules_that_conflict_only_together_are_named_by_the_solver():
    # Each hard cover alone is possible, and so is the run limit; together they are not.
    data = problem_json(
        days=4,
        staff=[person("ana", max_consecutive_work_days=2), person("bo", "porter")],
        covers=[cover("morning", hard=True, date=day(i)) for i in range(3)],
    )
    explanation = explained(data)
    assert explanation.summary.startswith("The hard rules cannot all be met: the rules below cannot all hold")
    codes = [f.code for f in explanation.findings]
    assert codes == ["rule_hard_cover"] * 3 + ["rule_max_consecutive_work"]
    assert [f.dates for f in explanation.findings[:3]] == [(dt.date.fromisoformat(day(i)),) for i in range(3)]
    assert explanation.findings[0].message == "hard cover: at least 1 front-desk agent on 2026-12-07 (Morning)"
    assert explanation.findings[3].message == "Ana: at most 2 consecutive work days"


def test_the_conflict_is_shrunk_to_the_rules_that_matter():
    # Bo's rules and the soft cover play no part; Ana's minimum minutes and run limit do.
    data = problem_json(
        days=3,
        staff=[
            person("ana", min_minutes=1440, max_consecutive_work_days=2, max_shifts={"night": 3}),
            person("bo", max_minutes=480, min_rest_minutes=660),
        ],
        covers=[cover("morning", 2)],
    )
    explanation = explained(data)
    assert sorted(f.code for f in explanation.findings) == ["rule_max_consecutive_work", "rule_min_minutes"]
    assert explanation.summary.startswith("The hard rules cannot all be met: the rules of Ana cannot hold together")
    assert all(f.staff == ("ana",) for f in explanation.findings)
