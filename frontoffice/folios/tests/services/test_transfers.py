"""Moving charges, balance transfers, routing, house folios, closing and credit limits."""

import datetime as dt
from decimal import Decimal

import pytest

from frontoffice.core.domain.errors import Conflict, InvalidInput, PermissionDenied
from frontoffice.core.models import AuditEntry
from frontoffice.folios.models import Folio, Posting, RoutingInstruction
from frontoffice.folios.selectors import (
    folio_balance,
    folio_list_house,
    folio_over_credit_limit,
    routing_instruction_list,
)
from frontoffice.folios.services import (
    folio_close,
    folio_for_reservation,
    folio_open_house,
    folio_post_charge,
    folio_post_payment,
    folio_reopen,
    folio_reverse_posting,
    folio_set_credit_limit,
    folio_transfer_balance,
    posting_transfer,
    routing_instruction_create,
    routing_instruction_end,
    transaction_codes_install,
)
from frontoffice.reservations.tests.factories import make_user
from frontoffice.reservations.tests.services.test_booking import book

D = Decimal
TODAY = dt.date(2026, 6, 1)


def charge(folio, actor, codes, code="ROOM", amount="110.00", quantity=1):
    return folio_post_charge(
        folio=folio, actor=actor, transaction_code=codes[code], unit_amount=D(amount), quantity=quantity
    )


@pytest.fixture
def window2(reservation, folio, agent):
    return folio_for_reservation(reservation=reservation, actor=agent, window=2)


def amounts(p):
    return (p.net, p.tax, p.gross)


# --- moving a charge -----------------------------------------------------------------------


def test_moving_a_whole_charge_pairs_two_postings_and_keeps_revenue(folio, window2, agent, codes):
    room = charge(folio, agent, codes)
    out, into = posting_transfer(posting=room, target_folio=window2, actor=agent, reason="Company pays room")
    assert out.transfer_id == into.transfer_id is not None
    assert amounts(out) == (D("-100.00"), D("-10.00"), D("-110.00"))
    assert amounts(into) == amounts(room)
    assert out.transaction_code == into.transaction_code == room.transaction_code
    assert out.transfer_of == into.transfer_of == room
    assert (out.folio, out.transfer_folio, into.folio, into.transfer_folio) == (folio, window2, window2, folio)
    assert (into.quantity, into.unit_amount, into.reason) == (1, D("110.00"), "Company pays room")
    assert folio_balance(folio=folio) == D("0.00") and folio_balance(folio=window2) == D("110.00")
    room_revenue = sum(p.net for p in Posting.objects.filter(transaction_code__code="ROOM"))
    assert room_revenue == D("100.00")
    actions = set(AuditEntry.objects.filter(entity="folio").values_list("entity_id", "action"))
    assert {(str(folio.pk), "move_out"), (str(window2.pk), "move_in")} <= actions


def test_splitting_a_charge_by_amount_and_by_percentage(folio, window2, agent, codes):
    room = charge(folio, agent, codes)
    _out, half = posting_transfer(posting=room, target_folio=window2, actor=agent, reason="Split", percentage=D("50"))
    assert amounts(half) == (D("50.00"), D("5.00"), D("55.00"))
    _out, part = posting_transfer(posting=room, target_folio=window2, actor=agent, reason="Split", amount=D("30"))
    assert amounts(part) == (D("27.27"), D("2.73"), D("30.00"))
    assert folio_balance(folio=folio) == D("25.00") and folio_balance(folio=window2) == D("85.00")
    _out, rest = posting_transfer(posting=room, target_folio=window2, actor=agent, reason="The rest")
    assert amounts(rest) == (D("22.73"), D("2.27"), D("25.00"))
    assert folio_balance(folio=folio) == D("0.00") and folio_balance(folio=window2) == D("110.00")
    with pytest.raises(Conflict) as exc:
        posting_transfer(posting=room, target_folio=window2, actor=agent, reason="Again")
    assert exc.value.code == "nothing_left_to_move"


