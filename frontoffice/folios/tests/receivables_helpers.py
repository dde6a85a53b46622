"""Builders shared by the city ledger tests: a company account and a folio with a balance."""

import datetime as dt
from decimal import Decimal

from frontoffice.folios.services import (
    folio_for_reservation,
    folio_post_charge,
    receivable_account_create,
)
from frontoffice.guests.models import Company
from frontoffice.reservations.tests.services.test_booking import book

D = Decimal


def make_account(hotel, *, name="Acme", number=None, credit_limit="1000", terms=30, **kw):
    company = Company.objects.create(property=hotel.property, name=name)
    return receivable_account_create(
        property=hotel.property,
        actor=hotel.admin,
        company=company,
        number=number or f"CL-{name.upper()[:8]}",
        credit_limit=D(credit_limit),
        payment_terms_days=terms,
        **kw,
    )


def folio_owing(hotel, amount="100.00", *, reservation=None):
    """A fresh reservation's window 1 with one F&B charge of ``amount``."""
    if reservation is None:
        # arrive no earlier than the business date, which some tests move forward
        (reservation,) = book(hotel, hotel.admin, arrival=max(dt.date(2026, 6, 15), hotel.property.business_date))
    folio = folio_for_reservation(reservation=reservation, actor=hotel.admin)
    folio_post_charge(
        folio=folio,
        actor=hotel.admin,
        transaction_code=hotel.property.transaction_codes.get(code="FB"),
        unit_amount=D(amount),
    )
    return folio
