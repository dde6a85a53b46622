import datetime as dt
from decimal import Decimal

import pytest

from frontoffice.rates.domain.policies import CancellationPolicy, deposit_due, penalty_amount
from frontoffice.rates.domain.restrictions import DayRestrictions, check_restrictions

TODAY = dt.date(2026, 5, 1)
A = dt.date(2026, 5, 20)


def codes(by_date, nights=2, arrival=A, today=TODAY):
    blocks = check_restrictions(
        arrival=arrival, departure=arrival + dt.timedelta(days=nights), today=today, by_date=by_date
    )
    return [b.code for b in blocks]


def test_an_open_calendar_blocks_nothing():
    assert codes({}) == []


def test_a_closed_night_inside_the_stay_blocks_it_but_not_the_departure_day():
    assert codes({A + dt.timedelta(days=1): DayRestrictions(closed=True)}) == ["closed"]
    assert codes({A + dt.timedelta(days=2): DayRestrictions(closed=True)}) == []


def test_closed_to_arrival_reads_the_arrival_date_only():
    assert codes({A: DayRestrictions(closed_to_arrival=True)}) == ["closed_to_arrival"]
    assert codes({A + dt.timedelta(days=1): DayRestrictions(closed_to_arrival=True)}) == []


def test_closed_to_departure_reads_the_departure_date():
    assert codes({A + dt.timedelta(days=2): DayRestrictions(closed_to_departure=True)}) == ["closed_to_departure"]
    assert codes({A: DayRestrictions(closed_to_departure=True)}) == []


@pytest.mark.parametrize(("nights", "blocked"), [(1, True), (2, False), (3, False)])
def test_minimum_stay_counts_from_the_arrival_date(nights, blocked):
    assert ("min_stay" in codes({A: DayRestrictions(min_stay=2)}, nights=nights)) is blocked


def test_minimum_stay_on_a_later_night_does_not_apply():
    assert codes({A + dt.timedelta(days=1): DayRestrictions(min_stay=5)}, nights=2) == []


def test_maximum_stay():
    assert codes({A: DayRestrictions(max_stay=3)}, nights=4) == ["max_stay"]
    assert codes({A: DayRestrictions(max_stay=3)}, nights=3) == []


def test_advance_booking_windows():
    assert codes({A: DayRestrictions(min_advance=30)}) == ["min_advance"]  # 19 days ahead
    assert codes({A: DayRestrictions(min_advance=19)}) == []
    assert codes({A: DayRestrictions(max_advance=10)}) == ["max_advance"]
    assert codes({A: DayRestrictions(max_advance=19)}) == []


def test_reasons_are_sentences_with_the_date():
    (block,) = check_restrictions(
        arrival=A, departure=A + dt.timedelta(days=1), today=TODAY, by_date={A: DayRestrictions(min_stay=3)}
    )
    assert "2026-05-20" in block.message and "3 nights" in block.message


def test_the_stricter_of_two_restriction_days_wins():
    own = DayRestrictions(min_stay=2, max_stay=10, closed_to_arrival=False)
    parent = DayRestrictions(min_stay=3, max_stay=7, closed=True)
    merged = own.stricter(parent)
    assert (merged.min_stay, merged.max_stay, merged.closed) == (3, 7, True)


ARRIVAL_AT = dt.datetime(2026, 5, 20, 15, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("hours_before", "fee"),
    [(49, "0.00"), (48, "0.00"), (47, "120.00"), (0, "120.00"), (-5, "120.00")],
)
def test_cancellation_is_free_until_the_deadline_then_costs_the_first_night(hours_before, fee):
    policy = CancellationPolicy(refundable=True, free_hours=48, penalty="first_night")
    now = ARRIVAL_AT - dt.timedelta(hours=hours_before)
    charged = policy.fee(now=now, arrival_at=ARRIVAL_AT, first_night=Decimal("120.00"), room_total=Decimal("360.00"))
    assert charged == Decimal(fee)


def test_non_refundable_always_costs_the_whole_stay():
    policy = CancellationPolicy(refundable=False)
    now = ARRIVAL_AT - dt.timedelta(days=90)
    assert policy.fee(now=now, arrival_at=ARRIVAL_AT, first_night=Decimal("1"), room_total=Decimal("360")) == Decimal(
        "360.00"
    )
    assert policy.deadline(ARRIVAL_AT) is None


@pytest.mark.parametrize(
    ("kind", "percent", "expected"),
    [("none", "0", "0.00"), ("first_night", "0", "100.00"), ("percent", "25", "75.00"), ("whole_stay", "0", "300.00")],
)
def test_penalty_kinds(kind, percent, expected):
    assert penalty_amount(kind, Decimal(percent), first_night=Decimal("100"), room_total=Decimal("300")) == Decimal(
        expected
    )


def test_deposit_only_when_the_guarantee_is_a_deposit():
    assert deposit_due(guarantee="deposit", deposit_percent=Decimal("30"), total=Decimal("200")) == Decimal("60.00")
    assert deposit_due(guarantee="card", deposit_percent=Decimal("30"), total=Decimal("200")) == Decimal("0")


@pytest.mark.parametrize(
    ("public", "negotiated", "manager", "sold"),
    [
        (True, set(), False, True),
        (False, set(), False, False),
        (False, {"CORP"}, False, True),
        (False, {"OTHER"}, False, False),
        (False, set(), True, True),
    ],
)
def test_who_may_be_sold_a_plan(public, negotiated, manager, sold):
    from frontoffice.rates.domain.policies import may_sell_plan

    assert may_sell_plan(public=public, plan_code="CORP", negotiated=negotiated, manager=manager) is sold


def test_the_free_cancellation_window_counts_real_hours_across_a_clock_change():
    import zoneinfo

    madrid = zoneinfo.ZoneInfo("Europe/Madrid")
    arrival_at = dt.datetime(2026, 3, 29, 15, 0, tzinfo=madrid)  # clocks went forward at 02:00 that day
    policy = CancellationPolicy(refundable=True, free_hours=24, penalty="first_night")
    assert arrival_at - policy.deadline(arrival_at) == dt.timedelta(hours=24)
    late = arrival_at - dt.timedelta(hours=23, minutes=30)
    fee = policy.fee(now=late, arrival_at=arrival_at, first_night=Decimal("80"), room_total=Decimal("160"))
    assert fee == Decimal("80.00")
