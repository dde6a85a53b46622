"""``frontoffice schedule solve``: the schedule as JSON, a summary on standard error, and an exit
status saying what happened."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from frontoffice.staff.tests.domain.builders import cover, person, problem_json


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("schedule", "solve", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path, data) -> str:
    path = tmp_path / "problem.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return str(path)


def test_a_schedule_is_written_to_standard_output_with_a_summary_on_standard_error(tmp_path):
    data = problem_json(days=2, staff=[person("ana"), person("bo")], covers=[cover("morning", 2)])
    out, err = run(write(tmp_path, data), "--time-limit", "2", "--workers", "1")
    schedule = json.loads(out)
    assert schedule["status"] == "optimal"
    assert schedule["objective"] == 0 and schedule["penalties"]["total"] == 0
    assert len(schedule["assignments"]) == 4
    assert schedule["assignments"][0] == {
        "staff": "ana",
        "date": "2026-12-07",
        "shift": "morning",
        "role": "front_desk",
    }
    assert "Schedule 2026-12-07 to 2026-12-08: optimal" in err
    assert "cover shortfalls" in err


def test_out_writes_the_schedule_to_a_file(tmp_path):
    data = problem_json(days=1, staff=[person("ana")], covers=[cover("morning", 2)])
    out, err = run(write(tmp_path, data), "--out", str(tmp_path / "schedule.json"), "--time-limit", "1")
    assert out == ""
    schedule = json.loads((tmp_path / "schedule.json").read_text())
    assert schedule["penalties"]["by_rule"]["cover_under"] == {"count": 1, "units": 1, "penalty": 10}
    assert schedule["penalties"]["items"][0]["message"] == "2026-12-07 Morning: 1 front-desk agent short (1 of 2)"


def test_an_infeasible_problem_exits_with_2_and_says_why(tmp_path):
    data = problem_json(days=1, staff=[person("ana")], covers=[cover("morning", 2, hard=True)])
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("schedule", "solve", write(tmp_path, data), stdout=out, stderr=err)
    assert failed.value.returncode == 2
    assert json.loads(out.getvalue())["explanation"]["findings"][0]["code"] == "cover_short"
    assert "cover of 2 front-desk agents on 2026-12-07 (Morning): only 1 front-desk agent" in err.getvalue()


@pytest.mark.parametrize(
    ("content", "shown"),
    [
        ("{not json", "is not JSON"),
        (
            {"horizon": {"start": "2026-12-07", "days": 3}, "shift_types": [], "staff": [{"id": "ana"}]},
            "staff[0].roles",
        ),
    ],
)
def test_a_bad_problem_file_exits_with_1_and_lists_the_mistakes(tmp_path, content, shown):
    err = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("schedule", "solve", write(tmp_path, content), stdout=io.StringIO(), stderr=err)
    assert failed.value.returncode == 1
    assert shown in err.getvalue() + str(failed.value)


def test_a_missing_problem_file_exits_with_1(tmp_path):
    with pytest.raises(CommandError) as failed:
        call_command("schedule", "solve", str(tmp_path / "nowhere.json"), stdout=io.StringIO(), stderr=io.StringIO())
    assert failed.value.returncode == 1
    assert "Cannot read" in str(failed.value)


def test_the_command_line_sets_the_exit_status(tmp_path):
    from django.core.management import ManagementUtility

    data = problem_json(days=1, staff=[person("ana")], covers=[cover("morning", 2, hard=True)])
    with pytest.raises(SystemExit) as ended:
        ManagementUtility(["frontoffice", "schedule", "solve", write(tmp_path, data)]).execute()
    assert ended.value.code == 2