def test_moving_more_than_is_left_is_refused_and_changes_nothing(folio, window2, agent, codes):
    room = charge(folio, agent, codes)
    posting_transfer(posting=room, target_folio=window2, actor=agent, reason="Part", amount=D("100"))
    before = Posting.objects.count()
    with pytest.raises(Conflict) as exc:
        posting_transfer(posting=room, target_folio=window2, actor=agent, reason="Too much", amount=D("10.01"))
    assert exc.value.code == "transfer_exceeds_remaining" and "10.00" in exc.value.detail
    assert Posting.objects.count() == before


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"amount": D("0")}, "amount_not_positive"),
        ({"amount": D("-1")}, "amount_not_positive"),
        ({"percentage": D("0")}, "percentage_out_of_range"),
        ({"percentage": D("150")}, "percentage_out_of_range"),
        ({"amount": D("1"), "percentage": D("1")}, "amount_and_percentage"),
        ({"reason": ""}, "reason_required"),
    ],
)
def test_bad_move_input_is_refused(folio, window2, agent, codes, kwargs, code):
    room = charge(folio, agent, codes)
    with pytest.raises(InvalidInput) as exc:
        posting_transfer(**({"posting": room, "target_folio": window2, "actor": agent, "reason": "x"} | kwargs))
    assert exc.value.code == code
    assert not Posting.objects.filter(transfer_id__isnull=False).exists()


def test_a_move_to_the_same_folio_or_another_property_is_refused(folio, agent, codes, other_hotel):
    room = charge(folio, agent, codes)
    with pytest.raises(InvalidInput) as exc:
        posting_transfer(posting=room, target_folio=folio, actor=agent, reason="x")
    assert exc.value.code == "same_folio"
    transaction_codes_install(property=other_hotel.property)
    (elsewhere,) = book(other_hotel, other_hotel.admin)
    foreign = folio_for_reservation(reservation=elsewhere, actor=other_hotel.admin)
    with pytest.raises(InvalidInput) as exc:
        posting_transfer(posting=room, target_folio=foreign, actor=agent, reason="x")
    assert exc.value.code == "other_property"


def test_payments_reversals_and_reversed_charges_do_not_move(folio, window2, agent, codes):
    payment = folio_post_payment(folio=folio, actor=agent, method="card", amount=D("20"))
    with pytest.raises(InvalidInput) as exc:
        posting_transfer(posting=payment, target_folio=window2, actor=agent, reason="x")
    assert exc.value.code == "not_a_charge"
    mini = charge(folio, agent, codes, code="MINI", amount="5")
    reversal = folio_reverse_posting(posting=mini, actor=agent, reason="Not taken")
    with pytest.raises(Conflict, match="reversal"):
        posting_transfer(posting=reversal, target_folio=window2, actor=agent, reason="x")
    with pytest.raises(Conflict) as exc:
        posting_transfer(posting=mini, target_folio=window2, actor=agent, reason="x")
    assert exc.value.code == "already_reversed"


def test_the_opposite_entry_of_a_move_does_not_move_and_no_side_is_reversed(folio, window2, agent, codes):
    room = charge(folio, agent, codes)
    out, into = posting_transfer(posting=room, target_folio=window2, actor=agent, reason="x", amount=D("10"))
    with pytest.raises(Conflict) as exc:
        posting_transfer(posting=out, target_folio=window2, actor=agent, reason="x")
    assert exc.value.code == "transfer_leg"
    for leg in (out, into):
        with pytest.raises(Conflict) as exc:
            folio_reverse_posting(posting=leg, actor=agent, reason="x")
        assert exc.value.code == "transfer_leg"


def test_a_moved_part_can_be_moved_back(folio, window2, agent, codes):
    room = charge(folio, agent, codes)
    _out, into = posting_transfer(posting=room, target_folio=window2, actor=agent, reason="x", amount=D("40"))
    posting_transfer(posting=into, target_folio=folio, actor=agent, reason="Back")
    assert folio_balance(folio=folio) == D("110.00") and folio_balance(folio=window2) == D("0.00")


