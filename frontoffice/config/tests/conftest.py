# The JSON API client fixture, shared with the reservations API tests.
from frontoffice.reservations.tests.api.conftest import api_as  # noqa: F401
