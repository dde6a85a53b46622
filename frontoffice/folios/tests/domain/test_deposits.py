"""Deposit rules without a database."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontoffice.folios.domain.deposits import Due, default_schedule, deposit_to_apply, schedule_status

D = Decimal
BOOKED = dt.date(2026, 6, 1)


@pytest.mark.parametrize(
    ("arrival", "due"),
    [
        (dt.date(2026, 7, 1), dt.date(2026, 6, 8)),  # far out: a week to pay
        (dt.date(2026, 6, 4), dt.date(2026, 6, 4)),  # soon: by arrival
        (dt.date(2026, 6, 1), dt.date(2026, 6, 1)),  # same day: now
    ],
)
def test_the_deposit_is_due_a_week_after_booking_or_by_arrival(arrival, due):
    assert default_schedule(amount=D("150"), booked_on=BOOKED, arrival=arrival) == [Due(due, D("150.00"))]


def test_no_deposit_no_schedule():
    assert default_schedule(amount=D("0"), booked_on=BOOKED, arrival=dt.date(2026, 7, 1)) == []


def test_payments_cover_the_earliest_lines_first_and_unpaid_past_lines_are_overdue():
    lines = [Due(dt.date(2026, 6, 20), D("100")), Due(dt.date(2026, 6, 5), D("50"))]
    first, second = schedule_status(lines, paid=D("80"), today=dt.date(2026, 6, 21))
    assert (first.due_date, first.paid, first.outstanding, first.overdue) == (
        dt.date(2026, 6, 5),
        D("50"),
        D("0"),
        False,
    )
    assert (second.paid, second.outstanding, second.overdue) == (D("30"), D("70"), True)
    on_time = schedule_status(lines, paid=D("0"), today=dt.date(2026, 6, 5))
    assert [s.overdue for s in on_time] == [False, False]


@given(
    st.lists(st.integers(1, 50000), min_size=1, max_size=6),
    st.integers(0, 400000),
)
def test_what_the_schedule_shows_paid_never_exceeds_the_payments_or_the_lines(amounts, paid_cents):
    lines = [Due(BOOKED + dt.timedelta(days=i), D(a) / 100) for i, a in enumerate(amounts)]
    paid = D(paid_cents) / 100
    status = schedule_status(lines, paid=paid, today=BOOKED)
    assert sum(s.paid for s in status) == min(paid, sum(line.amount for line in lines))
    assert all(s.paid + s.outstanding == s.amount and s.outstanding >= 0 for s in status)


@pytest.mark.parametrize(
    ("held", "fee", "applied"),
    [("200", None, "200.00"), ("200", "80", "80.00"), ("50", "80", "50.00"), ("0", "80", "0.00"), ("-5", None, "0.00")],
)
def test_a_fee_takes_no_more_of_the_deposit_than_it_costs(held, fee, applied):
    assert deposit_to_apply(held=D(held), fee=None if fee is None else D(fee)) == D(applied)
