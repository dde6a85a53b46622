"""Issuing invoices and credit notes from a folio window."""

from decimal import Decimal

import pytest
from django.db import DatabaseError, transaction

from frontoffice.core.domain.errors import Conflict, PermissionDenied
from frontoffice.core.models import AuditEntry
from frontoffice.folios.documents import invoice_html, invoice_pdf
from frontoffice.folios.models import Invoice, InvoiceCounter, InvoiceLine
from frontoffice.folios.services import (
    folio_for_reservation,
    folio_post_charge,
    folio_post_payment,
    folio_reverse_posting,
    invoice_credit,
    invoice_issue,
)
from frontoffice.reservations.tests.factories import make_user

D = Decimal


@pytest.fixture
def stay(folio, agent, codes):
    """A window with room at 10 % VAT, a dinner at 10 % and parking at 21 %, paid by card."""
    room = folio_post_charge(folio=folio, actor=agent, transaction_code=codes["ROOM"], unit_amount=D("110"), quantity=2)
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["FB"], unit_amount=D("33"))
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["PARK"], unit_amount=D("12.10"))
    folio_post_payment(folio=folio, actor=agent, method="card", amount=D("100"), card_brand="Visa", card_last4="4242")
    return room


def issue(folio, actor, **kw):
    kw.setdefault("payer_tax_id", "12345678Z")
    return invoice_issue(folio=folio, actor=actor, **kw)


def test_an_invoice_takes_every_charge_with_totals_payer_and_the_first_number(hotel, folio, agent, stay):
    invoice = issue(folio, agent)
    assert invoice.full_number == "F2026-00001" and invoice.kind == "invoice"
    assert (invoice.net, invoice.tax, invoice.gross) == (D("240.00"), D("25.10"), D("265.10"))
    assert invoice.paid == D("100.00")
    assert invoice.payer_name == folio.reservation.guest.full_name and invoice.payer_tax_id == "12345678Z"
    assert invoice.issue_date == hotel.property.business_date and invoice.issued_by == agent
    assert [(li.code, li.gross) for li in invoice.lines.order_by("id")] == [
        ("ROOM", D("220.00")),
        ("FB", D("33.00")),
        ("PARK", D("12.10")),
    ]
    assert AuditEntry.objects.filter(entity="invoice", action="issue", entity_id=str(invoice.pk)).exists()


def test_charges_already_invoiced_are_not_invoiced_again(folio, agent, codes, stay):
    issue(folio, agent)
    with pytest.raises(Conflict) as refused:
        issue(folio, agent)
    assert refused.value.code == "nothing_to_invoice"
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["MINI"], unit_amount=D("5.50"))
    second = issue(folio, agent)
    assert second.full_number == "F2026-00002" and second.gross == D("5.50")


def test_a_full_invoice_without_the_payers_tax_id_is_refused_and_uses_no_number(folio, agent, stay):
    with pytest.raises(Conflict) as refused:
        invoice_issue(folio=folio, actor=agent, payer_tax_id="")
    assert refused.value.code == "payer_tax_id_required"
    assert not Invoice.objects.exists()
    assert issue(folio, agent).number == 1


def test_a_simplified_invoice_has_its_own_series_and_a_limit(hotel, folio, agent, codes):
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["FB"], unit_amount=D("30"))
    ticket = invoice_issue(folio=folio, actor=agent, simplified=True, payer_tax_id="")
    assert ticket.full_number == "S2026-00001" and ticket.kind == "simplified"
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["ROOM"], unit_amount=D("401"))
    with pytest.raises(Conflict) as refused:
        invoice_issue(folio=folio, actor=agent, simplified=True)
    assert refused.value.code == "simplified_over_limit" and "400" in refused.value.detail


def test_a_company_window_is_invoiced_to_the_company(hotel, reservation, agent, codes):
    from frontoffice.guests.models import Company

    company = Company.objects.create(property=hotel.property, name="Acme SL", tax_id="B12345678", address="Gran Vía 1")
    window = folio_for_reservation(reservation=reservation, actor=agent, window=2)
    type(window).objects.filter(pk=window.pk).update(payer_company=company, kind="company")
    window.refresh_from_db()
    folio_post_charge(folio=window, actor=agent, transaction_code=codes["ROOM"], unit_amount=D("90"))
    invoice = invoice_issue(folio=window, actor=agent)
    assert (invoice.payer_name, invoice.payer_tax_id, invoice.payer_address) == ("Acme SL", "B12345678", "Gran Vía 1")
    assert invoice.payer_company == company


