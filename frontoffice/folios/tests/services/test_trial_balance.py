"""A full stay's money, from deposit to invoice, reconciles every day across the guest, deposit
and city ledgers: opening + debits − credits = closing, each closing equals the balances it
stands for, and money moved between ledgers is neither created nor lost."""

import datetime as dt
from decimal import Decimal

from frontoffice.core.models import Property
from frontoffice.folios.models import Folio, Posting
from frontoffice.folios.selectors import folio_balance, trial_balance
from frontoffice.folios.services import (
    deposit_apply,
    deposit_take,
    folio_for_reservation,
    folio_post_charge,
    folio_post_payment,
    folio_reverse_posting,
    invoice_issue,
)
from frontoffice.folios.services.receivables import (
    folio_transfer_to_account,
    receivable_account_create,
    receivable_payment_record,
)
from frontoffice.guests.models import Company
from frontoffice.reservations.tests.services.test_booking import book

D = Decimal
ZERO = D("0.00")


def next_day(prop: Property) -> None:
    prop.business_date += dt.timedelta(days=1)
    prop.save(update_fields=["business_date"])


def independent_closings(prop: Property) -> dict:
    """Closings worked out another way: from the folios' balances and the accounts' open amounts."""
    guest = sum((folio_balance(folio=f) for f in Folio.objects.filter(property=prop).exclude(kind="deposit")), ZERO)
    deposit = sum((folio_balance(folio=f) for f in Folio.objects.filter(property=prop, kind="deposit")), ZERO)
    from frontoffice.folios.models import OpenItem, ReceivablePayment

    city = sum(OpenItem.objects.filter(property=prop).values_list("amount", flat=True), ZERO) - sum(
        ReceivablePayment.objects.filter(property=prop).values_list("amount", flat=True), ZERO
    )
    return {"guest": guest, "deposit": deposit, "city": city}


def test_a_stay_from_deposit_to_invoice_reconciles_every_day(hotel, codes, agent, manager, accountant):
    prop = hotel.property
    (res,) = book(hotel, agent, plan="NRF", arrival=prop.business_date + dt.timedelta(days=1), nights=2)
    company = Company.objects.create(property=prop, name="Acme SL", tax_id="B12345678")
    account = receivable_account_create(
        property=prop, actor=manager, company=company, number="AR-1", credit_limit=D("1000")
    )
    days = []

    # Day 1, before arrival: a deposit by card goes to the deposit ledger.
    deposit_take(reservation=res, actor=agent, method="card", amount=D("150"), card_brand="Visa")
    days.append(prop.business_date)
    next_day(prop)

    # Day 2, arrival: the deposit moves to the guest folio; room, dinner, a corrected minibar.
    deposit_apply(reservation=res, actor=agent)
    folio = folio_for_reservation(reservation=res, actor=agent)
    folio.refresh_from_db()
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["ROOM"], unit_amount=D("120"))
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["FB"], unit_amount=D("45.50"))
    mini = folio_post_charge(folio=folio, actor=agent, transaction_code=codes["MINI"], unit_amount=D("8"))
    folio_reverse_posting(posting=mini, actor=agent, reason="Not consumed")
    days.append(prop.business_date)
    next_day(prop)

    # Day 3, departure: second night, part paid by card, the rest billed to the company; invoice.
    folio.property.refresh_from_db()
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["ROOM"], unit_amount=D("120"))
    folio_post_payment(folio=folio, actor=agent, method="card", amount=D("35.50"), card_brand="Visa")
    invoice = invoice_issue(folio=folio, actor=agent, payer_tax_id="12345678Z")
    assert invoice.gross == D("285.50") and invoice.paid == D("185.50")
    item = folio_transfer_to_account(folio=folio, account=account, actor=agent)
    assert item.amount == D("100.00") and folio_balance(folio=folio) == ZERO
    days.append(prop.business_date)
    next_day(prop)

    # Day 4, the back office: the company pays 60 of it.
    receivable_payment_record(account=account, actor=accountant, amount=D("60"), method="bank_transfer", auto=True)
    days.append(prop.business_date)

    previous = None
    for day in days:
        tb = trial_balance(property=prop, business_date=day)
        for name, ledger in tb.items():
            assert ledger["opening"] + ledger["debits"] - ledger["credits"] == ledger["closing"], (day, name)
            if previous is not None:
                assert ledger["opening"] == previous[name]["closing"], (day, name)
        previous = tb
    assert {name: ledger["closing"] for name, ledger in previous.items()} == independent_closings(prop)
    assert previous == trial_balance(property=prop, business_date=days[-1])
    assert (previous["guest"]["closing"], previous["deposit"]["closing"], previous["city"]["closing"]) == (
        ZERO,
        ZERO,
        D("40.00"),
    )
    # Between ledgers nothing is created or lost: every transfer pair nets to zero.
    for transfer_id in set(Posting.objects.exclude(transfer_id=None).values_list("transfer_id", flat=True)):
        assert sum(Posting.objects.filter(transfer_id=transfer_id).values_list("gross", flat=True)) == 0