def test_closed_folios_take_no_move(folio, window2, agent, codes, manager):
    room = charge(folio, agent, codes)
    folio_close(folio=window2, actor=agent)
    with pytest.raises(Conflict) as exc:
        posting_transfer(posting=room, target_folio=window2, actor=agent, reason="x")
    assert exc.value.code == "folio_closed"


def test_moving_needs_the_transfer_permission(hotel, folio, window2, agent, codes):
    auditor = make_user("auditor", "night_auditor", hotel.property)
    room = charge(folio, agent, codes)
    with pytest.raises(PermissionDenied):
        posting_transfer(posting=room, target_folio=window2, actor=auditor, reason="x")
    with pytest.raises(PermissionDenied):
        folio_transfer_balance(source=folio, target=window2, actor=auditor)


def test_a_charge_can_move_to_a_house_folio(hotel, folio, agent, codes):
    house = folio_open_house(property=hotel.property, actor=agent, name="Staff meals")
    fb = charge(folio, agent, codes, code="FB", amount="30")
    posting_transfer(posting=fb, target_folio=house, actor=agent, reason="Staff dinner")
    assert folio_balance(folio=house) == D("30.00")


# --- balance transfers ---------------------------------------------------------------------


def test_transferring_the_whole_balance(folio, window2, agent, codes):
    charge(folio, agent, codes)
    out, into = folio_transfer_balance(source=folio, target=window2, actor=agent, reason="To company")
    assert out.transfer_id == into.transfer_id
    assert amounts(out) == (D("-110.00"), D("0.00"), D("-110.00")) and amounts(into) == (
        D("110.00"),
        D("0.00"),
        D("110.00"),
    )
    assert out.transaction_code.code == into.transaction_code.code == "TRANSFER"
    assert (out.transfer_folio, into.transfer_folio) == (window2, folio)
    assert folio_balance(folio=folio) == D("0.00") and folio_balance(folio=window2) == D("110.00")
    assert AuditEntry.objects.filter(action__in=["transfer_out", "transfer_in"]).count() == 2


def test_part_of_a_balance_and_a_credit_balance_transfer(folio, window2, agent, codes):
    charge(folio, agent, codes)
    folio_transfer_balance(source=folio, target=window2, actor=agent, amount=D("10"))
    assert folio_balance(folio=folio) == D("100.00") and folio_balance(folio=window2) == D("10.00")
    folio_post_payment(folio=window2, actor=agent, method="card", amount=D("50"))
    folio_transfer_balance(source=window2, target=folio, actor=agent)
    assert folio_balance(folio=window2) == D("0.00") and folio_balance(folio=folio) == D("60.00")


@pytest.mark.parametrize(
    ("amount", "error", "code"),
    [
        (D("110.01"), Conflict, "transfer_exceeds_balance"),
        (D("0"), InvalidInput, "amount_not_positive"),
        (D("-3"), InvalidInput, "amount_not_positive"),
    ],
)
def test_a_balance_transfer_refuses_more_than_the_balance(folio, window2, agent, codes, amount, error, code):
    charge(folio, agent, codes)
    with pytest.raises(error) as exc:
        folio_transfer_balance(source=folio, target=window2, actor=agent, amount=amount)
    assert exc.value.code == code
    assert folio_balance(folio=window2) == D("0.00")


def test_a_zero_balance_or_the_same_folio_is_refused(folio, window2, agent):
    with pytest.raises(Conflict) as exc:
        folio_transfer_balance(source=folio, target=window2, actor=agent)
    assert exc.value.code == "zero_balance"
    with pytest.raises(InvalidInput):
        folio_transfer_balance(source=folio, target=folio, actor=agent)


# --- routing -------------------------------------------------------------------------------


def route(reservation, target, agent, **kw):
    return routing_instruction_create(reservation=reservation, target_folio=target, actor=agent, **kw)


