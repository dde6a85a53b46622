"""Timesheets on hand-made cases: scheduled against worked, weekly overtime (pro rata per ISO
week), night minutes (22:00–06:00) and the differences, including Madrid's DST nights."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from frontoffice.staff.domain.timesheet import (
    ABSENT,
    EARLY_LEAVE,
    LATE_ARRIVAL,
    OPEN_ENTRY,
    UNSCHEDULED,
    Entry,
    Shift,
    night_minutes,
    timesheet,
)

MADRID = ZoneInfo("Europe/Madrid")
MON = dt.date(2026, 6, 1)  # a Monday


def at(day: dt.date, hhmm: str, plus_days: int = 0) -> dt.datetime:
    hour, minute = (int(x) for x in hhmm.split(":"))
    return dt.datetime.combine(day + dt.timedelta(days=plus_days), dt.time(hour, minute), tzinfo=MADRID)


def shift(day: dt.date, start: str, end: str, minutes: int | None = None) -> Shift:
    next_day = 1 if end <= start else 0
    return Shift(day, at(day, start), at(day, end, next_day), minutes)


def entry(day: dt.date, start: str, end: str | None) -> Entry:
    if end is None:
        return Entry(at(day, start))
    return Entry(at(day, start), at(day, end, 1 if end <= start else 0))


def kinds(sheet) -> list[tuple[dt.date, str, int]]:
    return [(d.date, d.kind, d.minutes) for d in sheet.differences]


def test_a_day_worked_as_scheduled_has_no_difference():
    sheet = timesheet(start=MON, end=MON, shifts=[shift(MON, "07:00", "15:00")], entries=[entry(MON, "07:00", "15:00")])
    assert (sheet.scheduled, sheet.worked, sheet.overtime, sheet.night) == (480, 480, 0, 0)
    assert sheet.differences == ()


def test_a_night_shift_crossing_midnight_counts_whole_on_the_day_it_started():
    sheet = timesheet(
        start=MON,
        end=MON + dt.timedelta(days=1),
        shifts=[shift(MON, "23:00", "07:00")],
        entries=[entry(MON, "22:55", "07:05")],
    )
    monday, tuesday = sheet.days
    assert (monday.scheduled, monday.worked) == (480, 490)
    assert monday.night == 7 * 60 + 5  # 22:55 to 06:00
    assert (tuesday.scheduled, tuesday.worked, tuesday.night) == (0, 0, 0)
    assert sheet.differences == ()


def test_night_minutes_are_those_between_ten_at_night_and_six_in_the_morning():
    assert night_minutes(at(MON, "20:00"), at(MON, "23:30")) == 90
    assert night_minutes(at(MON, "05:00"), at(MON, "09:00")) == 60
    assert night_minutes(at(MON, "15:00"), at(MON, "22:00")) == 0
    assert night_minutes(at(MON, "21:00"), at(MON, "07:00", 1)) == 8 * 60
    # A long day from 05:00 to 23:00: an hour at each end.
    assert night_minutes(at(MON, "05:00"), at(MON, "23:00")) == 120


def test_worked_counts_closed_entries_only_and_an_open_entry_is_reported():
    sheet = timesheet(start=MON, end=MON, shifts=[shift(MON, "07:00", "15:00")], entries=[entry(MON, "07:00", None)])
    assert sheet.worked == 0 and sheet.open_entries == 1
    assert kinds(sheet) == [(MON, OPEN_ENTRY, 0)]  # no early leave while still in


def test_late_arrival_and_early_leave_beyond_the_tolerance():
    sheet = timesheet(
        start=MON,
        end=MON,
        shifts=[shift(MON, "07:00", "15:00")],
        entries=[entry(MON, "07:20", "14:30")],
        tolerance_minutes=5,
    )
    assert kinds(sheet) == [(MON, LATE_ARRIVAL, 20), (MON, EARLY_LEAVE, 30)]
    within = timesheet(
        start=MON,
        end=MON,
        shifts=[shift(MON, "07:00", "15:00")],
        entries=[entry(MON, "07:04", "14:56")],
        tolerance_minutes=5,
    )
    assert within.differences == ()


def test_a_break_in_the_day_uses_the_first_in_and_the_last_out():
    sheet = timesheet(
        start=MON,
        end=MON,
        shifts=[shift(MON, "10:00", "22:00", minutes=480)],
        entries=[entry(MON, "10:00", "14:00"), entry(MON, "18:00", "22:00")],
    )
    day = sheet.days[0]
    assert (day.scheduled, day.worked, day.night) == (480, 480, 0)
    assert sheet.differences == ()


def test_absent_on_a_scheduled_day_and_worked_on_an_unscheduled_one():
    tue = MON + dt.timedelta(days=1)
    sheet = timesheet(
        start=MON,
        end=tue,
        shifts=[shift(MON, "07:00", "15:00")],
        entries=[entry(tue, "15:00", "19:00")],
    )
    assert kinds(sheet) == [(MON, ABSENT, 480), (tue, UNSCHEDULED, 240)]


def test_entries_and_shifts_starting_outside_the_period_are_left_to_their_own_period():
    sunday = MON - dt.timedelta(days=1)
    sheet = timesheet(
        start=MON,
        end=MON,
        shifts=[shift(sunday, "23:00", "07:00")],
        entries=[entry(sunday, "23:00", "07:00")],
    )
    assert (sheet.scheduled, sheet.worked, sheet.night) == (0, 0, 0)


def full_week(hours_a_day: int, days: int = 5) -> list[Entry]:
    end = f"{7 + hours_a_day:02d}:00"
    return [entry(MON + dt.timedelta(days=i), "07:00", end) for i in range(days)]


def test_overtime_is_beyond_forty_hours_a_week_and_falls_on_the_days_that_went_over():
    sheet = timesheet(start=MON, end=MON + dt.timedelta(days=6), shifts=[], entries=full_week(9))
    assert sheet.worked == 45 * 60 and sheet.overtime == 5 * 60
    # 9 h a day: 36 h by Thursday; Friday brings 45, so Friday carries the five hours over.
    assert [d.overtime for d in sheet.days] == [0, 0, 0, 0, 300, 0, 0]


def test_no_overtime_within_the_weekly_allowance():
    sheet = timesheet(start=MON, end=MON + dt.timedelta(days=6), shifts=[], entries=full_week(8))
    assert sheet.worked == 40 * 60 and sheet.overtime == 0


def test_the_contract_weekly_minutes_replace_the_forty_hours():
    sheet = timesheet(
        start=MON, end=MON + dt.timedelta(days=6), shifts=[], entries=full_week(6), weekly_minutes=20 * 60
    )
    assert sheet.overtime == 10 * 60 and sheet.weekly_minutes == 1200
    # 6 h a day against 20 h: Thursday goes 4 h over (24 − 20), Friday adds 6 h.
    assert [d.overtime for d in sheet.days][:5] == [0, 0, 0, 240, 360]


def test_a_week_split_between_two_periods_is_judged_whole_and_its_overtime_counted_once():
    # 9 h Monday to Friday (45 h): periods Mon–Tue and Wed–Sun. The first has no overtime (18 h);
    # the second has the five hours, on Friday, because Monday and Tuesday count towards the 40 h.
    entries = full_week(9)
    tue, wed, sun = (MON + dt.timedelta(days=n) for n in (1, 2, 6))
    first = timesheet(start=MON, end=tue, shifts=[], entries=entries)
    second = timesheet(start=wed, end=sun, shifts=[], entries=entries)
    assert (first.worked, first.overtime) == (18 * 60, 0)
    assert (second.worked, second.overtime) == (27 * 60, 5 * 60)
    assert [d.overtime for d in second.days] == [0, 0, 300, 0, 0]


def test_an_ordinary_week_split_between_two_periods_has_no_overtime():
    entries = full_week(8)
    tue, wed = MON + dt.timedelta(days=1), MON + dt.timedelta(days=2)
    assert timesheet(start=MON, end=tue, shifts=[], entries=entries).overtime == 0
    assert timesheet(start=wed, end=wed + dt.timedelta(days=4), shifts=[], entries=entries).overtime == 0


def test_overtime_is_counted_per_iso_week_not_over_the_period():
    # Two weeks: 48 h in the first, 32 h in the second; the short week does not absorb the long one.
    entries = full_week(8, days=6) + [entry(MON + dt.timedelta(days=7 + i), "07:00", "15:00") for i in range(4)]
    sheet = timesheet(start=MON, end=MON + dt.timedelta(days=13), shifts=[], entries=entries)
    assert sheet.worked == 80 * 60 and sheet.overtime == 8 * 60


def test_a_shorter_night_when_madrid_puts_the_clocks_forward():
    saturday = dt.date(2026, 3, 28)  # clocks go 02:00 → 03:00 on Sunday 29 March
    sheet = timesheet(
        start=saturday,
        end=saturday,
        shifts=[shift(saturday, "22:00", "06:00")],
        entries=[entry(saturday, "22:00", "06:00")],
    )
    assert (sheet.scheduled, sheet.worked, sheet.night) == (420, 420, 420)
    assert sheet.differences == ()


def test_a_longer_night_when_madrid_puts_the_clocks_back():
    saturday = dt.date(2026, 10, 24)  # clocks go 03:00 → 02:00 on Sunday 25 October
    sheet = timesheet(
        start=saturday,
        end=saturday,
        shifts=[shift(saturday, "23:00", "07:00")],
        entries=[entry(saturday, "23:00", "07:00")],
    )
    assert (sheet.scheduled, sheet.worked, sheet.night) == (540, 540, 480)


def test_the_approved_figures_are_plain_json():
    sheet = timesheet(start=MON, end=MON, shifts=[shift(MON, "07:00", "15:00")], entries=[entry(MON, "07:30", "15:00")])
    figures = sheet.as_json()
    assert figures["worked"] == 450 and figures["days"][0]["date"] == "2026-06-01"
    assert figures["differences"] == [{"date": "2026-06-01", "kind": LATE_ARRIVAL, "minutes": 30}]


def test_a_period_ending_before_it_starts_is_refused():
    with pytest.raises(ValueError):
        timesheet(start=MON, end=MON - dt.timedelta(days=1), shifts=[], entries=[])
