"""``POST /api/v1/properties/{code}/schedules/solve``: the same problem format and answer as the CLI."""

from frontoffice.staff.tests.domain.builders import cover, person, problem_json

PROBLEM = problem_json(
    days=2, staff=[person("ana"), person("bo", "porter")], covers=[cover("morning"), cover("morning", role="porter")]
)


def path(hotel) -> str:
    return f"/properties/{hotel.property.code}/schedules/solve"


def test_a_manager_solves_a_problem(api_as, hotel, manager):
    response = api_as(manager).post(path(hotel) + "?time_limit=2", PROBLEM)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "optimal" and body["objective"] == 0
    assert sorted((a["staff"], a["date"], a["role"]) for a in body["assignments"]) == [
        ("ana", "2026-12-07", "front_desk"),
        ("ana", "2026-12-08", "front_desk"),
        ("bo", "2026-12-07", "porter"),
        ("bo", "2026-12-08", "porter"),
    ]
    assert body["penalties"]["by_rule"]["request"] == {"count": 0, "units": 0, "penalty": 0}
    assert body["explanation"] is None


def test_an_infeasible_problem_is_answered_with_its_explanation(api_as, hotel, manager):
    problem = problem_json(days=1, staff=[person("ana")], covers=[cover("morning", 2, hard=True)])
    response = api_as(manager).post(path(hotel), problem)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "infeasible" and body["assignments"] == []
    (finding,) = body["explanation"]["findings"]
    assert (finding["code"], finding["dates"], finding["shift"]) == ("cover_short", ["2026-12-07"], "morning")


def test_a_desk_agent_may_not_solve_schedules(api_as, hotel, agent):
    response = api_as(agent).post(path(hotel), PROBLEM)
    assert response.status_code == 403


def test_another_property_is_not_found(api_as, hotel, manager, other_hotel):
    response = api_as(manager).post(f"/properties/{other_hotel.property.code}/schedules/solve", PROBLEM)
    assert response.status_code == 404


def test_a_bad_problem_is_refused_with_every_mistake(api_as, hotel, manager):
    problem = problem_json(days=2, staff=[person("ana", max_shifts={"brunch": 1})], covers=[cover("morning", -1)])
    response = api_as(manager).post(path(hotel), problem)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid"
    assert body["detail"] == "The schedule problem is not valid."
    assert {"field": "staff[0].max_shifts.brunch", "message": "unknown shift type 'brunch'"} in body["errors"]
    assert {"field": "covers[0].min", "message": "must be between 0 and 500"} in body["errors"]


def test_a_time_limit_above_30_seconds_is_refused(api_as, hotel, manager):
    response = api_as(manager).post(path(hotel) + "?time_limit=120", PROBLEM)
    assert response.status_code == 422
