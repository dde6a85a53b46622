"""Invoice numbers under concurrent issuing (PostgreSQL, real threads): no gaps, no duplicates,
and one folio's charges are never invoiced twice."""

from decimal import Decimal

import pytest

from frontoffice.core.domain.errors import Conflict
from frontoffice.folios.models import Invoice, InvoiceLine
from frontoffice.folios.services import (
    folio_for_reservation,
    folio_post_charge,
    invoice_issue,
    transaction_codes_install,
)
from frontoffice.reservations.tests.factories import make_hotel, make_user
from frontoffice.reservations.tests.services.test_booking import book
from frontoffice.reservations.tests.services.test_races import run_clients

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

D = Decimal
CLIENTS = 12


@pytest.fixture
def desk():
    hotel = make_hotel(code="INVRACE", rooms={"DBL": CLIENTS + 2})
    transaction_codes_install(property=hotel.property)
    fb = hotel.property.transaction_codes.get(code="FB")
    folios = []
    for _ in range(CLIENTS):
        (res,) = book(hotel, hotel.admin)
        folio = folio_for_reservation(reservation=res, actor=hotel.admin)
        folio_post_charge(folio=folio, actor=hotel.admin, transaction_code=fb, unit_amount=D("25"))
        folios.append(folio)
    agents = [make_user(f"cashier{i}", "front_desk_agent", hotel.property) for i in range(CLIENTS)]
    return folios, agents


def test_invoices_issued_at_once_on_many_folios_get_consecutive_numbers(desk):
    folios, agents = desk

    def work(i):
        # Every other client also asks for a simplified invoice: two series advance side by side.
        return invoice_issue(folio=folios[i], actor=agents[i], simplified=bool(i % 2), payer_tax_id="X1234567L")

    outcomes = run_clients(CLIENTS, work)
    assert all(isinstance(o, Invoice) for o in outcomes), outcomes
    for series in ("F", "S"):
        numbers = sorted(Invoice.objects.filter(series=series).values_list("number", flat=True))
        assert numbers == list(range(1, CLIENTS // 2 + 1)), (series, numbers)


def test_one_folio_invoiced_by_many_clients_at_once_is_invoiced_once(desk):
    folios, agents = desk

    def work(i):
        return invoice_issue(folio=folios[0], actor=agents[i], payer_tax_id="X1234567L")

    outcomes = run_clients(CLIENTS, work)
    issued = [o for o in outcomes if isinstance(o, Invoice)]
    refused = [o for o in outcomes if isinstance(o, Conflict)]
    assert len(issued) == 1 and len(refused) == CLIENTS - 1, outcomes
    assert all(r.code == "nothing_to_invoice" for r in refused)
    assert list(Invoice.objects.values_list("number", flat=True)) == [1]
    assert InvoiceLine.objects.count() == 1
