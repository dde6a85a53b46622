import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontoffice.core.domain.money import money, tax_included
from frontoffice.rates.domain.pricing import (
    Derivation,
    NightPrice,
    TaxRules,
    city_tax,
    derive,
    occupancy_price,
    quote,
)

D = dt.date(2026, 7, 1)
SPAIN = TaxRules(
    vat_rate=Decimal("10"),
    prices_include_vat=True,
    city_tax_per_night=Decimal("2.00"),
    city_tax_exempt_under_age=16,
    city_tax_max_nights=7,
)


def test_base_price_covers_base_occupancy_and_supplements_add_up():
    night = NightPrice(Decimal("100"), extra_adult=Decimal("25"), child=Decimal("12.50"))
    assert occupancy_price(night, adults=2, children=0, base_occupancy=2) == Decimal("100.00")
    assert occupancy_price(night, adults=1, children=0, base_occupancy=2) == Decimal("100.00")
    assert occupancy_price(night, adults=3, children=2, base_occupancy=2) == Decimal("150.00")


def test_derived_plan_follows_parent_by_percentage_then_amount():
    parent = NightPrice(Decimal("123.45"), extra_adult=Decimal("20"), child=Decimal("10"))
    nrf = derive(parent, Derivation(percent=Decimal("-10")))
    assert nrf.price == Decimal("111.11")  # 111.105 rounds half up
    assert nrf.extra_adult == Decimal("18.00")
    package = derive(parent, Derivation(amount=Decimal("15")))
    assert package.price == Decimal("138.45")


def test_a_derivation_never_makes_a_negative_price():
    assert derive(NightPrice(Decimal("10")), Derivation(amount=Decimal("-50"))).price == Decimal("0.00")


def test_vat_included_prices_split_out_the_tax():
    q = quote([(D, Decimal("110.00"))], SPAIN, adults=2, children_ages=[])
    assert q.nights[0].vat == Decimal("10.00")
    assert q.room_total == Decimal("110.00")
    assert q.total == Decimal("114.00")  # + 2 adults × 2.00 city tax


def test_vat_excluded_prices_add_the_tax():
    rules = TaxRules(vat_rate=Decimal("21"), prices_include_vat=False)
    q = quote(
        [(D, Decimal("100.00")), (D + dt.timedelta(days=1), Decimal("100.00"))], rules, adults=1, children_ages=[]
    )
    assert q.vat_total == Decimal("42.00")
    assert q.total == Decimal("242.00")


def test_city_tax_exempts_children_under_the_age_and_caps_the_nights():
    assert city_tax(SPAIN, adults=2, children_ages=[4, 16], nights=3) == Decimal("18.00")
    assert city_tax(SPAIN, adults=1, children_ages=[], nights=10) == Decimal("14.00")
    assert city_tax(SPAIN, adults=1, children_ages=[None], nights=1) == Decimal("2.00")


@pytest.mark.parametrize("rate", ["0", "4", "10", "21"])
@given(price=st.decimals(min_value=0, max_value=10000, places=2))
def test_included_tax_plus_net_is_always_the_gross(rate, price):
    tax = tax_included(price, Decimal(rate))
    assert Decimal("0") <= tax <= price
    assert money(price - tax) + tax == money(price)


@given(
    prices=st.lists(st.decimals(min_value=0, max_value=5000, places=2), min_size=1, max_size=30),
    adults=st.integers(1, 6),
)
def test_a_quote_total_is_the_sum_of_its_parts(prices, adults):
    nightly = [(D + dt.timedelta(days=i), p) for i, p in enumerate(prices)]
    q = quote(nightly, SPAIN, adults=adults, children_ages=[])
    assert q.room_total == sum(prices, Decimal("0"))
    assert q.total == q.room_total + q.city_tax
    assert q.first_night == money(prices[0])
