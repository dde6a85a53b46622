import pytest
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
