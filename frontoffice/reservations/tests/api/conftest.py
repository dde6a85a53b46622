import datetime as dt
import json

import pytest
from django.test import Client

from frontoffice.core.tokens import api_token_create
from frontoffice.reservations.tests.factories import GuestFactory
from frontoffice.reservations.tests.services.test_booking import book

ARRIVAL = dt.date(2026, 6, 10)


class Api:
    """A test client speaking JSON with a bearer token."""

    def __init__(self, user=None):
        self.client = Client()
        self.headers = {}
        if user is not None:
            _, token = api_token_create(user=user, name="tests")
            self.headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"

    def call(self, method, path, body=None):
        kwargs = dict(self.headers)
        if body is not None:
            kwargs["data"] = json.dumps(body, default=str)
            kwargs["content_type"] = "application/json"
        return getattr(self.client, method.lower())("/api/v1" + path, **kwargs)

    def get(self, path):
        return self.call("GET", path)

    def post(self, path, body=None):
        return self.call("POST", path, body if body is not None else {})

    def put(self, path, body):
        return self.call("PUT", path, body)

    def patch(self, path, body):
        return self.call("PATCH", path, body)


@pytest.fixture
def api_as():
    return Api


@pytest.fixture
def booked(hotel, agent):
    (res,) = book(hotel, agent, guest=GuestFactory(property=hotel.property, last_name="Lorca"))
    return res
