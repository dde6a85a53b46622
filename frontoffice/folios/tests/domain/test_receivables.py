"""City ledger rules without a database: open amounts, allocation, due dates, aging, credit."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontoffice.folios.domain.receivables import (
    BUCKETS,
    Bucket,
    Item,
    Refusal,
    StatementLine,
    aging,
    allocate_oldest_first,
    bucket_of,
    check_allocations,
    check_credit,
    check_direct_bill,
    check_terms,
    credit_available,
    due_date,
    open_amount,
    open_balance,
    statement,
)

D = Decimal
DAY = dt.date(2026, 6, 1)


def item(id, amount, allocated="0", days_ago=0, due_in=30):
    raised = DAY - dt.timedelta(days=days_ago)
    return Item(
        id=id,
        business_date=raised,
        due_date=raised + dt.timedelta(days=due_in),
        amount=D(amount),
        allocated=D(allocated),
    )


def test_the_open_amount_is_the_amount_less_its_allocations():
    assert open_amount(D("100.00"), [D("30.00"), D("20.50")]) == D("49.50")
    assert open_amount(D("100.00"), []) == D("100.00")
    assert item(1, "80", allocated="80").open == D("0.00")


@pytest.mark.parametrize(("terms", "due"), [(0, DAY), (30, dt.date(2026, 7, 1)), (60, dt.date(2026, 7, 31))])
def test_an_item_is_due_its_accounts_terms_after_the_business_date(terms, due):
    assert due_date(DAY, terms) == due


@pytest.mark.parametrize(("days", "ok"), [(-1, False), (0, True), (365, True), (366, False)])
def test_payment_terms_go_from_0_to_365_days(days, ok):
    assert (check_terms(days) is None) is ok


@pytest.mark.parametrize(
    ("days_past", "bucket"),
    [
        (-10, Bucket.CURRENT),
        (0, Bucket.CURRENT),
        (1, Bucket.DAYS_1_30),
        (30, Bucket.DAYS_1_30),
        (31, Bucket.DAYS_31_60),
        (60, Bucket.DAYS_31_60),
        (61, Bucket.DAYS_61_90),
        (90, Bucket.DAYS_61_90),
        (91, Bucket.OVER_90),
        (400, Bucket.OVER_90),
    ],
)
def test_aging_buckets_by_days_past_due(days_past, bucket):
    due = dt.date(2026, 3, 1)
    assert bucket_of(due, due + dt.timedelta(days=days_past)) is bucket


def test_aging_puts_each_items_open_amount_in_its_bucket_and_skips_settled_items():
    items = [
        item(1, "100", due_in=30),  # due 1 July: current
        item(2, "50", allocated="20", days_ago=45, due_in=30),  # 15 days past due
        item(3, "70", days_ago=200, due_in=30),  # 170 days past due
        item(4, "999", allocated="999", days_ago=200),  # settled
    ]
    buckets = aging(items, DAY)
    assert buckets == {
        Bucket.CURRENT: D("100.00"),
        Bucket.DAYS_1_30: D("30.00"),
        Bucket.DAYS_31_60: D("0.00"),
        Bucket.DAYS_61_90: D("0.00"),
        Bucket.OVER_90: D("70.00"),
    }
    assert sum(buckets.values()) == open_balance(items) == D("200.00")


def test_chosen_allocations_within_the_payment_and_the_items_are_accepted():
    items = [item(1, "100"), item(2, "50", allocated="10")]
    assert check_allocations(available=D("140"), items=items, requested=[(1, D("100")), (2, D("40"))]) is None
    assert check_allocations(available=D("140"), items=items, requested=[(1, D("0.01"))]) is None


@pytest.mark.parametrize(
    ("requested", "refusal"),
    [
        ([(1, D("100.01"))], Refusal.ALLOCATION_EXCEEDS_OPEN),
        ([(2, D("40.01"))], Refusal.ALLOCATION_EXCEEDS_OPEN),
        ([(1, D("100")), (2, D("40.01"))], Refusal.ALLOCATION_EXCEEDS_OPEN),
        ([(1, D("100")), (2, D("30"))], Refusal.ALLOCATION_EXCEEDS_PAYMENT),
        ([(1, D("0"))], Refusal.ALLOCATION_NOT_POSITIVE),
        ([(1, D("-5"))], Refusal.ALLOCATION_NOT_POSITIVE),
        ([(1, D("1.005"))], Refusal.ALLOCATION_NOT_POSITIVE),
        ([(1, D("10")), (1, D("10"))], Refusal.ITEM_TWICE),
        ([(3, D("10"))], Refusal.ITEM_NOT_OPEN),
        ([(4, D("10"))], Refusal.ITEM_NOT_OPEN),
        ([(9, D("10"))], Refusal.ITEM_NOT_OPEN),
        ([], Refusal.NOTHING_TO_ALLOCATE),
    ],
)
def test_allocations_beyond_the_payment_or_the_item_are_refused(requested, refusal):
    items = [item(1, "100"), item(2, "50", allocated="10"), item(3, "20", allocated="20"), item(4, "-15")]
    assert check_allocations(available=D("120"), items=items, requested=requested) is refusal


def test_automatic_allocation_pays_the_oldest_items_first_and_leaves_the_rest_unallocated():
    items = [item(3, "30", days_ago=1), item(1, "100", days_ago=40), item(2, "50", allocated="20", days_ago=40)]
    assert allocate_oldest_first(available=D("150"), items=items) == [(1, D("100")), (2, D("30")), (3, D("20"))]
    assert allocate_oldest_first(available=D("500"), items=items) == [(1, D("100")), (2, D("30")), (3, D("30"))]
    assert allocate_oldest_first(available=D("0"), items=items) == []


def test_automatic_allocation_skips_settled_items_and_credits():
    items = [item(1, "10", allocated="10", days_ago=9), item(2, "-5", days_ago=8), item(3, "40", days_ago=1)]
    assert allocate_oldest_first(available=D("100"), items=items) == [(3, D("40"))]


cents = st.integers(min_value=1, max_value=10_000_00).map(lambda c: D(c) / 100)


@st.composite
def ledgers(draw):
    n = draw(st.integers(min_value=0, max_value=12))
    items = []
    for i in range(n):
        amount = draw(cents)
        allocated = D(draw(st.integers(min_value=0, max_value=int(amount * 100)))) / 100
        items.append(
            item(
                i + 1,
                amount,
                allocated=allocated.quantize(D("0.01")),
                days_ago=draw(st.integers(0, 400)),
                due_in=draw(st.integers(0, 90)),
            )
        )
    return items


@given(ledgers(), cents)
def test_automatic_allocation_creates_or_loses_no_cent(items, payment):
    plan = allocate_oldest_first(available=payment, items=items)
    allocated = sum((a for _, a in plan), D("0"))
    assert allocated <= payment
    assert allocated == min(payment, open_balance(items))  # all of it applied, unless the items run out
    by_id = {i.id: i for i in items}
    assert all(D("0") < a <= by_id[i].open for i, a in plan)
    assert len({i for i, _ in plan}) == len(plan)
    assert check_allocations(available=payment, items=items, requested=plan) in (None, Refusal.NOTHING_TO_ALLOCATE)
    after = [
        Item(id=i.id, business_date=i.business_date, due_date=i.due_date, amount=i.amount, allocated=i.allocated + a)
        for i in items
        for a in [dict(plan).get(i.id, D("0"))]
    ]
    # what the company owes falls by exactly what was applied; the rest of the payment stays unallocated
    assert open_balance(after) == open_balance(items) - allocated
    assert payment - allocated >= 0


@given(ledgers(), st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2027, 12, 31)))
def test_aging_buckets_always_sum_to_the_open_balance(items, as_of):
    buckets = aging(items, as_of)
    assert list(buckets) == BUCKETS
    assert sum(buckets.values(), D("0")) == open_balance(items)


@pytest.mark.parametrize(
    ("balance", "amount", "limit", "refusal"),
    [
        ("0", "500", "500", None),
        ("300", "200", "500", None),
        ("300", "200.01", "500", Refusal.CREDIT_LIMIT_EXCEEDED),
        ("-100", "600", "500", None),  # unallocated cash on account makes room
        ("0", "0.01", "0", Refusal.NO_CREDIT),
        ("-1000", "1", "0", Refusal.NO_CREDIT),
    ],
)
def test_the_credit_check_keeps_the_balance_within_the_limit_and_zero_means_no_credit(balance, amount, limit, refusal):
    assert check_credit(balance=D(balance), amount=D(amount), credit_limit=D(limit)) is refusal


def test_credit_available_never_goes_negative():
    assert credit_available(balance=D("300"), credit_limit=D("500")) == D("200.00")
    assert credit_available(balance=D("700"), credit_limit=D("500")) == D("0.00")


def test_direct_bill_needs_an_active_account_that_allows_it():
    assert check_direct_bill(active=True, direct_bill_allowed=True) is None
    assert check_direct_bill(active=False, direct_bill_allowed=True) is Refusal.ACCOUNT_INACTIVE
    assert check_direct_bill(active=True, direct_bill_allowed=False) is Refusal.DIRECT_BILL_NOT_ALLOWED


def test_a_statement_has_an_opening_balance_dated_lines_with_a_running_balance_and_a_closing_balance():
    lines = [
        StatementLine(date=dt.date(2026, 5, 20), kind="item", id=1, description="Folio A", amount=D("100")),
        StatementLine(date=dt.date(2026, 6, 3), kind="payment", id=1, description="Bank", amount=D("-60")),
        StatementLine(date=dt.date(2026, 6, 3), kind="item", id=2, description="Folio B", amount=D("40")),
        StatementLine(date=dt.date(2026, 6, 10), kind="item", id=3, description="Folio C", amount=D("25")),
        StatementLine(date=dt.date(2026, 7, 1), kind="item", id=4, description="Later", amount=D("999")),
    ]
    opening, shown, closing = statement(lines=lines, start=dt.date(2026, 6, 1), end=dt.date(2026, 6, 30))
    assert opening == D("100.00")
    assert [(s.kind, s.id, s.balance) for s in shown] == [
        ("item", 2, D("140.00")),
        ("payment", 1, D("80.00")),
        ("item", 3, D("105.00")),
    ]
    assert closing == D("105.00")


@given(
    st.lists(st.tuples(st.dates(dt.date(2026, 1, 1), dt.date(2026, 12, 31)), cents, st.booleans()), max_size=20),
    st.dates(dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    st.integers(0, 120),
)
def test_a_statements_closing_balance_is_its_opening_plus_its_lines(rows, start, length):
    lines = [
        StatementLine(date=d, kind="item" if debit else "payment", id=i, description="", amount=a if debit else -a)
        for i, (d, a, debit) in enumerate(rows)
    ]
    end = start + dt.timedelta(days=length)
    opening, shown, closing = statement(lines=lines, start=start, end=end)
    assert closing == opening + sum((s.amount for s in shown), D("0"))
    assert all(start <= s.date <= end for s in shown)
    assert [s.date for s in shown] == sorted(s.date for s in shown)