def test_a_routed_charge_lands_on_the_target_folio(reservation, folio, window2, agent, codes):
    rule = route(reservation, window2, agent, transaction_codes=["room"])
    posting = charge(folio, agent, codes)
    assert posting.folio == window2 and posting.routed_by == rule
    assert folio_balance(folio=folio) == D("0.00") and folio_balance(folio=window2) == D("110.00")
    fb = charge(folio, agent, codes, code="FB", amount="20")
    assert fb.folio == folio and fb.routed_by is None
    assert AuditEntry.objects.filter(action="charge_routed", entity_id=str(window2.pk)).exists()


def test_routing_a_percentage_returns_the_part_that_stays(reservation, folio, window2, agent, codes):
    route(reservation, window2, agent, departments=["rooms"], percentage=D("60"))
    stays = charge(folio, agent, codes)
    assert stays.folio == folio and amounts(stays) == (D("40.00"), D("4.00"), D("44.00"))
    routed = Posting.objects.get(folio=window2)
    assert amounts(routed) == (D("60.00"), D("6.00"), D("66.00")) and routed.quantity == 1


def test_a_daily_cap_limits_what_is_routed_each_business_date(hotel, reservation, folio, window2, agent, codes):
    route(reservation, window2, agent, transaction_codes=["ROOM"], daily_cap=D("120"))
    charge(folio, agent, codes)  # 110 routed
    charge(folio, agent, codes)  # 10 routed, 100 stays
    assert folio_balance(folio=window2) == D("120.00") and folio_balance(folio=folio) == D("100.00")
    hotel.property.business_date = TODAY + dt.timedelta(days=1)
    hotel.property.save()
    charge(folio, agent, codes)
    assert folio_balance(folio=window2) == D("230.00")


def test_routing_honours_dates_and_ends(reservation, folio, window2, agent, codes):
    route(reservation, window2, agent, transaction_codes=["ROOM"], start_date=TODAY + dt.timedelta(days=1))
    assert charge(folio, agent, codes).folio == folio
    rule = route(reservation, window2, agent, transaction_codes=["ROOM"], end_date=TODAY)
    routed = charge(folio, agent, codes)
    assert routed.folio == window2
    routing_instruction_end(instruction=rule, actor=agent)
    assert charge(folio, agent, codes).folio == folio
    assert Posting.objects.filter(routed_by=rule).count() == 1  # what was routed stays
    rule.refresh_from_db()
    assert not rule.active and rule.ended_at is not None
    with pytest.raises(Conflict):
        routing_instruction_end(instruction=rule, actor=agent)


def test_the_first_instruction_wins_and_only_its_source_window_routes(reservation, folio, window2, agent, codes):
    window3 = folio_for_reservation(reservation=reservation, actor=agent, window=3)
    route(reservation, window2, agent, transaction_codes=["ROOM"])
    route(reservation, window3, agent, departments=["rooms"])
    assert charge(folio, agent, codes).folio == window2
    assert charge(window2, agent, codes).folio == window2  # window 2 has no instruction of its own


def test_a_closed_target_routes_nothing(reservation, folio, window2, agent, codes):
    route(reservation, window2, agent, transaction_codes=["ROOM"])
    folio_close(folio=window2, actor=agent)
    assert charge(folio, agent, codes).folio == folio


def test_routing_to_a_house_folio(hotel, reservation, folio, agent, codes):
    house = folio_open_house(property=hotel.property, actor=agent, name="Sales department")
    route(reservation, house, agent, transaction_codes=["PARK"])
    assert charge(folio, agent, codes, code="PARK", amount="12").folio == house


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({}, "transaction_codes"),
        ({"transaction_codes": ["NOPE"]}, "transaction_codes"),
        ({"transaction_codes": ["PAY-CARD"]}, "transaction_codes"),
        ({"departments": ["payment"]}, "departments"),
        ({"transaction_codes": ["ROOM"], "percentage": D("0")}, "percentage"),
        ({"transaction_codes": ["ROOM"], "percentage": D("100.5")}, "percentage"),
        ({"transaction_codes": ["ROOM"], "daily_cap": D("0")}, "daily_cap"),
        ({"transaction_codes": ["ROOM"], "start_date": TODAY, "end_date": TODAY - dt.timedelta(days=1)}, "end_date"),
        ({"transaction_codes": ["ROOM"], "source_window": 2}, "target_folio"),
        ({"transaction_codes": ["ROOM"], "source_window": 9}, "source_window"),
    ],
)
def test_bad_routing_instructions_are_refused(reservation, folio, window2, agent, codes, kwargs, field):
    with pytest.raises(InvalidInput) as exc:
        route(reservation, window2, agent, **kwargs)
    assert exc.value.errors[0]["field"] == field
    assert not RoutingInstruction.objects.exists()


