"""The invoice API: issue, list, read, PDF and credit note; refusals and their codes."""

from decimal import Decimal

import pytest

from frontoffice.folios.models import Invoice
from frontoffice.folios.services import folio_post_charge, folio_post_payment

D = Decimal


@pytest.fixture
def charged(folio, agent, codes):
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["ROOM"], unit_amount=D("110"), quantity=2)
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["PARK"], unit_amount=D("12.10"))
    folio_post_payment(folio=folio, actor=agent, method="card", amount=D("232.10"), card_brand="Visa")
    return folio


def test_issuing_an_invoice_returns_its_number_lines_and_totals(api_as, agent, charged):
    resp = api_as(agent).post(f"/properties/TEST/folios/{charged.pk}/invoices", {"payer_tax_id": "12345678Z"})
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert body["number"] == "F2026-00001" and body["kind"] == "invoice" and body["folio"] == charged.pk
    assert (body["net"], body["tax"], body["gross"], body["paid"]) == ("210.00", "22.10", "232.10", "232.10")
    assert [(li["code"], li["tax_rate"], li["gross"]) for li in body["lines"]] == [
        ("ROOM", "10.00", "220.00"),
        ("PARK", "21.00", "12.10"),
    ]
    assert body["reservation"] == charged.reservation.confirmation and body["corrects"] is None
    assert Invoice.objects.count() == 1


def test_refusals_are_409_with_a_code_and_issue_nothing(api_as, agent, charged):
    api = api_as(agent)
    resp = api.post(f"/properties/TEST/folios/{charged.pk}/invoices", {"payer_tax_id": ""})
    assert resp.status_code == 409 and resp.json()["code"] == "payer_tax_id_required"
    resp = api.post(f"/properties/TEST/folios/{charged.pk}/invoices", {"language": "fr", "payer_tax_id": "X"})
    assert resp.status_code == 422
    assert not Invoice.objects.exists()
    assert api.post(f"/properties/TEST/folios/{charged.pk}/invoices", {"payer_tax_id": "X"}).status_code == 201
    again = api.post(f"/properties/TEST/folios/{charged.pk}/invoices", {"payer_tax_id": "X"})
    assert again.status_code == 409 and again.json()["code"] == "nothing_to_invoice"


def test_list_read_and_pdf(api_as, agent, hotel, charged):
    from frontoffice.reservations.tests.factories import make_user

    api = api_as(agent)
    issued = api.post(f"/properties/TEST/folios/{charged.pk}/invoices", {"payer_tax_id": "X"}).json()
    accountant = api_as(make_user("acct", "accountant", hotel.property))
    listing = accountant.get("/properties/TEST/invoices?kind=invoice")
    assert listing.status_code == 200 and listing.json()["count"] == 1
    assert listing.json()["items"][0]["number"] == issued["number"]
    assert accountant.get("/properties/TEST/invoices?number=F2099").json()["count"] == 0
    one = accountant.get(f"/properties/TEST/invoices/{issued['id']}")
    assert one.status_code == 200 and one.json()["gross"] == "232.10"
    pdf = accountant.get(f"/properties/TEST/invoices/{issued['id']}/pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and "F2026-00001.pdf" in pdf["Content-Disposition"]
    assert accountant.get("/properties/TEST/invoices/999999").status_code == 404


def test_a_credit_note_corrects_the_invoice_once(api_as, agent, manager, charged):
    issued = api_as(agent).post(f"/properties/TEST/folios/{charged.pk}/invoices", {"payer_tax_id": "X"}).json()
    boss = api_as(manager)
    resp = boss.post(f"/properties/TEST/invoices/{issued['id']}/credit-note", {"reason": "Wrong payer"})
    assert resp.status_code == 201
    note = resp.json()
    assert note["number"] == "R2026-00001" and note["corrects"] == "F2026-00001" and note["gross"] == "-232.10"
    assert boss.get(f"/properties/TEST/invoices/{issued['id']}").json()["credited_by"] == "R2026-00001"
    twice = boss.post(f"/properties/TEST/invoices/{issued['id']}/credit-note", {"reason": "Again"})
    assert twice.status_code == 409 and twice.json()["code"] == "invoice_already_credited"
    assert boss.post(f"/properties/TEST/invoices/{issued['id']}/credit-note", {"reason": ""}).status_code == 422
    # After the credit note the charges can be invoiced again, to the right payer.
    again = api_as(agent).post(
        f"/properties/TEST/folios/{charged.pk}/invoices", {"payer_name": "Acme SL", "payer_tax_id": "B1"}
    )
    assert again.status_code == 201 and again.json()["number"] == "F2026-00002"
    assert again.json()["payer_name"] == "Acme SL"


def test_the_invoice_list_costs_a_fixed_number_of_queries(api_as, agent, codes, charged, django_assert_max_num_queries):
    api = api_as(agent)
    for _ in range(5):
        folio_post_charge(folio=charged, actor=agent, transaction_code=codes["FB"], unit_amount=D("10"))
        api.post(f"/properties/TEST/folios/{charged.pk}/invoices", {"simplified": True})
    with django_assert_max_num_queries(12):
        body = api.get("/properties/TEST/invoices").json()
    assert body["count"] == 5 and all(len(i["lines"]) >= 1 for i in body["items"])
