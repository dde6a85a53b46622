"""Splitting postings, moves, balance transfers and routing, without a database."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontoffice.folios.domain.ledger import Amounts, price_line
from frontoffice.folios.domain.transfer import (
    NOTHING,
    Charge,
    Instruction,
    TransferRefusal,
    add,
    check_instruction,
    plan_balance_transfer,
    plan_move,
    route_charge,
    split_by_gross,
    split_by_percentage,
)

D = Decimal
DAY = dt.date(2026, 6, 1)


def A(net, tax, gross):
    return Amounts(net=D(net), tax=D(tax), gross=D(gross))


ROOM = A("100.00", "10.00", "110.00")  # 10 % VAT, tax-inclusive 110


# --- strategies ----------------------------------------------------------------------------

units = st.decimals(min_value=D("0.01"), max_value=D("9999.99"), places=2)
rates = st.sampled_from([D("0"), D("4"), D("10"), D("21"), D("7.5")])


@st.composite
def postings(draw):
    """A posting's amounts as the ledger prices them, positive or (a correction) negative."""
    priced = price_line(
        quantity=draw(st.integers(1, 20)),
        unit_amount=draw(units),
        tax_rate=draw(rates),
        amounts_include_tax=draw(st.booleans()),
    )
    return priced.negated() if draw(st.booleans()) else priced


percentages = st.decimals(min_value=D("0.01"), max_value=D("100"), places=2)


def same_sign_and_within(part: Amounts, whole: Amounts) -> bool:
    for p, w in ((part.net, whole.net), (part.tax, whole.tax), (part.gross, whole.gross)):
        if abs(p) > abs(w) or p * w < 0:
            return False
    return True


# --- splitting -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gross", "moved", "kept"),
    [
        ("110.00", ROOM, NOTHING),
        ("55.00", A("50.00", "5.00", "55.00"), A("50.00", "5.00", "55.00")),
        ("0.01", A("0.01", "0.00", "0.01"), A("99.99", "10.00", "109.99")),
        ("33.33", A("30.30", "3.03", "33.33"), A("69.70", "6.97", "76.67")),
        ("0", NOTHING, ROOM),
    ],
)
def test_splitting_by_gross_moves_tax_in_proportion(gross, moved, kept):
    assert split_by_gross(ROOM, D(gross)) == (moved, kept)


def test_a_third_of_a_charge_loses_no_cent():
    moved, kept = split_by_percentage(A("8.26", "1.74", "10.00"), D("33.33"))
    assert moved == A("2.75", "0.58", "3.33")
    assert add(moved, kept) == A("8.26", "1.74", "10.00")


def test_a_negative_posting_splits_into_negative_parts():
    moved, kept = split_by_gross(ROOM.negated(), D("55.00"))
    assert moved == A("-50.00", "-5.00", "-55.00") and kept == A("-50.00", "-5.00", "-55.00")


def test_splitting_more_than_the_whole_is_an_error():
    with pytest.raises(ValueError):
        split_by_gross(ROOM, D("110.01"))
    with pytest.raises(ValueError):
        split_by_percentage(ROOM, D("100.01"))


@given(postings(), percentages)
def test_split_by_percentage_creates_and_loses_no_cent(amounts, pct):
    moved, kept = split_by_percentage(amounts, pct)
    assert add(moved, kept) == amounts
    assert moved.gross == moved.net + moved.tax and kept.gross == kept.net + kept.tax
    assert same_sign_and_within(moved, amounts) and same_sign_and_within(kept, amounts)


@given(postings(), st.data())
def test_split_by_gross_creates_and_loses_no_cent(amounts, data):
    size = data.draw(st.decimals(min_value=D("0"), max_value=abs(amounts.gross), places=2))
    moved, kept = split_by_gross(amounts, size)
    assert abs(moved.gross) == size
    assert add(moved, kept) == amounts
    assert same_sign_and_within(moved, amounts) and same_sign_and_within(kept, amounts)


@given(postings(), percentages)
def test_splitting_a_negated_posting_negates_the_parts(amounts, pct):
    moved, kept = split_by_percentage(amounts, pct)
    assert split_by_percentage(amounts.negated(), pct) == (moved.negated(), kept.negated())


# --- moving a posting ----------------------------------------------------------------------


def test_a_whole_move_takes_all_that_is_left():
    assert plan_move(original=ROOM) == ROOM
    left = plan_move(original=ROOM, moved_before=[A("50.00", "5.00", "55.00")])
    assert left == A("50.00", "5.00", "55.00")