def test_routing_to_a_closed_folio_or_to_the_source_window_is_refused(reservation, folio, window2, agent):
    with pytest.raises(InvalidInput) as exc:
        route(reservation, folio, agent, transaction_codes=["ROOM"])
    assert exc.value.code == "same_folio"
    folio_close(folio=window2, actor=agent)
    with pytest.raises(Conflict):
        route(reservation, window2, agent, transaction_codes=["ROOM"])
    assert routing_instruction_list(reservation=reservation) == []


# --- house folios, closing, credit limit ---------------------------------------------------


def test_a_house_folio_takes_charges_and_payments_and_is_listed(hotel, agent, codes):
    house = folio_open_house(property=hotel.property, actor=agent, name="  Staff meals ")
    assert (house.kind, house.name, house.reservation, house.status) == ("house", "Staff meals", None, "open")
    charge(house, agent, codes, code="FB", amount="25")
    folio_post_payment(folio=house, actor=agent, method="card", amount=D("5"))
    (listed,) = folio_list_house(property=hotel.property)
    assert listed == house and listed.balance == D("20.00")
    with pytest.raises(InvalidInput):
        folio_open_house(property=hotel.property, actor=agent, name="  ")


def test_a_folio_closes_only_when_settled_and_a_manager_reopens_it(folio, agent, manager, codes):
    charge(folio, agent, codes, code="MINI", amount="7.50")
    with pytest.raises(Conflict) as exc:
        folio_close(folio=folio, actor=agent)
    assert exc.value.code == "folio_not_settled" and "7.50" in exc.value.detail
    folio_post_payment(folio=folio, actor=agent, method="card", amount=D("7.50"))
    closed = folio_close(folio=folio, actor=agent)
    assert closed.status == "closed" and closed.closed_at is not None
    with pytest.raises(Conflict):
        charge(folio, agent, codes, code="MINI", amount="1")
    with pytest.raises(PermissionDenied):
        folio_reopen(folio=folio, actor=agent, reason="Late charge")
    with pytest.raises(InvalidInput):
        folio_reopen(folio=folio, actor=manager, reason="")
    reopened = folio_reopen(folio=folio, actor=manager, reason="Late charge")
    assert reopened.status == "open" and reopened.closed_at is None
    assert AuditEntry.objects.get(action="reopen").reason == "Late charge"
    with pytest.raises(Conflict):
        folio_reopen(folio=folio, actor=manager, reason="Again")


def test_going_over_the_credit_limit_is_allowed_but_flagged(folio, agent, manager, codes):
    with pytest.raises(PermissionDenied):
        folio_set_credit_limit(folio=folio, actor=agent, credit_limit=D("100"))
    folio_set_credit_limit(folio=folio, actor=manager, credit_limit=D("100"))
    folio.refresh_from_db()
    assert folio.credit_limit == D("100.00")
    charge(folio, agent, codes, amount="100")
    assert not folio_over_credit_limit(folio=folio)
    charge(folio, agent, codes, code="MINI", amount="0.01")
    assert folio_over_credit_limit(folio=folio)
    folio_set_credit_limit(folio=folio, actor=manager, credit_limit=None)
    folio.refresh_from_db()
    assert not folio_over_credit_limit(folio=folio)
    with pytest.raises(InvalidInput):
        folio_set_credit_limit(folio=folio, actor=manager, credit_limit=D("-1"))
    assert Folio.objects.get(pk=folio.pk).credit_limit is None
