"""Refunds go back only where money came from; reversals correct a posting once, with a reason."""

from decimal import Decimal

import pytest

from frontoffice.core.domain.errors import Conflict, InvalidInput, PermissionDenied
from frontoffice.core.models import AuditEntry
from frontoffice.folios.models import Posting
from frontoffice.folios.selectors import folio_balance
from frontoffice.folios.services import (
    folio_post_charge,
    folio_post_payment,
    folio_refund,
    folio_reverse_posting,
)

D = Decimal


@pytest.fixture
def paid(folio, agent, codes, on_shift):
    """A folio paid 100.00 by card and 20.00 in cash ahead of its charges (balance −120.00, all of it
    refundable); the agent and the manager have their drawers open."""
    card = folio_post_payment(folio=folio, actor=agent, method="card", amount=D("100"), card_last4="4242")
    cash = folio_post_payment(folio=folio, actor=agent, method="cash", amount=D("20"))
    return {"card": card, "cash": cash}


def test_a_refund_to_a_paid_method_is_posted_positive_with_its_reason(folio, manager, paid):
    posting = folio_refund(folio=folio, actor=manager, method="cash", amount=D("20"), reason="Overpaid")
    assert posting.gross == D("20.00") and posting.transaction_code.code == "REFUND-CASH"
    assert posting.payment_method == "cash" and posting.reason == "Overpaid"
    assert folio_balance(folio=folio) == D("-100.00")
    assert AuditEntry.objects.get(entity="folio", action="refund").reason == "Overpaid"


@pytest.mark.parametrize(
    ("method", "amount", "code"),
    [
        ("card", "100.01", "refund_exceeds_paid"),
        ("bank_transfer", "1", "refund_method_not_paid"),
        ("voucher", "1", "refund_method_not_paid"),
    ],
)
def test_a_refund_beyond_what_a_method_paid_is_refused_and_changes_nothing(folio, manager, paid, method, amount, code):
    before = Posting.objects.count()
    with pytest.raises(Conflict) as exc:
        folio_refund(folio=folio, actor=manager, method=method, amount=D(amount), reason="x")
    assert exc.value.code == code
    assert Posting.objects.count() == before


def test_refunds_add_up_against_the_same_payment(folio, manager, paid):
    folio_refund(folio=folio, actor=manager, method="card", amount=D("70"), reason="Part")
    with pytest.raises(Conflict, match="30.00"):
        folio_refund(folio=folio, actor=manager, method="card", amount=D("30.01"), reason="Too much")
    folio_refund(folio=folio, actor=manager, method="card", amount=D("30"), reason="Rest")
    with pytest.raises(Conflict):
        folio_refund(folio=folio, actor=manager, method="card", amount=D("0.01"), reason="Nothing left")


def test_refunds_need_the_refund_permission_and_a_reason(folio, agent, manager, paid):
    with pytest.raises(PermissionDenied):
        folio_refund(folio=folio, actor=agent, method="cash", amount=D("5"), reason="x")
    with pytest.raises(InvalidInput) as exc:
        folio_refund(folio=folio, actor=manager, method="cash", amount=D("5"), reason="  ")
    assert exc.value.code == "reason_required"
    assert not Posting.objects.filter(transaction_code__department="refund").exists()


def test_a_reversal_is_the_exact_opposite_linked_to_the_original(folio, agent, codes):
    original = folio_post_charge(
        folio=folio, actor=agent, transaction_code=codes["MINI"], unit_amount=D("4.50"), quantity=3
    )
    reversal = folio_reverse_posting(posting=original, actor=agent, reason="Wrong room")
    assert (reversal.net, reversal.tax, reversal.gross) == (-original.net, -original.tax, -original.gross)
    assert reversal.reversal_of == original and reversal.reason == "Wrong room"
    assert reversal.transaction_code == original.transaction_code
    assert folio_balance(folio=folio) == D("0.00")
    assert AuditEntry.objects.get(entity="folio", action="reverse").changes["reversal_of"] == original.pk


