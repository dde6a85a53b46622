import datetime as dt
from decimal import Decimal

import pytest

from frontoffice.core.models import Property
from frontoffice.folios.services import transaction_codes_install
from frontoffice.reservations.tests.api.conftest import api_as  # noqa: F401 - the JSON client fixture
from frontoffice.reservations.tests.factories import BUSINESS_DATE, make_user

# The small hours after the business date: the day is over and may be closed.
AFTER_MIDNIGHT = dt.datetime.combine(BUSINESS_DATE + dt.timedelta(days=1), dt.time(2, 30), tzinfo=dt.UTC)


@pytest.fixture
def codes(hotel):
    Property.objects.filter(pk=hotel.property.pk).update(city_tax_per_night=Decimal("2.00"))
    hotel.property.refresh_from_db()
    transaction_codes_install(property=hotel.property)
    return {c.code: c for c in hotel.property.transaction_codes.all()}


@pytest.fixture
def auditor(hotel):
    return make_user("auditor", "night_auditor", hotel.property)
