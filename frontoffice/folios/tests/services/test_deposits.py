"""Deposits: schedule, payments before arrival on the deposit ledger, the move to the guest folio,
and cancellation and no-show fees posted with the deposit applied against them."""

import datetime as dt
from decimal import Decimal

import pytest

from frontoffice.core.domain.errors import Conflict, InvalidInput
from frontoffice.core.models import AuditEntry
from frontoffice.folios.models import Folio, Posting
from frontoffice.folios.selectors import folio_balance, folio_list_for_reservation
from frontoffice.folios.services import (
    deposit_apply,
    deposit_held,
    deposit_schedule,
    deposit_schedule_set,
    deposit_take,
    folio_refund,
    reservation_fee_post,
)
from frontoffice.reservations.services import reservation_cancel
from frontoffice.reservations.tests.services.test_booking import book

D = Decimal


@pytest.fixture
def nrf(hotel, codes, agent):
    """A non-refundable stay: the plan asks for the whole stay as a deposit."""
    (res,) = book(hotel, agent, plan="NRF", nights=2)
    return res


def card(amount):
    return {"method": "card", "amount": D(amount), "card_brand": "Visa", "card_last4": "4242"}


def window_one(res):
    return Folio.objects.get(reservation=res, window=1, kind="guest")


def test_the_policy_asks_for_a_deposit_due_within_a_week_or_by_arrival(hotel, nrf, reservation):
    (line,) = deposit_schedule(reservation=nrf)
    assert line.amount == nrf.total and line.due_date == dt.date(2026, 6, 8)
    assert (line.paid, line.outstanding, line.overdue) == (D("0"), nrf.total, False)
    assert deposit_schedule(reservation=reservation) == []  # card guarantee: no deposit


def test_a_deposit_is_held_on_the_deposit_folio_not_on_the_guest_bill(nrf, agent):
    payment = deposit_take(reservation=nrf, actor=agent, **card("100"))
    assert payment.folio.kind == "deposit" and payment.gross == D("-100.00")
    assert deposit_held(reservation=nrf) == D("100.00")
    assert folio_list_for_reservation(reservation=nrf) == []
    (line,) = deposit_schedule(reservation=nrf)
    assert line.paid == D("100.00") and line.outstanding == nrf.total - D("100")


def test_a_schedule_set_by_hand_replaces_the_policys(nrf, agent):
    lines = deposit_schedule_set(
        reservation=nrf, actor=agent, lines=[(dt.date(2026, 6, 2), D("50")), (dt.date(2026, 6, 9), D("30"))]
    )
    assert [(s.due_date, s.amount) for s in lines] == [(dt.date(2026, 6, 2), D("50")), (dt.date(2026, 6, 9), D("30"))]
    with pytest.raises(InvalidInput):
        deposit_schedule_set(reservation=nrf, actor=agent, lines=[(dt.date(2026, 6, 2), D("0"))])
    assert len(deposit_schedule(reservation=nrf)) == 2
    assert len(deposit_schedule_set(reservation=nrf, actor=agent, lines=[])) == 1  # back to the policy's line


def test_at_check_in_the_whole_deposit_moves_to_the_guest_folio(nrf, agent):
    deposit_take(reservation=nrf, actor=agent, **card("120"))
    assert deposit_apply(reservation=nrf, actor=agent) == D("120.00")
    assert deposit_held(reservation=nrf) == D("0.00")
    guest = window_one(nrf)
    assert folio_balance(folio=guest) == D("-120.00")
    moved = Posting.objects.filter(transfer_id__isnull=False).order_by("id")
    assert [p.folio.kind for p in moved] == ["deposit", "guest"] and len({p.transfer_id for p in moved}) == 1
    assert sum(p.gross for p in moved) == 0  # nothing created or lost between the two ledgers
    assert deposit_apply(reservation=nrf, actor=agent) == D("0")  # nothing left to move


def test_a_deposit_is_not_taken_after_arrival_or_cancellation(nrf, agent):
    reservation_cancel(reservation=nrf, actor=agent, reason="Plans changed")
    nrf.refresh_from_db()
    with pytest.raises(Conflict) as refused:
        deposit_take(reservation=nrf, actor=agent, **card("10"))
    assert refused.value.code == "deposit_not_before_arrival"


def test_cancelling_posts_the_fee_and_settles_it_from_the_deposit_leaving_the_rest_refundable(nrf, agent, manager):
    deposit_take(reservation=nrf, actor=agent, **card("500"))
    cancelled = reservation_cancel(reservation=nrf, actor=agent, reason="Plans changed")
    fee = cancelled.cancellation_fee
    assert fee > 0  # non-refundable: the room total
    guest = window_one(nrf)
    (fee_posting,) = Posting.objects.filter(folio=guest, transaction_code__code="CXL-FEE")
    assert fee_posting.gross == fee and fee_posting.reason == "Plans changed"
    assert folio_balance(folio=guest) == D("0.00")  # the deposit paid the fee
    assert deposit_held(reservation=nrf) == D("500.00") - fee
    deposit = Folio.objects.get(reservation=nrf, kind="deposit")
    refund = folio_refund(folio=deposit, actor=manager, method="card", amount=D("500") - fee, reason="Balance back")
    assert refund.gross == D("500") - fee and deposit_held(reservation=nrf) == D("0.00")


def test_a_free_cancellation_posts_nothing(reservation, agent):
    reservation_cancel(reservation=reservation, actor=agent, reason="Early enough")
    assert not Posting.objects.exists()


def test_a_fee_beyond_the_deposit_leaves_a_balance_due(nrf, agent):
    deposit_take(reservation=nrf, actor=agent, **card("40"))
    posting = reservation_fee_post(reservation=nrf, actor=agent, code="NOSHOW-FEE", fee=D("90"), reason="No-show")
    assert posting.transaction_code.code == "NOSHOW-FEE" and posting.gross == D("90.00")
    assert folio_balance(folio=window_one(nrf)) == D("50.00") and deposit_held(reservation=nrf) == D("0.00")


def test_without_the_fee_code_nothing_is_posted_and_the_audit_says_so(hotel, agent):
    (res,) = book(hotel, agent, plan="NRF")  # no transaction codes installed in this property
    reservation_cancel(reservation=res, actor=agent, reason="Plans changed")
    assert not Posting.objects.exists()
    entry = AuditEntry.objects.get(action="fee_not_posted")
    assert entry.entity_id == res.confirmation and entry.changes["code"] == "CXL-FEE"
