"""Invoice pages: issue from a window, see the invoice, print the PDF, correct it, list them."""

from decimal import Decimal

from django.urls import reverse

from frontoffice.folios.models import Invoice
from frontoffice.folios.services import folio_post_charge, invoice_issue
from frontoffice.reservations.tests.factories import make_user

D = Decimal


def issue_url(folio):
    return reverse("folios:issue_invoice", args=[folio.pk])


def test_the_issue_form_starts_from_the_guest_and_issues_the_invoice(client_as, agent, folio, codes):
    guest = folio.reservation.guest
    guest.document_number, guest.address = "X1234567L", "Calle Luna 3"
    guest.save()
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["FB"], unit_amount=D("30"))
    client = client_as(agent)
    form = client.get(issue_url(folio))
    assert form.status_code == 200
    assert guest.full_name in form.text and "X1234567L" in form.text and "Calle Luna 3" in form.text

    data = {
        "payer_name": guest.full_name,
        "payer_tax_id": "X1234567L",
        "payer_address": "Calle Luna 3",
        "language": "en",
    }
    resp = client.post(issue_url(folio), data, follow=True)
    assert resp.status_code == 200
    invoice = Invoice.objects.get()
    assert resp.redirect_chain[-1][0] == reverse("folios:invoice", args=[invoice.pk])
    assert "F2026-00001" in resp.text and "30.00" in resp.text and "Invoice F2026-00001 issued" in resp.text
    assert reverse("folios:invoice_pdf", args=[invoice.pk]) in resp.text


def test_a_refused_invoice_shows_why_and_issues_nothing(client_as, agent, folio, codes):
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["FB"], unit_amount=D("30"))
    resp = client_as(agent).post(issue_url(folio), {"payer_name": "Ana", "payer_tax_id": "", "language": "en"})
    assert resp.status_code == 409
    assert "needs the payer&#x27;s tax id" in resp.text
    assert not Invoice.objects.exists()


def test_the_pdf_is_served_inline(client_as, agent, folio, codes):
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["FB"], unit_amount=D("30"))
    invoice = invoice_issue(folio=folio, actor=agent, simplified=True)
    resp = client_as(agent).get(reverse("folios:invoice_pdf", args=[invoice.pk]))
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    assert resp.content.startswith(b"%PDF") and "S2026-00001.pdf" in resp["Content-Disposition"]


def test_a_manager_corrects_an_invoice_with_a_credit_note_and_an_agent_cannot(client_as, agent, manager, folio, codes):
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["FB"], unit_amount=D("30"))
    invoice = invoice_issue(folio=folio, actor=agent, payer_tax_id="X1")
    page = client_as(agent).get(reverse("folios:invoice", args=[invoice.pk]))
    assert "Issue credit note" not in page.text
    assert (
        client_as(agent).post(reverse("folios:credit_invoice", args=[invoice.pk]), {"reason": "x"}).status_code == 403
    )

    boss = client_as(manager)
    assert "Issue credit note" in boss.get(reverse("folios:invoice", args=[invoice.pk])).text
    resp = boss.post(reverse("folios:credit_invoice", args=[invoice.pk]), {"reason": "Wrong payer"}, follow=True)
    note = Invoice.objects.get(kind="credit_note")
    assert resp.redirect_chain[-1][0] == reverse("folios:invoice", args=[note.pk])
    assert "R2026-00001" in resp.text and "F2026-00001" in resp.text and "-30.00" in resp.text
    original = boss.get(reverse("folios:invoice", args=[invoice.pk])).text
    assert "Corrected by" in original and "Issue credit note" not in original


def test_the_list_finds_documents_by_number_and_kind(client_as, agent, hotel, folio, codes):
    for _ in range(2):
        folio_post_charge(folio=folio, actor=agent, transaction_code=codes["FB"], unit_amount=D("10"))
        invoice_issue(folio=folio, actor=agent, simplified=True)
    accountant = client_as(make_user("acct", "accountant", hotel.property))
    page = accountant.get(reverse("folios:invoices")).text
    assert "S2026-00001" in page and "S2026-00002" in page
    page = accountant.get(reverse("folios:invoices"), {"number": "00002"}).text
    assert "S2026-00002" in page and "S2026-00001" not in page
    assert "No invoices." in accountant.get(reverse("folios:invoices"), {"kind": "credit_note"}).text


def test_people_without_the_permission_are_turned_away(client_as, hotel, agent, folio, codes):
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["FB"], unit_amount=D("10"))
    invoice = invoice_issue(folio=folio, actor=agent, simplified=True)
    porter = client_as(make_user("porter", "porter", hotel.property))
    assert porter.get(issue_url(folio)).status_code == 403
    assert porter.get(reverse("folios:invoice", args=[invoice.pk])).status_code == 403
    assert porter.get(reverse("folios:invoice_pdf", args=[invoice.pk])).status_code == 403
    assert porter.get(reverse("folios:invoices")).status_code == 403
    reservations_agent = client_as(make_user("resa", "reservations_agent", hotel.property))
    assert reservations_agent.post(issue_url(folio), {"language": "en", "simplified": "on"}).status_code == 403
    assert Invoice.objects.count() == 1


def test_another_propertys_invoice_is_not_found(client_as, other_hotel, agent, folio, codes):
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["FB"], unit_amount=D("10"))
    invoice = invoice_issue(folio=folio, actor=agent, simplified=True)
    outsider = client_as(make_user("outsider", "front_office_manager", other_hotel.property))
    assert outsider.get(reverse("folios:invoice", args=[invoice.pk])).status_code == 404
    assert outsider.get(issue_url(folio)).status_code == 404


def test_the_folio_page_offers_to_issue_an_invoice_per_window(client_as, agent, reservation, folio, codes):
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["FB"], unit_amount=D("10"))
    page = client_as(agent).get(reverse("folios:folio", args=[reservation.confirmation])).text
    assert issue_url(folio) in page
