import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.utils import translation

from frontoffice.reservations.tests.factories import make_hotel, make_user


@pytest.fixture
def hotel(db):
    return make_hotel()


@pytest.fixture
def other_hotel(db):
    return make_hotel(code="OTHER")


@pytest.fixture
def agent(hotel):
    return make_user("agent", "front_desk_agent", hotel.property)


@pytest.fixture
def manager(hotel):
    return make_user("manager", "front_office_manager", hotel.property)


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture(autouse=True)
def _english_by_default():
    """Every test starts in English; a test that switches language cannot leak it to the next."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clock_on_the_business_date():
    """The wall clock agrees with the test hotels' business date (1 June 2026), and keeps ticking."""
    with time_machine.travel(dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC), tick=True):
        yield