def test_a_posting_is_reversed_once_and_a_reversal_never(folio, agent, codes):
    original = folio_post_charge(folio=folio, actor=agent, transaction_code=codes["MINI"], unit_amount=D("5"))
    reversal = folio_reverse_posting(posting=original, actor=agent, reason="Wrong")
    with pytest.raises(Conflict) as exc:
        folio_reverse_posting(posting=original, actor=agent, reason="Again")
    assert exc.value.code == "already_reversed"
    with pytest.raises(Conflict) as exc:
        folio_reverse_posting(posting=reversal, actor=agent, reason="Undo")
    assert exc.value.code == "reversal_of_reversal"
    assert Posting.objects.count() == 2


def test_a_reversal_needs_a_reason(folio, agent, codes):
    original = folio_post_charge(folio=folio, actor=agent, transaction_code=codes["MINI"], unit_amount=D("5"))
    with pytest.raises(InvalidInput):
        folio_reverse_posting(posting=original, actor=agent, reason="")
    assert Posting.objects.count() == 1


def test_above_the_void_limit_only_a_manager_may_reverse(hotel, folio, agent, manager, codes):
    assert hotel.property.void_limit == D("50.00")
    at_limit = folio_post_charge(folio=folio, actor=agent, transaction_code=codes["FB"], unit_amount=D("50"))
    above = folio_post_charge(folio=folio, actor=agent, transaction_code=codes["FB"], unit_amount=D("50.01"))
    folio_reverse_posting(posting=at_limit, actor=agent, reason="Mistake")
    with pytest.raises(PermissionDenied) as exc:
        folio_reverse_posting(posting=above, actor=agent, reason="Mistake")
    assert exc.value.code == "needs_manager"
    folio_reverse_posting(posting=above, actor=manager, reason="Mistake")
    assert folio_balance(folio=folio) == D("0.00")


def test_the_void_limit_is_a_property_setting(hotel, folio, agent, codes):
    hotel.property.void_limit = D("0")
    hotel.property.save()
    small = folio_post_charge(folio=folio, actor=agent, transaction_code=codes["MINI"], unit_amount=D("1"))
    with pytest.raises(PermissionDenied):
        folio_reverse_posting(posting=small, actor=agent, reason="Mistake")


def test_reversing_a_payment_restores_the_balance_and_what_may_be_refunded(folio, agent, manager, paid):
    folio_reverse_posting(posting=paid["cash"], actor=agent, reason="Counterfeit note")
    assert folio_balance(folio=folio) == D("-100.00")
    with pytest.raises(Conflict):
        folio_refund(folio=folio, actor=manager, method="cash", amount=D("1"), reason="x")


def test_a_refunded_payment_cannot_be_reversed_until_its_refund_is(folio, manager, paid):
    refund = folio_refund(folio=folio, actor=manager, method="cash", amount=D("15"), reason="Overpaid")
    with pytest.raises(Conflict) as exc:
        folio_reverse_posting(posting=paid["cash"], actor=manager, reason="Oops")
    assert exc.value.code == "payment_already_refunded"
    folio_reverse_posting(posting=refund, actor=manager, reason="Refund not handed over")
    folio_reverse_posting(posting=paid["cash"], actor=manager, reason="Oops")
    assert folio_balance(folio=folio) == D("-100.00")


def test_reversing_a_refund_needs_the_refund_permission(folio, agent, manager, paid):
    refund = folio_refund(folio=folio, actor=manager, method="cash", amount=D("5"), reason="Overpaid")
    with pytest.raises(PermissionDenied):
        folio_reverse_posting(posting=refund, actor=agent, reason="x")


def test_the_accountant_reverses_nothing(folio, agent, accountant, codes):
    original = folio_post_charge(folio=folio, actor=agent, transaction_code=codes["MINI"], unit_amount=D("5"))
    with pytest.raises(PermissionDenied):
        folio_reverse_posting(posting=original, actor=accountant, reason="x")


def test_a_refund_never_exceeds_what_the_folio_holds_for_the_guest(folio, agent, manager, codes, paid):
    # 120.00 paid, then 90.00 of charges: only 30.00 is still the guest's money.
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["FB"], unit_amount=D("90"))
    with pytest.raises(Conflict) as exc:
        folio_refund(folio=folio, actor=manager, method="card", amount=D("30.01"), reason="Too much")
    assert exc.value.code == "refund_exceeds_credit" and "30.00" in exc.value.detail
    folio_refund(folio=folio, actor=manager, method="card", amount=D("30"), reason="Overpaid")
    assert folio_balance(folio=folio) == D("0.00")
