"""Room conditions the morning after the night audit, for a freshly seeded property."""

import datetime as dt
import random

from django.contrib.auth.models import User

from frontoffice.core.models import Property
from frontoffice.reservations.domain.status import Status
from frontoffice.reservations.models import Reservation
from frontoffice.rooms.models import Room
from frontoffice.rooms.services import room_condition_set


def room_conditions_set(prop: Property, today: dt.date, rng: random.Random) -> None:
    """Housekeeping the morning after the audit: departures dirty, stayovers mostly dirty, the rest clean."""
    occupied = set(
        Reservation.objects.filter(property=prop, status=Status.IN_HOUSE, room__isnull=False).values_list(
            "room_id", flat=True
        )
    )
    left_today = set(
        Reservation.objects.filter(
            property=prop, status=Status.CHECKED_OUT, departure=today, room__isnull=False
        ).values_list("room_id", flat=True)
    )
    # The property's manager records the housekeeping report, as the desk would.
    manager = (
        User.objects.filter(memberships__property=prop, groups__permissions__codename="manage_rooms")
        .order_by("id")
        .first()
    )
    for room in Room.objects.filter(property=prop):
        if room.pk in left_today and room.pk not in occupied:
            condition = "dirty"
        elif room.pk in occupied:
            condition = "dirty" if rng.random() < 0.7 else "clean"
        else:
            condition = "inspected" if rng.random() < 0.6 else "clean"
        if condition != room.condition:
            room_condition_set(room=room, actor=manager, condition=condition)