def test_a_reversed_charge_never_reaches_the_invoice(folio, agent, codes, stay):
    minibar = folio_post_charge(folio=folio, actor=agent, transaction_code=codes["MINI"], unit_amount=D("9"))
    folio_reverse_posting(posting=minibar, actor=agent, reason="Not consumed")
    invoice = issue(folio, agent)
    assert "MINI" not in set(invoice.lines.values_list("code", flat=True))


def test_an_invoiced_charge_is_corrected_by_a_credit_note_then_reversed_and_invoiced_again(
    folio, agent, manager, codes, stay
):
    invoice = issue(folio, agent)
    with pytest.raises(Conflict) as refused:
        folio_reverse_posting(posting=stay, actor=manager, reason="Wrong rate")
    assert refused.value.code == "posting_invoiced" and invoice.full_number in refused.value.detail

    note = invoice_credit(invoice=invoice, actor=manager, reason="Wrong rate")
    assert note.full_number == "R2026-00001" and note.corrects == invoice
    assert (note.net, note.tax, note.gross) == (-invoice.net, -invoice.tax, -invoice.gross)
    assert sorted(note.lines.values_list("gross", flat=True)) == sorted(
        -g for g in invoice.lines.values_list("gross", flat=True)
    )

    folio_reverse_posting(posting=stay, actor=manager, reason="Wrong rate")
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["ROOM"], unit_amount=D("100"), quantity=2)
    again = issue(folio, agent)
    assert again.full_number == "F2026-00002"
    assert again.gross == D("245.10")  # 200 room + 33 dinner + 12.10 parking

    with pytest.raises(Conflict) as twice:
        invoice_credit(invoice=invoice, actor=manager, reason="Again")
    assert twice.value.code == "invoice_already_credited"
    with pytest.raises(Conflict):
        invoice_credit(invoice=note, actor=manager, reason="Credit the credit")


def test_only_holders_of_the_permissions_issue_and_credit(hotel, folio, agent, stay):
    porter = make_user("porter", "porter", hotel.property)
    with pytest.raises(PermissionDenied):
        issue(folio, porter)
    invoice = issue(folio, agent)
    with pytest.raises(PermissionDenied):
        invoice_credit(invoice=invoice, actor=agent, reason="Not mine to correct")
    assert Invoice.objects.count() == 1


def test_issued_invoices_and_their_lines_cannot_be_changed_or_deleted(folio, agent, stay):
    invoice = issue(folio, agent)
    for change in (
        lambda: Invoice.objects.filter(pk=invoice.pk).update(gross=D("1.00"), net=D("1.00"), tax=D("0")),
        lambda: Invoice.objects.filter(pk=invoice.pk).delete(),
        lambda: InvoiceLine.objects.filter(invoice=invoice).update(description="changed"),
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            change()
    invoice.refresh_from_db()
    assert invoice.gross == D("265.10") and invoice.lines.count() == 3


def test_each_year_and_series_counts_on_its_own(hotel, folio, agent, codes, stay):
    issue(folio, agent)
    hotel.property.business_date = hotel.property.business_date.replace(year=2027, month=1, day=1)
    hotel.property.save(update_fields=["business_date"])
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["FB"], unit_amount=D("10"))
    folio.refresh_from_db()
    assert issue(folio, agent).full_number == "F2027-00001"
    assert set(InvoiceCounter.objects.values_list("series", "year", "last_number")) == {("F", 2026, 1), ("F", 2027, 1)}


def test_the_document_shows_legal_details_and_tax_breakdown_in_the_payers_language(hotel, folio, agent, stay):
    prop = hotel.property
    prop.legal_name, prop.tax_id, prop.address = "Hoteles Test SL", "B87654321", "Calle Mayor 1, Madrid"
    prop.save()
    guest = folio.reservation.guest
    guest.language = "es"
    guest.save()
    invoice = issue(folio, agent)
    assert invoice.language == "es"
    html = invoice_html(invoice)
    assert "Factura" in html and "Hoteles Test SL" in html and "B87654321" in html and "F2026-00001" in html
    # Breakdown per rate: 10 % on 253.00 (230.00 + 23.00), 21 % on 12.10 (10.00 + 2.10).
    assert "230,00" in html and "23,00" in html and "10,00" in html and "2,10" in html
    pdf = invoice_pdf(invoice)
    assert pdf.startswith(b"%PDF") and len(pdf) > 2000
