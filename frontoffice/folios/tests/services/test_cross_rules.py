"""Rules where moves, reversals, invoices, deposits, fees and shifts meet: money is never billed
twice, credited from nothing, or written to a closed folio."""

from decimal import Decimal

import pytest

from frontoffice.core.domain.errors import Conflict, InvalidInput
from frontoffice.folios.models import Folio, Posting
from frontoffice.folios.selectors import folio_balance
from frontoffice.folios.services import (
    cashier_shift_close,
    deposit_apply,
    deposit_folio_for,
    deposit_schedule,
    deposit_take,
    folio_close,
    folio_for_reservation,
    folio_post_charge,
    folio_reverse_posting,
    folio_transfer_balance,
    invoice_issue,
    posting_transfer,
)
from frontoffice.guests.models import Company
from frontoffice.reservations.services import reservation_cancel
from frontoffice.reservations.tests.services.test_booking import book

D = Decimal


@pytest.fixture
def window_two(reservation, agent):
    return folio_for_reservation(reservation=reservation, actor=agent, window=2)


def room(folio, actor, codes, amount="110"):
    return folio_post_charge(folio=folio, actor=actor, transaction_code=codes["ROOM"], unit_amount=D(amount))


def test_an_invoiced_charge_cannot_be_moved_to_be_invoiced_again(folio, window_two, agent, codes):
    charge = room(folio, agent, codes)
    invoice = invoice_issue(folio=folio, actor=agent, simplified=True)
    with pytest.raises(Conflict) as refused:
        posting_transfer(posting=charge, target_folio=window_two, actor=agent, reason="Company pays")
    assert refused.value.code == "posting_invoiced" and invoice.full_number in refused.value.detail
    assert not Posting.objects.filter(folio=window_two).exists()


def test_a_charge_partly_moved_away_is_not_reversed_until_it_is_moved_back(folio, window_two, agent, manager, codes):
    charge = room(folio, agent, codes)
    out, moved_in = posting_transfer(
        posting=charge, target_folio=window_two, actor=agent, reason="Split", amount=D("50")
    )
    with pytest.raises(Conflict) as refused:
        folio_reverse_posting(posting=charge, actor=manager, reason="Wrong rate")
    assert refused.value.code == "posting_moved"
    assert (folio_balance(folio=folio), folio_balance(folio=window_two)) == (D("60.00"), D("50.00"))
    posting_transfer(posting=moved_in, target_folio=folio, actor=agent, reason="Back")
    folio_reverse_posting(posting=charge, actor=manager, reason="Wrong rate")
    assert (folio_balance(folio=folio), folio_balance(folio=window_two)) == (D("0.00"), D("0.00"))


@pytest.fixture
def nrf(hotel, codes, agent):
    (res,) = book(hotel, agent, plan="NRF", nights=2)
    return res


def test_a_deposit_applied_at_check_in_still_counts_as_paid_on_the_schedule(nrf, agent):
    deposit_take(reservation=nrf, actor=agent, method="card", amount=D("100"), card_brand="Visa")
    deposit_apply(reservation=nrf, actor=agent)
    (line,) = deposit_schedule(reservation=nrf)
    assert line.paid == D("100.00") and line.outstanding == line.amount - D("100")


def test_a_balance_is_not_moved_by_hand_into_or_out_of_a_deposit_folio(nrf, agent, codes):
    guest = folio_for_reservation(reservation=nrf, actor=agent)
    room(guest, agent, codes, "60")
    deposit = deposit_folio_for(reservation=nrf, actor=agent)
    for source, target in ((guest, deposit), (deposit, guest)):
        with pytest.raises(InvalidInput) as refused:
            folio_transfer_balance(source=source, target=target, actor=agent)
        assert refused.value.code == "deposit_folio"


def test_a_cancellation_fee_never_lands_on_a_closed_folio(nrf, agent, manager, codes):
    window_one = folio_for_reservation(reservation=nrf, actor=agent)
    folio_close(folio=window_one, actor=agent)
    deposit_take(reservation=nrf, actor=agent, method="card", amount=D("30"), card_brand="Visa")
    cancelled = reservation_cancel(reservation=nrf, actor=agent, reason="Plans changed")
    window_one.refresh_from_db()
    assert window_one.status == "closed" and folio_balance(folio=window_one) == D("0.00")
    (fee,) = Posting.objects.filter(transaction_code__code="CXL-FEE")
    assert fee.folio.window == 2 and fee.folio.status == "open"
    assert folio_balance(folio=fee.folio) == cancelled.cancellation_fee - D("30")


def test_a_card_number_typed_in_a_shift_note_is_refused_and_the_shift_stays_open(hotel, agent, on_shift):
    shift = on_shift["agent"]
    with pytest.raises(InvalidInput) as refused:
        cashier_shift_close(shift=shift, actor=agent, counted={"cash": D("100")}, note="card 4111 1111 1111 1111")
    assert refused.value.code == "card_number_refused"
    shift.refresh_from_db()
    assert shift.status == "open"


def test_a_long_numeric_tax_id_is_a_tax_id_not_a_card(hotel, reservation, agent, codes):
    company = Company.objects.create(property=hotel.property, name="Nordvik Software AB", tax_id="SE556000000101")
    window = folio_for_reservation(reservation=reservation, actor=agent, window=2)
    Folio.objects.filter(pk=window.pk).update(payer_company=company)
    window.refresh_from_db()
    room(window, agent, codes)
    assert invoice_issue(folio=window, actor=agent).payer_tax_id == "SE556000000101"
