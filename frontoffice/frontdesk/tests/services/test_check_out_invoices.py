"""Invoices issued at check-out: in the same transaction as the check-out, through the cashiering
service, so a refused invoice refuses the check-out and uses no number."""

from decimal import Decimal

import pytest

from frontoffice.core.domain.errors import Conflict, InvalidInput
from frontoffice.folios.models import Folio, Invoice, InvoiceCounter
from frontoffice.folios.services import (
    folio_for_reservation,
    folio_post_charge,
    folio_post_payment,
    folio_set_payer,
    invoice_issue,
)
from frontoffice.frontdesk.models import StayRecord
from frontoffice.frontdesk.selectors import check_out_windows
from frontoffice.frontdesk.services import check_in, check_out
from frontoffice.frontdesk.tests.services import test_stay
from frontoffice.frontdesk.tests.services.test_stay import PAIR, today
from frontoffice.guests.models import Company, Guest
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.tests.services.test_booking import book
from frontoffice.rooms.models import Room

D = Decimal
arriving = test_stay.arriving  # the couple arriving today in room 101, as the check-in tests have it


def settle(folio, agent, codes, amount, code="ROOM"):
    """Charge ``amount`` to the window and pay it by card: the bill is settled, not invoiced."""
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes[code], unit_amount=D(amount))
    folio_post_payment(folio=folio, actor=agent, method="card", amount=D(amount), card_brand="Visa")


@pytest.fixture
def in_house(arriving, agent, codes):
    """The couple checked in (the guest's identity document is now on the profile), with a room
    night and a dinner on window 1, paid."""
    res = check_in(reservation=arriving, actor=agent, travellers=PAIR)
    folio = folio_for_reservation(reservation=res, actor=agent)
    settle(folio, agent, codes, "100")
    settle(folio, agent, codes, "20", code="FB")
    return res


def without_tax_id(res):
    Guest.objects.filter(pk=res.guest_id).update(document_number="")


def last_number(hotel, series):
    counter = InvoiceCounter.objects.filter(property=hotel.property, series=series).first()
    return counter.last_number if counter else 0


def another_invoice(hotel, agent, codes):
    """An invoice issued earlier today for another guest: F2026-00001."""
    (other,) = book(hotel, agent, arrival=today(hotel), nights=1, adults=1)
    folio = folio_for_reservation(reservation=other, actor=agent)
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["FB"], unit_amount=D("15"))
    return invoice_issue(folio=folio, actor=agent, payer_tax_id="X1234567L")


def test_a_check_out_with_a_full_invoice_issues_the_next_number_and_checks_the_guest_out(hotel, in_house, agent, codes):
    first = another_invoice(hotel, agent, codes)
    folio = Folio.objects.get(reservation=in_house, window=1)
    done = check_out(reservation=in_house, actor=agent, invoices={folio.pk: "full"})
    assert done.reservation.status == "checked_out"
    (invoice,) = done.invoices
    assert (first.full_number, invoice.full_number) == ("F2026-00001", "F2026-00002")
    assert (invoice.kind, invoice.folio_id, invoice.gross, invoice.paid) == (
        "invoice",
        folio.pk,
        D("120.00"),
        D("120.00"),
    )
    assert (invoice.payer_name, invoice.payer_tax_id) == (in_house.guest.full_name, "12345678Z")
    assert last_number(hotel, "F") == 2
    folio.refresh_from_db()
    assert folio.status == "closed"
    assert Room.objects.get(pk=in_house.room_id).condition == "dirty"


def test_a_refused_full_invoice_leaves_the_guest_in_house_and_uses_no_number(hotel, in_house, agent, codes):
    another_invoice(hotel, agent, codes)
    without_tax_id(in_house)
    folio = Folio.objects.get(reservation=in_house, window=1)
    with pytest.raises(Conflict) as refused:
        check_out(reservation=in_house, actor=agent, invoices={folio.pk: "full"})
    assert refused.value.code == "payer_tax_id_required"
    assert refused.value.detail.startswith("Window 1: A full invoice needs the payer's tax id")
    assert refused.value.errors == [
        {
            "field": f"invoices.{folio.pk}",
            "code": "payer_tax_id_required",
            "message": refused.value.errors[0]["message"],
        }
    ]
    in_house.refresh_from_db()
    assert in_house.status == "in_house"
    assert Invoice.objects.filter(folio__reservation=in_house).count() == 0 and last_number(hotel, "F") == 1
    assert not StayRecord.objects.filter(reservation=in_house, event="check_out").exists()
    folio.refresh_from_db()
    assert folio.status == "open"
    # The agent chooses a simplified invoice instead: it goes through, first of its series.
    done = check_out(reservation=in_house, actor=agent, invoices={folio.pk: "simplified"})
    assert done.reservation.status == "checked_out" and done.invoices[0].full_number == "S2026-00001"


