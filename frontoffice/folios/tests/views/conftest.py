import pytest
from django.test import Client

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def client_as():
    """A browser session signed in as ``user``."""

    def make(user):
        client = Client()
        client.force_login(user, backend=MODEL_BACKEND)
        return client

    return make
