import datetime as dt
from decimal import Decimal

from frontoffice.rates.domain.pricing import Derivation, NightPrice, TaxRules
from frontoffice.rates.domain.restrictions import DayRestrictions
from frontoffice.reservations.domain.availability import NightInventory, PlanInfo, evaluate_room_type

TODAY = dt.date(2026, 8, 1)
A = dt.date(2026, 8, 10)
NIGHTS = [A, A + dt.timedelta(days=1)]
BAR = PlanInfo("BAR")
NRF = PlanInfo("NRF", parent_code="BAR", derivation=Derivation(percent=Decimal("-10")))


def evaluate(inventory=None, prices=None, restrictions=None, adults=2, ages=(), rooms=1, plans=(BAR, NRF)):
    inventory = inventory if inventory is not None else {d: NightInventory(10, 0, 3) for d in NIGHTS}
    prices = prices if prices is not None else {"BAR": {d: NightPrice(Decimal("100")) for d in NIGHTS}}
    return evaluate_room_type(
        room_type_code="DBL",
        base_occupancy=2,
        max_occupancy=3,
        arrival=A,
        departure=A + dt.timedelta(days=2),
        today=TODAY,
        adults=adults,
        children_ages=list(ages),
        inventory=inventory,
        plans=list(plans),
        prices=prices,
        restrictions=restrictions or {},
        taxes=TaxRules(),
        rooms=rooms,
    )


def test_free_rooms_is_the_tightest_night():
    result = evaluate(inventory={A: NightInventory(10, 1, 3), A + dt.timedelta(days=1): NightInventory(10, 0, 8)})
    assert result.available == 2
    assert result.nights_free == (6, 2)
    assert result.blocks == ()


def test_a_full_night_blocks_with_its_date():
    result = evaluate(inventory={A: NightInventory(10, 0, 3), A + dt.timedelta(days=1): NightInventory(10, 2, 8)})
    assert [b.code for b in result.blocks] == ["no_availability"]
    assert "2026-08-11" in result.blocks[0].message


def test_overbooking_allowance_keeps_a_full_night_sellable():
    full = {d: NightInventory(10, 0, 10, overbooking=2) for d in NIGHTS}
    result = evaluate(inventory=full)
    assert result.available == 0 and result.sellable == 2 and result.blocks == ()
    assert evaluate(inventory=full, rooms=3).blocks[0].code == "no_availability"


def test_out_of_order_rooms_are_not_sellable():
    result = evaluate(inventory={d: NightInventory(10, 7, 3) for d in NIGHTS})
    assert result.available == 0 and result.blocks[0].code == "no_availability"


def test_derived_plan_is_priced_from_its_parent():
    rates = {o.plan_code: o for o in evaluate().rates}
    assert rates["BAR"].quote.room_total == Decimal("200.00")
    assert rates["NRF"].quote.room_total == Decimal("180.00")


def test_a_parent_stop_sell_closes_the_derived_plan_too():
    rates = {o.plan_code: o for o in evaluate(restrictions={"BAR": {A: DayRestrictions(closed=True)}}).rates}
    assert not rates["BAR"].bookable and not rates["NRF"].bookable
    assert rates["NRF"].blocks[0].code == "closed"


def test_a_derived_plan_restriction_does_not_close_the_parent():
    rates = {o.plan_code: o for o in evaluate(restrictions={"NRF": {A: DayRestrictions(min_stay=3)}}).rates}
    assert rates["BAR"].bookable and not rates["NRF"].bookable


def test_a_missing_price_makes_the_plan_unsellable_with_the_date():
    option = evaluate(prices={"BAR": {A: NightPrice(Decimal("100"))}}).rates[0]
    assert option.quote is None and option.blocks[0].code == "no_rate"
    assert "2026-08-11" in option.blocks[0].message


def test_too_many_guests_block_the_room_type():
    result = evaluate(adults=3, ages=(5,))
    assert result.blocks[0].code == "over_occupancy"


def test_extra_guests_are_priced_with_supplements():
    prices = {"BAR": {d: NightPrice(Decimal("100"), extra_adult=Decimal("30"), child=Decimal("15")) for d in NIGHTS}}
    option = evaluate(prices=prices, adults=2, ages=(7,), plans=(BAR,)).rates[0]
    assert option.quote.room_total == Decimal("230.00")
