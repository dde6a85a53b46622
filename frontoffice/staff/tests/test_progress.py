"""The schedule page searches in the background and shows the solver's progress: the schedule is
kept as ``solving`` with the best penalty found so far, the page polls until the search ends and
then shows the result; a search that failed or whose process stopped says so."""

import datetime as dt
import threading
import time

import pytest
from django.test import override_settings
from django.utils import timezone

from frontoffice.staff import services
from frontoffice.staff.domain.problem import ProblemError
from frontoffice.staff.domain.schedule import Progress
from frontoffice.staff.models import Schedule, ScheduleStatus
from frontoffice.staff.services import schedule_prepare, schedule_solve
from frontoffice.staff.tests.conftest import START, signed_in


@pytest.mark.django_db(transaction=True)
@override_settings(SCHEDULE_SOLVE_IN_BACKGROUND=True)
def test_the_web_searches_in_the_background_and_the_page_follows_it(hotel, team, manager, monkeypatch):
    seen = threading.Event()
    real_solve = services.solve

    def slow_solve(problem, *, time_limit, on_solution):
        # A first schedule reported, then the search waits until the page has shown it.
        on_solution(Progress(solutions=1, objective=4321, best_bound=0, seconds=0.2))
        seen.wait(timeout=20)
        return real_solve(problem, time_limit=time_limit, on_solution=on_solution)

    monkeypatch.setattr(services, "solve", slow_solve)
    client = signed_in(manager)
    answer = client.post("/staff/schedules/generate/", {"start": START.isoformat(), "days": 7, "time_limit": 3})
    schedule = Schedule.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/staff/schedules/{schedule.pk}/"
    deadline = time.monotonic() + 20
    while "4321" not in (page := client.get(f"/staff/schedules/{schedule.pk}/").content.decode()):
        assert time.monotonic() < deadline, "the progress never showed"
        time.sleep(0.1)
    assert 'id="progress"' in page and 'id="publish"' not in page
    panel = client.get(f"/staff/schedules/{schedule.pk}/progress/")
    assert panel.status_code == 200 and "4321" in panel.content.decode() and "hx-trigger" in panel.content.decode()
    seen.set()
    while Schedule.objects.get().status == ScheduleStatus.SOLVING:
        assert time.monotonic() < deadline + 20, "the search never ended"
        time.sleep(0.1)
    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.DRAFT and schedule.shifts.count() == 21
    done = client.get(f"/staff/schedules/{schedule.pk}/progress/")
    assert done.status_code == 204 and done["HX-Refresh"] == "true"
    page = client.get(f"/staff/schedules/{schedule.pk}/").content.decode()
    assert 'id="schedule-grid"' in page and 'id="progress"' not in page


def test_while_solving_the_page_shows_the_progress_and_no_actions(hotel, team, manager):
    schedule = schedule_prepare(property=hotel.property, actor=manager, start=START, days=7, time_limit=20)
    Schedule.objects.filter(pk=schedule.pk).update(
        progress={"solutions": 3, "objective": 210, "bound": 0, "seconds": 1}
    )
    client = signed_in(manager)
    page = client.get(f"/staff/schedules/{schedule.pk}/").content.decode()
    assert 'id="progress"' in page and "210" in page and 'id="publish"' not in page and 'id="edit-form"' not in page
    assert client.post(f"/staff/schedules/{schedule.pk}/publish/", follow=True).status_code == 200
    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.SOLVING  # nothing to publish yet
    # Much later, with no result: the process that searched stopped.
    Schedule.objects.filter(pk=schedule.pk).update(created_at=timezone.now() - dt.timedelta(minutes=10))
    page = client.get(f"/staff/schedules/{schedule.pk}/").content.decode()
    assert "The search stopped" in page and "hx-trigger" not in page


def test_a_search_that_fails_leaves_the_schedule_failed(hotel, team, manager):
    schedule = schedule_prepare(property=hotel.property, actor=manager, start=START, days=7, time_limit=5)
    Schedule.objects.filter(pk=schedule.pk).update(problem={"horizon": "broken"})
    with pytest.raises(ProblemError):
        schedule_solve(schedule.pk)
    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.FAILED and schedule.result["error"]
    page = signed_in(manager).get(f"/staff/schedules/{schedule.pk}/").content.decode()
    assert 'id="failed"' in page
