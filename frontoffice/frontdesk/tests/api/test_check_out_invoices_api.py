"""Check-out by API with the invoices issued at it: the body, the response and the refusals."""

from decimal import Decimal

import pytest

from frontoffice.folios.models import Folio, Invoice, InvoiceCounter
from frontoffice.folios.services import folio_for_reservation, folio_post_charge, folio_post_payment
from frontoffice.frontdesk.tests.api import test_stay_api
from frontoffice.frontdesk.tests.api.test_stay_api import PAIR, url
from frontoffice.guests.models import Guest
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.tests.factories import make_user

D = Decimal
arriving = test_stay_api.arriving  # the couple arriving today, as the check-in API tests have it


@pytest.fixture
def window(api_as, agent, hotel, arriving, codes):
    """The couple in house with 130.00 charged to window 1 and paid."""
    api_as(agent).post(url(arriving, "check-in"), {"travellers": PAIR, "room": hotel.rooms[0].number})
    folio = folio_for_reservation(reservation=arriving, actor=agent)
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["ROOM"], unit_amount=D("130"))
    folio_post_payment(folio=folio, actor=agent, method="card", amount=D("130"), card_brand="Visa")
    return folio


def test_the_response_lists_the_invoices_issued_with_the_check_out(api_as, agent, arriving, window):
    api = api_as(agent)
    resp = api.post(url(arriving, "check-out"), {"invoices": [{"folio": window.pk, "kind": "full"}]})
    assert resp.status_code == 200, resp.content
    body = resp.json()
    invoice = Invoice.objects.get(folio=window)
    assert body["status"] == "checked_out"
    assert body["invoices"] == [
        {
            "id": invoice.pk,
            "number": "F2026-00001",
            "kind": "invoice",
            "folio": window.pk,
            "window": 1,
            "total": "130.00",
            "currency": "EUR",
            "pdf_url": f"http://testserver/api/v1/properties/TEST/invoices/{invoice.pk}/pdf",
        }
    ]
    pdf = api.get(f"/properties/TEST/invoices/{invoice.pk}/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_refused_invoice_refuses_the_check_out_with_its_code(api_as, agent, arriving, window):
    Guest.objects.filter(pk=arriving.guest_id).update(document_number="")
    resp = api_as(agent).post(url(arriving, "check-out"), {"invoices": [{"folio": window.pk, "kind": "full"}]})
    assert resp.status_code == 409
    body = resp.json()
    assert body["code"] == "payer_tax_id_required" and body["detail"].startswith("Window 1:")
    assert body["errors"][0]["field"] == f"invoices.{window.pk}"
    assert Reservation.objects.get(pk=arriving.pk).status == "in_house"
    assert not Invoice.objects.exists() and not InvoiceCounter.objects.filter(last_number__gt=0).exists()


def test_without_invoices_the_check_out_answers_as_before(api_as, agent, arriving, window):
    resp = api_as(agent).post(url(arriving, "check-out"), {})
    assert resp.status_code == 200 and resp.json()["invoices"] == []
    assert resp.json()["status"] == "checked_out" and not Invoice.objects.exists()


def test_bad_invoice_requests_are_422(api_as, agent, arriving, window):
    api = api_as(agent)
    for invoices in (
        [{"folio": window.pk, "kind": "proforma"}],
        [{"folio": window.pk, "kind": "full"}, {"folio": window.pk, "kind": "simplified"}],
        [{"folio": window.pk + 999, "kind": "full"}],
    ):
        resp = api.post(url(arriving, "check-out"), {"invoices": invoices})
        assert resp.status_code == 422, invoices
    assert Reservation.objects.get(pk=arriving.pk).status == "in_house"


def test_a_role_that_may_check_out_but_not_invoice_is_refused_the_invoice(api_as, hotel, arriving, window):
    # No standard role has one permission without the other; a custom role may.
    from django.contrib.auth.models import Group, Permission

    desk_only = Group.objects.create(name="desk_only_test")
    desk_only.permissions.add(Permission.objects.get(codename="check_in", content_type__app_label="core"))
    user = make_user("desk-only", "porter", hotel.property)
    user.groups.add(desk_only)
    resp = api_as(user).post(url(arriving, "check-out"), {"invoices": [{"folio": window.pk, "kind": "full"}]})
    assert resp.status_code == 403 and resp.json()["code"] == "permission_denied"
    assert Reservation.objects.get(pk=arriving.pk).status == "in_house"
    assert Folio.objects.get(pk=window.pk).status == "open"


def test_the_openapi_document_describes_the_invoices(api_as, agent):
    schema = api_as(agent).get("/openapi.json").json()
    components = schema["components"]["schemas"]
    assert components["CheckOutInvoiceIn"]["properties"]["kind"]["enum"] == ["full", "simplified"]
    assert "invoices" in components["CheckOutIn"]["properties"]
    assert set(components["IssuedInvoiceOut"]["properties"]) >= {"number", "folio", "total", "pdf_url"}
    op = schema["paths"]["/api/v1/properties/{code}/reservations/{confirmation}/check-out"]["post"]
    assert op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/CheckOutOut")
