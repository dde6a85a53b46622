"""A cashier runs a stay's money in real Chromium: post a charge, take a card payment, issue the
invoice and fetch its PDF."""

import re

import pytest

from frontoffice.folios.models import Invoice, Posting
from frontoffice.folios.services import transaction_codes_install
from frontoffice.reservations.tests.browser.test_booking_flow import SHOTS, browser_page  # noqa: F401
from frontoffice.reservations.tests.factories import make_hotel, make_user
from frontoffice.reservations.tests.services.test_booking import book

pytestmark = pytest.mark.browser


def test_a_cashier_posts_a_charge_takes_a_payment_and_issues_the_invoice_pdf(
    live_server,
    transactional_db,
    browser_page,  # noqa: F811
):
    hotel = make_hotel()
    transaction_codes_install(property=hotel.property)
    make_user("cashier", "front_desk_agent", hotel.property)
    (res,) = book(hotel, hotel.admin)
    guest = res.guest
    guest.document_number = "X1234567L"
    guest.save()
    page = browser_page
    SHOTS.mkdir(parents=True, exist_ok=True)

    page.goto(live_server.url + "/login/")
    page.fill("input[name=username]", "cashier")
    page.fill("input[name=password]", "pass-cashier")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/front-desk/"))  # the desk's landing page

    # Post a dinner to the guest's folio.
    page.goto(f"{live_server.url}/reservations/{res.confirmation}/folio/")
    charge = page.locator("#charge")
    charge.locator("select[name=charge-transaction_code]").select_option(label="FB · Food and beverage")
    charge.locator("input[name=charge-quantity]").fill("2")
    charge.locator("input[name=charge-unit_amount]").fill("27.50")
    charge.locator("button[type=submit]").click()
    page.wait_for_selector(".msg-success")
    assert "Charge posted" in page.locator(".messages").inner_text()
    assert "55.00 EUR" in page.locator("#total-balance").inner_text()

    # Take the card payment: brand and last four only.
    payment = page.locator("#payment")
    payment.locator("select[name=payment-method]").select_option("card")
    payment.locator("input[name=payment-amount]").fill("55")
    payment.locator("input[name=payment-card_brand]").fill("Visa")
    payment.locator("input[name=payment-card_last4]").fill("4242")
    payment.locator("button[type=submit]").click()
    page.wait_for_selector(".msg-success")
    assert "Payment taken" in page.locator(".messages").inner_text()
    assert "0.00 EUR" in page.locator("#total-balance").inner_text()
    page.screenshot(path=str(SHOTS / "folio.png"), full_page=True)

    # A minibar charge posted by mistake is reversed from its row: the form comes when asked for.
    charge.locator("select[name=charge-transaction_code]").select_option(label="MINI · Minibar")
    charge.locator("input[name=charge-quantity]").fill("1")
    charge.locator("input[name=charge-unit_amount]").fill("4.50")
    charge.locator("button[type=submit]").click()
    page.wait_for_selector(".msg-success")
    mini = Posting.objects.get(transaction_code__code="MINI")
    row = page.locator(f"#posting-{mini.pk}")
    row.locator("a.row-actions").click()
    row.locator("input[name=reason]").fill("Not consumed")
    row.locator("button.danger").click()
    page.wait_for_selector(".msg-success")
    assert Posting.objects.filter(reversal_of=mini).exists()
    assert "0.00 EUR" in page.locator("#total-balance").inner_text()

    # Issue the invoice from the window: the payer comes prefilled from the guest.
    page.locator("#window-1 a.issue-invoice").click()
    page.wait_for_url(re.compile(r"/folios/\d+/invoice/"))
    assert page.locator("input[name=payer_tax_id]").input_value() == "X1234567L"
    assert page.locator("input[name=payer_name]").input_value() == guest.full_name
    page.locator("#invoice-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/invoices/\d+/$"))
    assert page.locator("#invoice-number").inner_text() == "F2026-00001"
    assert "55.00" in page.locator("#invoice-total").inner_text()
    page.screenshot(path=str(SHOTS / "invoice.png"), full_page=True)

    # The PDF link serves the printed invoice.
    href = page.locator("#invoice-pdf").get_attribute("href")
    pdf = page.request.get(live_server.url + href)
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    invoice = Invoice.objects.get()
    assert (invoice.gross, invoice.paid, invoice.payer_tax_id) == (55, 55, "X1234567L")
    assert Posting.objects.filter(folio__reservation=res).count() == 4  # dinner, payment, minibar and its reversal