def test_a_percentage_is_of_the_original_posting():
    assert plan_move(original=ROOM, percentage=D("50")) == A("50.00", "5.00", "55.00")
    half_gone = [A("50.00", "5.00", "55.00")]
    assert plan_move(original=ROOM, moved_before=half_gone, percentage=D("50")) == A("50.00", "5.00", "55.00")
    assert plan_move(original=ROOM, moved_before=half_gone, percentage=D("60")) is TransferRefusal.EXCEEDS_REMAINING


@pytest.mark.parametrize(
    ("kwargs", "refusal"),
    [
        ({"amount": D("0")}, TransferRefusal.AMOUNT_NOT_POSITIVE),
        ({"amount": D("-5")}, TransferRefusal.AMOUNT_NOT_POSITIVE),
        ({"amount": D("0.004")}, TransferRefusal.AMOUNT_NOT_POSITIVE),
        ({"amount": D("1000000")}, TransferRefusal.AMOUNT_TOO_LARGE),
        ({"amount": D("110.01")}, TransferRefusal.EXCEEDS_REMAINING),
        ({"percentage": D("0")}, TransferRefusal.PERCENTAGE_OUT_OF_RANGE),
        ({"percentage": D("100.01")}, TransferRefusal.PERCENTAGE_OUT_OF_RANGE),
        ({"percentage": D("0.001")}, TransferRefusal.AMOUNT_NOT_POSITIVE),
        ({"amount": D("5"), "percentage": D("5")}, TransferRefusal.AMOUNT_AND_PERCENTAGE),
    ],
)
def test_a_move_refuses_bad_amounts(kwargs, refusal):
    assert plan_move(original=A("0.08", "0.01", "0.09") if "0.001" in str(kwargs) else ROOM, **kwargs) is refusal


def test_nothing_can_move_once_everything_has():
    assert plan_move(original=ROOM, moved_before=[ROOM]) is TransferRefusal.NOTHING_LEFT
    assert plan_move(original=ROOM, moved_before=[ROOM], amount=D("1")) is TransferRefusal.NOTHING_LEFT


@given(postings(), st.lists(st.decimals(min_value=D("0.01"), max_value=D("500"), places=2), max_size=8))
def test_moves_never_take_more_than_the_posting(amounts, sizes):
    moved = []
    for size in sizes:
        plan = plan_move(original=amounts, moved_before=moved, amount=size)
        if isinstance(plan, Amounts):
            assert same_sign_and_within(plan, amounts)
            moved.append(plan)
    total = add(*moved)
    assert same_sign_and_within(total, amounts)
    rest = plan_move(original=amounts, moved_before=moved)
    if isinstance(rest, Amounts):
        assert add(total, rest) == amounts
    else:
        assert rest is TransferRefusal.NOTHING_LEFT and total == amounts


# --- balance transfers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("balance", "amount", "expected"),
    [
        ("80.00", None, D("80.00")),
        ("80.00", "30", D("30.00")),
        ("-20.00", None, D("-20.00")),
        ("-20.00", "5", D("-5.00")),
        ("0.00", None, TransferRefusal.ZERO_BALANCE),
        ("80.00", "80.01", TransferRefusal.EXCEEDS_BALANCE),
        ("80.00", "0", TransferRefusal.AMOUNT_NOT_POSITIVE),
        ("80.00", "-3", TransferRefusal.AMOUNT_NOT_POSITIVE),
    ],
)
def test_a_balance_transfer_moves_at_most_the_balance(balance, amount, expected):
    assert plan_balance_transfer(balance=D(balance), amount=None if amount is None else D(amount)) == expected


# --- routing -------------------------------------------------------------------------------


def charge(code="ROOM", department="rooms", day=DAY, amounts=ROOM):
    return Charge(code=code, department=department, business_date=day, amounts=amounts)


def test_a_charge_without_instructions_stays():
    routing = route_charge(charge(), [])
    assert routing.routes == () and routing.stays == ROOM


def test_a_matching_instruction_routes_the_whole_charge():
    routing = route_charge(charge(), [Instruction(id=1, target=9, codes=frozenset({"ROOM"}))])
    (route,) = routing.routes
    assert (route.instruction, route.target, route.amounts) == (1, 9, ROOM)
    assert routing.stays == NOTHING


def test_instructions_match_by_department_too():
    (route,) = route_charge(charge(), [Instruction(id=1, target=9, departments=frozenset({"rooms"}))]).routes
    assert route.amounts == ROOM
    rules = [Instruction(id=1, target=9, departments=frozenset({"rooms"}))]
    assert route_charge(charge(code="FB", department="food_beverage"), rules).routes == ()


