"""The check-out page's invoice choice per window, the check-out that issues it, and the page after
with the invoices to print."""

from decimal import Decimal

import pytest
from django.urls import reverse

from frontoffice.folios.models import Invoice
from frontoffice.folios.services import folio_for_reservation, folio_post_charge, folio_post_payment
from frontoffice.frontdesk.tests.views import test_stay_pages
from frontoffice.frontdesk.tests.views.test_stay_pages import form_data
from frontoffice.guests.models import Guest
from frontoffice.reservations.models import Reservation

D = Decimal
arriving = test_stay_pages.arriving  # the couple arriving today, as the check-in page tests have it


@pytest.fixture
def window(client_as, agent, hotel, arriving, codes):
    """The couple in house with 45.00 charged to window 1 and paid."""
    client_as(agent).post(
        reverse("frontdesk:check_in", args=[arriving.confirmation]), form_data(room=hotel.rooms[0].number)
    )
    folio = folio_for_reservation(reservation=arriving, actor=agent)
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["FB"], unit_amount=D("45"))
    folio_post_payment(folio=folio, actor=agent, method="card", amount=D("45"))
    return folio


def test_the_page_offers_a_document_per_window_starting_at_the_suggested_one(client_as, agent, arriving, window):
    url = reverse("frontdesk:check_out", args=[arriving.confirmation])
    page = client_as(agent).get(url).text
    assert f'name="invoice_{window.pk}"' in page and "12345678Z" in page and "45.00 EUR" in page
    assert '<option value="full" selected>' in page  # the guest's document is on file
    Guest.objects.filter(pk=arriving.guest_id).update(document_number="")
    page = client_as(agent).get(url).text
    assert '<option value="simplified" selected>' in page and "none on file" in page


def test_the_check_out_issues_the_chosen_invoice_and_shows_it_to_print(client_as, agent, arriving, window):
    client = client_as(agent)
    departures = reverse("frontdesk:list", args=["departures"])
    data = {f"invoice_{window.pk}": "simplified", "next": departures}
    resp = client.post(reverse("frontdesk:check_out", args=[arriving.confirmation]), data, follow=True)
    done = reverse("frontdesk:checked_out", args=[arriving.confirmation])
    assert resp.redirect_chain[-1][0].startswith(done) and "is checked out" in resp.text
    invoice = Invoice.objects.get(folio=window)
    assert (invoice.kind, invoice.full_number, invoice.gross) == ("simplified", "S2026-00001", D("45.00"))
    assert "S2026-00001" in resp.text and reverse("folios:invoice_pdf", args=[invoice.pk]) in resp.text
    assert f'href="{departures}"' in resp.text  # the way back to the list
    assert Reservation.objects.get(pk=arriving.pk).status == "checked_out"
    pdf = client.get(reverse("folios:invoice_pdf", args=[invoice.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_refused_invoice_shows_why_and_keeps_the_guest_in_house(client_as, agent, arriving, window):
    Guest.objects.filter(pk=arriving.guest_id).update(document_number="")
    url = reverse("frontdesk:check_out", args=[arriving.confirmation])
    resp = client_as(agent).post(url, {f"invoice_{window.pk}": "full"})
    assert resp.status_code == 409 and "Window 1: A full invoice needs the payer&#x27;s tax id" in resp.text
    assert Reservation.objects.get(pk=arriving.pk).status == "in_house" and not Invoice.objects.exists()


def test_no_invoice_chosen_checks_out_as_before(client_as, agent, arriving, window):
    url = reverse("frontdesk:check_out", args=[arriving.confirmation])
    resp = client_as(agent).post(url, {f"invoice_{window.pk}": "none"})
    assert resp.status_code == 302 and resp["Location"] == reverse("reservations:detail", args=[arriving.confirmation])
    assert Reservation.objects.get(pk=arriving.pk).status == "checked_out" and not Invoice.objects.exists()


def test_the_page_after_check_out_ignores_an_outside_address(client_as, agent, arriving, window):
    url = reverse("frontdesk:checked_out", args=[arriving.confirmation])
    page = client_as(agent).get(url, {"next": "https://evil.example/"}).text
    assert "evil" not in page and "No invoices." in page
