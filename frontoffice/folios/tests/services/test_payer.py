"""A window billed to a company: the company pays room and tax, its invoice is made out to it."""

from decimal import Decimal

import pytest

from frontoffice.core.domain.errors import InvalidInput, PermissionDenied
from frontoffice.core.models import AuditEntry
from frontoffice.folios.services import (
    folio_for_reservation,
    folio_open_house,
    folio_post_charge,
    folio_set_payer,
    invoice_issue,
    routing_instruction_create,
)
from frontoffice.guests.models import Company
from frontoffice.reservations.tests.factories import make_user

D = Decimal


@pytest.fixture
def acme(hotel):
    return Company.objects.create(property=hotel.property, name="Acme SL", tax_id="B12345678", address="Gran Vía 1")


def test_window_two_billed_to_the_company_takes_the_routed_room_and_is_invoiced_to_it(
    hotel, reservation, folio, agent, codes, acme
):
    window = folio_for_reservation(reservation=reservation, actor=agent, window=2)
    window = folio_set_payer(folio=window, actor=agent, company=acme)
    assert (window.kind, window.payer_company) == ("company", acme)
    routing_instruction_create(reservation=reservation, target_folio=window, actor=agent, transaction_codes=["ROOM"])
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["ROOM"], unit_amount=D("120"))
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["MINI"], unit_amount=D("6"))
    company_invoice = invoice_issue(folio=window, actor=agent)
    assert (company_invoice.payer_name, company_invoice.payer_tax_id, company_invoice.gross) == (
        "Acme SL",
        "B12345678",
        D("120.00"),
    )
    guest_invoice = invoice_issue(folio=folio, actor=agent, simplified=True)
    assert guest_invoice.payer_name == reservation.guest.full_name and guest_invoice.gross == D("6.00")
    assert AuditEntry.objects.filter(entity="folio", action="payer", entity_id=str(window.pk)).exists()


def test_billing_back_to_the_guest(reservation, agent, acme):
    window = folio_for_reservation(reservation=reservation, actor=agent, window=2)
    folio_set_payer(folio=window, actor=agent, company=acme)
    window = folio_set_payer(folio=window, actor=agent, company=None)
    assert (window.kind, window.payer_company, window.payer_guest) == ("guest", None, reservation.guest)


def test_refused_for_house_folios_other_properties_companies_and_without_permission(
    hotel, other_hotel, folio, agent, acme
):
    house = folio_open_house(property=hotel.property, actor=agent, name="Bar")
    with pytest.raises(InvalidInput):
        folio_set_payer(folio=house, actor=agent, company=acme)
    elsewhere = Company.objects.create(property=other_hotel.property, name="Other SL")
    with pytest.raises(InvalidInput):
        folio_set_payer(folio=folio, actor=agent, company=elsewhere)
    with pytest.raises(PermissionDenied):
        folio_set_payer(folio=folio, actor=make_user("acct", "accountant", hotel.property), company=acme)
    folio.refresh_from_db()
    assert folio.payer_company is None and folio.kind == "guest"