@pytest.mark.parametrize(
    ("start", "end", "day", "routed"),
    [
        (None, None, DAY, True),
        (DAY, DAY, DAY, True),
        (DAY + dt.timedelta(days=1), None, DAY, False),
        (None, DAY - dt.timedelta(days=1), DAY, False),
        (DAY - dt.timedelta(days=3), DAY, DAY, True),
    ],
)
def test_instruction_dates_are_inclusive(start, end, day, routed):
    rule = Instruction(id=1, target=9, codes=frozenset({"ROOM"}), start_date=start, end_date=end)
    assert bool(route_charge(charge(day=day), [rule]).routes) is routed


def test_the_first_matching_instruction_by_id_wins():
    rules = [
        Instruction(id=7, target=70, codes=frozenset({"ROOM"})),
        Instruction(id=3, target=30, departments=frozenset({"rooms"}), percentage=D("50")),
        Instruction(id=1, target=10, codes=frozenset({"FB"})),
    ]
    (route,) = route_charge(charge(), rules).routes
    assert route.target == 30 and route.amounts == A("50.00", "5.00", "55.00")


def test_a_daily_cap_routes_up_to_what_is_left_of_it_that_day():
    rule = Instruction(id=1, target=9, codes=frozenset({"ROOM"}), daily_cap=D("120"), routed_today=D("100"))
    routing = route_charge(charge(), [rule])
    (route,) = routing.routes
    assert route.amounts == A("18.18", "1.82", "20.00") and routing.stays == A("81.82", "8.18", "90.00")


def test_a_used_up_cap_routes_nothing_and_the_next_instruction_does_not_step_in():
    rules = [
        Instruction(id=1, target=9, codes=frozenset({"ROOM"}), daily_cap=D("120"), routed_today=D("120")),
        Instruction(id=2, target=8, codes=frozenset({"ROOM"})),
    ]
    routing = route_charge(charge(), rules)
    assert routing.routes == () and routing.stays == ROOM


def test_percentage_and_cap_combine():
    rule = Instruction(id=1, target=9, codes=frozenset({"ROOM"}), percentage=D("80"), daily_cap=D("50"))
    (route,) = route_charge(charge(), [rule]).routes
    assert route.amounts.gross == D("50.00")


instructions = st.builds(
    Instruction,
    id=st.integers(1, 5),
    target=st.integers(10, 12),
    codes=st.frozensets(st.sampled_from(["ROOM", "FB"]), max_size=2),
    departments=st.frozensets(st.sampled_from(["rooms", "spa"]), max_size=2),
    percentage=st.none() | percentages,
    daily_cap=st.none() | st.decimals(min_value=D("0.01"), max_value=D("300"), places=2),
    routed_today=st.decimals(min_value=D("0"), max_value=D("300"), places=2),
)


@given(postings(), st.lists(instructions, max_size=4, unique_by=lambda i: i.id))
def test_routing_creates_and_loses_no_cent(amounts, rules):
    routing = route_charge(charge(amounts=amounts), rules)
    assert routing.total() == amounts
    assert len(routing.routes) <= 1
    for route in routing.routes:
        assert same_sign_and_within(route.amounts, amounts) and route.amounts.gross != 0
        rule = next(r for r in rules if r.id == route.instruction)
        if rule.daily_cap is not None:
            assert abs(route.amounts.gross) + rule.routed_today <= rule.daily_cap
    assert same_sign_and_within(routing.stays, amounts)


@pytest.mark.parametrize(
    ("kwargs", "refusal"),
    [
        ({"codes": [], "departments": []}, TransferRefusal.NOTHING_ROUTED),
        ({"start_date": DAY, "end_date": DAY - dt.timedelta(days=1)}, TransferRefusal.DATES_REVERSED),
        ({"percentage": D("0")}, TransferRefusal.PERCENTAGE_OUT_OF_RANGE),
        ({"percentage": D("101")}, TransferRefusal.PERCENTAGE_OUT_OF_RANGE),
        ({"daily_cap": D("0")}, TransferRefusal.CAP_NOT_POSITIVE),
        ({"daily_cap": D("-1")}, TransferRefusal.CAP_NOT_POSITIVE),
        ({"percentage": D("100"), "daily_cap": D("0.01"), "start_date": DAY, "end_date": DAY}, None),
    ],
)
def test_routing_instructions_are_checked(kwargs, refusal):
    base = {"codes": ["ROOM"], "departments": [], "start_date": None, "end_date": None}
    base |= {"percentage": None, "daily_cap": None}
    assert check_instruction(**(base | kwargs)) is refusal
