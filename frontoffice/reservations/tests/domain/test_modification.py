import datetime as dt
from decimal import Decimal

from frontoffice.rates.domain.pricing import NightPrice
from frontoffice.rates.domain.restrictions import Block
from frontoffice.reservations.domain.modification import (
    Occupancy,
    blocks_for_change,
    change_needs_manager,
    nightly_prices_for_change,
)

D1, D2, D3, D4 = (dt.date(2026, 7, d) for d in (1, 2, 3, 4))
TWO = Occupancy(2, 0)


def test_kept_nights_keep_the_agreed_price_and_new_nights_pay_todays():
    prices, missing = nightly_prices_for_change(
        dates=[D1, D2, D3],
        agreed={D1: Decimal("100"), D2: Decimal("100")},
        current={d: NightPrice(Decimal("180")) for d in (D1, D2, D3)},
        same_product=True,
        old=TWO,
        new=TWO,
        base_occupancy=2,
    )
    assert prices == {D1: Decimal("100"), D2: Decimal("100"), D3: Decimal("180.00")} and missing == []


def test_an_occupancy_change_adds_only_the_supplement_difference():
    prices, _ = nightly_prices_for_change(
        dates=[D1],
        agreed={D1: Decimal("90")},
        current={D1: NightPrice(Decimal("150"), extra_adult=Decimal("25"), child=Decimal("10"))},
        same_product=True,
        old=TWO,
        new=Occupancy(3, 1),
        base_occupancy=2,
    )
    assert prices == {D1: Decimal("125.00")}  # 90 agreed + 25 extra adult + 10 child


def test_another_room_type_or_plan_is_priced_afresh_and_needs_every_price():
    prices, missing = nightly_prices_for_change(
        dates=[D1, D2],
        agreed={D1: Decimal("100"), D2: Decimal("100")},
        current={D1: NightPrice(Decimal("140"))},
        same_product=False,
        old=TWO,
        new=TWO,
        base_occupancy=2,
    )
    assert prices == {D1: Decimal("140.00")} and missing == [D2]


def test_restrictions_apply_only_to_what_the_change_sells_anew():
    blocks = [
        Block("closed", "", {"date": D1}),
        Block("closed", "", {"date": D3}),
        Block("min_stay", "", {"date": D1, "nights": 5}),
        Block("closed_to_departure", "", {"date": D4}),
        Block("no_availability", "", {"date": D3}),
    ]
    kept = blocks_for_change(
        blocks, old_dates={D1, D2}, arrival_changed=False, departure_changed=True, same_product=True
    )
    assert [(b.code, b.params.get("date")) for b in kept] == [
        ("closed", D3),
        ("closed_to_departure", D4),
        ("no_availability", D3),
    ]
    assert (
        blocks_for_change(blocks, old_dates={D1, D2}, arrival_changed=False, departure_changed=True, same_product=False)
        == blocks
    )


def test_inside_the_cancellation_terms_only_changes_that_do_not_lower_the_bill_are_free():
    common = {"old_room_total": Decimal("300"), "plan_changed": False, "arrival_changed": False}
    assert not change_needs_manager(penalty_now=Decimal("0"), new_room_total=Decimal("100"), **common)
    assert not change_needs_manager(penalty_now=Decimal("100"), new_room_total=Decimal("400"), **common)
    assert change_needs_manager(penalty_now=Decimal("100"), new_room_total=Decimal("200"), **common)
    assert change_needs_manager(
        penalty_now=Decimal("100"),
        new_room_total=Decimal("300"),
        old_room_total=Decimal("300"),
        plan_changed=True,
        arrival_changed=False,
    )
    assert change_needs_manager(
        penalty_now=Decimal("100"),
        new_room_total=Decimal("300"),
        old_room_total=Decimal("300"),
        plan_changed=False,
        arrival_changed=True,
    )
