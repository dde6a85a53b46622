import pytest
from django.test import Client

from frontoffice.folios.services import transaction_codes_install
from frontoffice.reservations.tests.api.conftest import api_as  # noqa: F401 - the JSON client fixture
from frontoffice.reservations.tests.factories import make_user

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def codes(hotel):
    transaction_codes_install(property=hotel.property)
    return {c.code: c for c in hotel.property.transaction_codes.all()}


@pytest.fixture
def porter(hotel):
    return make_user("porter", "porter", hotel.property)


@pytest.fixture
def client_as():
    """A browser session signed in as ``user``."""

    def make(user):
        client = Client()
        client.force_login(user, backend=MODEL_BACKEND)
        return client

    return make
