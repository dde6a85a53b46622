"""A night's KPIs both ways, by hand: STR / USALI keeps out-of-order rooms in the rooms available,
the operational figure takes them out; complimentary and house-use rooms are not rooms sold."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontoffice.nightaudit.domain.statistics import (
    OPERATIONAL,
    USALI,
    LedgerDay,
    NightCounts,
    both_kpis,
    kpis,
    ledger_day,
)


def test_a_hand_computed_night():
    # 10 rooms, 1 out of order; 7 occupied of which 1 complimentary and 1 house use: 5 sold.
    night = NightCounts(physical=10, out_of_order=1, occupied=7, complimentary=1, house_use=1)
    k = both_kpis(night, Decimal("500.00"))
    assert night.sold == 5
    assert (k[USALI].available, k[USALI].occupancy, k[USALI].adr, k[USALI].revpar) == (
        10, Decimal("50.00"), Decimal("100.00"), Decimal("50.00"),
    )  # fmt: skip
    assert (k[OPERATIONAL].available, k[OPERATIONAL].occupancy, k[OPERATIONAL].revpar) == (
        9, Decimal("55.56"), Decimal("55.56"),
    )  # fmt: skip
    assert k[OPERATIONAL].adr == k[USALI].adr  # ADR does not depend on the rooms available


def test_nothing_to_divide_by_gives_no_figure_rather_than_zero():
    k = kpis(NightCounts(physical=0), Decimal("0"))
    assert (k.occupancy, k.adr, k.revpar) == (None, None, None)
    empty = kpis(NightCounts(physical=10), Decimal("0"))
    assert (empty.occupancy, empty.adr, empty.revpar) == (Decimal("0.00"), None, Decimal("0.00"))


def test_a_period_is_the_sum_of_its_nights():
    week = sum((NightCounts(physical=10, occupied=n, complimentary=1 if n else 0) for n in range(7)), NightCounts())
    assert (week.physical, week.occupied, week.complimentary, week.sold) == (70, 21, 6, 15)
    assert kpis(week, Decimal("1500")).adr == Decimal("100.00")


def test_an_unknown_variant_is_refused():
    with pytest.raises(ValueError):
        NightCounts().available("budget")


@given(
    st.lists(st.decimals(min_value=-10_000, max_value=10_000, places=2), max_size=30),
    st.decimals(min_value=-100_000, max_value=100_000, places=2),
)
def test_a_ledger_day_closes_at_opening_plus_debits_minus_credits(movements, opening):
    day = ledger_day(opening, movements)
    assert day.debits >= 0 and day.credits >= 0
    assert day.closing == opening + sum(movements, Decimal("0"))
    assert isinstance(day, LedgerDay)