def test_a_refusal_on_a_later_window_takes_back_the_invoice_of_an_earlier_one(hotel, in_house, agent, codes):
    nameless = Company.objects.create(property=hotel.property, name="Globex")  # no tax id on file
    window2 = folio_set_payer(
        folio=folio_for_reservation(reservation=in_house, actor=agent, window=2), actor=agent, company=nameless
    )
    settle(window2, agent, codes, "80")
    window1 = Folio.objects.get(reservation=in_house, window=1)
    with pytest.raises(Conflict) as refused:
        check_out(reservation=in_house, actor=agent, invoices={window2.pk: "full", window1.pk: "full"})
    assert refused.value.code == "payer_tax_id_required" and refused.value.detail.startswith("Window 2:")
    assert not Invoice.objects.exists() and last_number(hotel, "F") == 0
    assert Reservation.objects.get(pk=in_house.pk).status == "in_house"
    # With the company's tax id on file both windows are invoiced, in window order.
    Company.objects.filter(pk=nameless.pk).update(tax_id="B87654321")
    done = check_out(reservation=in_house, actor=agent, invoices={window2.pk: "full", window1.pk: "full"})
    assert [(i.folio_id, i.full_number, i.payer_tax_id) for i in done.invoices] == [
        (window1.pk, "F2026-00001", "12345678Z"),
        (window2.pk, "F2026-00002", "B87654321"),
    ]


def test_without_invoices_the_check_out_is_as_before(hotel, in_house, agent):
    folio = Folio.objects.get(reservation=in_house, window=1)
    done = check_out(reservation=in_house, actor=agent, invoices={folio.pk: "none"})
    assert done.reservation.status == "checked_out" and done.invoices == ()
    assert not Invoice.objects.exists() and last_number(hotel, "F") == 0
    folio.refresh_from_db()
    assert folio.status == "closed"


def test_a_balance_refuses_the_check_out_before_any_invoice(hotel, in_house, agent, codes):
    folio = Folio.objects.get(reservation=in_house, window=1)
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["MINI"], unit_amount=D("4"))
    with pytest.raises(Conflict) as refused:
        check_out(reservation=in_house, actor=agent, invoices={folio.pk: "full"})
    assert refused.value.code == "balance_due"
    assert not Invoice.objects.exists() and last_number(hotel, "F") == 0


def test_bad_invoice_choices_are_a_clear_422_and_change_nothing(hotel, in_house, agent, codes):
    folio = Folio.objects.get(reservation=in_house, window=1)
    with pytest.raises(InvalidInput) as bad_kind:
        check_out(reservation=in_house, actor=agent, invoices={folio.pk: "proforma"})
    assert bad_kind.value.errors[0]["field"] == f"invoices.{folio.pk}"
    (other,) = book(hotel, agent, arrival=today(hotel), nights=1, adults=1)
    stranger = folio_for_reservation(reservation=other, actor=agent)
    with pytest.raises(InvalidInput) as not_ours:
        check_out(reservation=in_house, actor=agent, invoices={stranger.pk: "simplified"})
    assert "not a bill window of this stay" in not_ours.value.detail
    assert Reservation.objects.get(pk=in_house.pk).status == "in_house" and not Invoice.objects.exists()


def test_the_suggested_document_follows_the_payers_tax_id_then_the_simplified_limit(hotel, in_house, agent, codes):
    company = Company.objects.create(property=hotel.property, name="Acme SL", tax_id="B12345678")
    window2 = folio_set_payer(
        folio=folio_for_reservation(reservation=in_house, actor=agent, window=2), actor=agent, company=company
    )
    settle(window2, agent, codes, "50")
    folio_for_reservation(reservation=in_house, actor=agent, window=3)  # nothing on it: not offered

    def suggested():
        return [
            (w.folio.window, w.default.value, w.preview.totals.gross) for w in check_out_windows(reservation=in_house)
        ]

    assert suggested() == [(1, "full", D("120.00")), (2, "full", D("50.00"))]
    without_tax_id(in_house)
    assert suggested() == [(1, "simplified", D("120.00")), (2, "full", D("50.00"))]
    window1 = Folio.objects.get(reservation=in_house, window=1)
    settle(window1, agent, codes, "300")  # 420.00: above the 400.00 limit of a simplified invoice
    assert suggested()[0] == (1, "full", D("420.00"))
    invoice_issue(folio=window2, actor=agent)
    assert [w for w, _kind, _gross in suggested()] == [1]  # window 2 is invoiced already
