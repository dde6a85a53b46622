"""Shared by the staff tests: the API client, a small team of four at a 7-room hotel, and a signed-in
web client."""

import datetime as dt

import pytest
from django.test import Client

from frontoffice.reservations.tests.api.conftest import api_as  # noqa: F401
from frontoffice.reservations.tests.factories import BUSINESS_DATE, make_user
from frontoffice.staff.models import LeaveRequest, StaffMember

START = BUSINESS_DATE + dt.timedelta(days=1)
EVERY_ROLE = ["front_desk", "night_audit"]


@pytest.fixture
def team(hotel):
    """A 7-room property (one person a shift) with four people, one of them on leave two days."""
    people = [
        StaffMember.objects.create(
            property=hotel.property,
            code=f"p{i}",
            name=f"Person {i}",
            roles=EVERY_ROLE,
            contract="full_time",
            user=make_user(f"staff{i}", "front_desk_agent", hotel.property) if i == 0 else None,
        )
        for i in range(4)
    ]
    LeaveRequest.objects.create(
        property=hotel.property,
        staff=people[1],
        start=START + dt.timedelta(days=2),
        end=START + dt.timedelta(days=3),
        status="approved",
    )
    return people


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client
