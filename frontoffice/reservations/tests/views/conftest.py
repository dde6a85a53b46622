import pytest
from django.test import Client

from frontoffice.reservations.tests.factories import GuestFactory
from frontoffice.reservations.tests.services.test_booking import book

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def client_as():
    """A browser session signed in as ``user``."""

    def make(user):
        client = Client()
        client.force_login(user, backend=MODEL_BACKEND)
        return client

    return make


@pytest.fixture
def booked(hotel, agent):
    (res,) = book(hotel, agent, guest=GuestFactory(property=hotel.property, first_name="Federico", last_name="Lorca"))
    return res
