from decimal import Decimal

import pytest

from frontoffice.folios.models import TransactionCode
from frontoffice.folios.services import cashier_shift_open, folio_for_reservation, transaction_codes_install
from frontoffice.reservations.tests.factories import make_user
from frontoffice.reservations.tests.services.test_booking import book


@pytest.fixture
def codes(hotel):
    transaction_codes_install(property=hotel.property)
    return {c.code: c for c in TransactionCode.objects.filter(property=hotel.property)}


@pytest.fixture
def reservation(hotel):
    (res,) = book(hotel, hotel.admin)
    return res


@pytest.fixture
def folio(codes, reservation, agent):
    return folio_for_reservation(reservation=reservation, actor=agent)


@pytest.fixture
def accountant(hotel):
    return make_user("accountant", "accountant", hotel.property)


@pytest.fixture
def on_shift(hotel, agent, manager):
    """The desk agent and the manager each have a drawer open with a 100.00 float: cash is
    taken and refunded only in an open cashier shift."""
    return {
        user.username: cashier_shift_open(property=hotel.property, actor=user, opening_float=Decimal("100"))
        for user in (agent, manager)
    }
