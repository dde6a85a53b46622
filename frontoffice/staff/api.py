"""Staff schedules over the API: solving a schedule problem, for planning and what-ifs."""

from typing import Any

from ninja import Body, Query, Router

from frontoffice.core.api import scoped
from frontoffice.core.domain.errors import InvalidInput
from frontoffice.staff.domain.messages import say
from frontoffice.staff.domain.problem import ProblemError, problem_from_json
from frontoffice.staff.domain.schedule import schedule_as_json
from frontoffice.staff.domain.solver import solve
from frontoffice.staff.schemas import ScheduleOut

router = Router(tags=["staff schedules"])

MAX_TIME_LIMIT = 30.0  # a request holds a server worker for at most this long (then another as long to explain)

PROBLEM_DOC = (
    "A schedule problem in the JSON format of docs/scheduling.md: `horizon`, `shift_types`, "
    "`forbidden_successions`, `contracts`, `staff`, `requests`, `covers`, `weights`, `time_limit_seconds`."
)

PROBLEM_BODY = Body(..., description=PROBLEM_DOC)


@router.post(
    "/properties/{code}/schedules/solve",
    response=ScheduleOut,
    summary="Solve a schedule problem (planning and what-ifs)",
    openapi_extra={"requestBody": {"description": PROBLEM_DOC}},
)
def solve_schedule(
    request,
    code: str,
    problem: dict[str, Any] = PROBLEM_BODY,
    time_limit: float | None = Query(None, gt=0, le=MAX_TIME_LIMIT, description="Seconds, at most 30"),
):
    """Solve the problem as given (nothing is stored) and return the schedule with its penalty
    breakdown — or, with status `infeasible`, why the hard rules cannot all be met. The time limit
    is the query's, else the problem's `time_limit_seconds`, never above 30 s. A problem that
    cannot be read is refused with 422 and every mistake in `errors` (`field` is the path of the
    field, e.g. `staff[2].max_shifts.night`). Needs `core.manage_schedules`."""
    scoped(request, code, "core.manage_schedules")
    try:
        parsed = problem_from_json(problem)
    except ProblemError as refused:
        errors = [{"field": e["path"] or None, "message": e["message"]} for e in refused.errors]
        raise InvalidInput(say("api_invalid"), errors=errors) from None
    limit = min(time_limit or parsed.time_limit_seconds, MAX_TIME_LIMIT)
    return schedule_as_json(solve(parsed, time_limit=limit))


# Staff, the set-up, schedules and timesheets (api_planning), requests, covers and sick calls
# (api_needs) share this router.
from frontoffice.staff.api_needs import router as needs_router  # noqa: E402
from frontoffice.staff.api_planning import router as planning_router  # noqa: E402

router.add_router("", planning_router)
router.add_router("", needs_router)
