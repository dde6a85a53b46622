import pytest

from frontoffice.folios.models import TransactionCode
from frontoffice.folios.services import folio_for_reservation, transaction_codes_install
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
