"""A booking plan written to the database, and every inventory night's ``sold`` recounted.

The planner's guests, reservations and nightly prices go in through ``bulk.bulk_insert``
with explicit ids, so the stays can name their guests and the nights their stays.
``sold`` is never trusted to the plan: it is a recount of the stays holding each night.
"""

from operator import attrgetter

from django.db.models import Count

from frontoffice.core.models import Property
from frontoffice.guests.models import Guest
from frontoffice.reservations.demo.bulk import bulk_insert, next_id, reset_sequences
from frontoffice.reservations.demo.people import PlannedGuest
from frontoffice.reservations.demo.planner import BookingPlan, PlannedStay
from frontoffice.reservations.domain.status import HOLDS_INVENTORY
from frontoffice.reservations.models import Reservation, ReservationNight
from frontoffice.rooms.models import InventoryNight

GUEST_COLUMNS = ["id", "property_id", *PlannedGuest.__slots__]
RESERVATION_COLUMNS = ["id", "property_id", "guest_id", *PlannedStay.FIELDS]


def write_plan(property: Property, plan: BookingPlan) -> int:
    """Insert the planned guests, reservations and nightly prices; returns the reservations written."""
    first_guest = next_id(Guest)
    guest_values = attrgetter(*PlannedGuest.__slots__)
    bulk_insert(
        Guest,
        GUEST_COLUMNS,
        ((first_guest + i, property.pk, *guest_values(g)) for i, g in enumerate(plan.guests)),
    )
    first_reservation = next_id(Reservation)
    stay_values = attrgetter(*PlannedStay.FIELDS)
    bulk_insert(
        Reservation,
        RESERVATION_COLUMNS,
        (
            (first_reservation + i, property.pk, first_guest + s.guest, *stay_values(s))
            for i, s in enumerate(plan.stays)
        ),
    )
    bulk_insert(
        ReservationNight,
        ["reservation_id", "date", "price", "vat"],
        ((first_reservation + i, n.date, n.price, n.vat) for i, s in enumerate(plan.stays) for n in s.nights),
    )
    reset_sequences(Guest, Reservation, ReservationNight)
    return len(plan.stays)


def inventory_recount(property: Property) -> int:
    """Set every inventory night's ``sold`` to the number of stays holding it; returns rows updated."""
    held = (
        ReservationNight.objects.filter(
            reservation__property=property, reservation__status__in=[s.value for s in HOLDS_INVENTORY]
        )
        .values("reservation__room_type_id", "date")
        .annotate(n=Count("id"))
        .values_list("reservation__room_type_id", "date", "n")
    )
    counts = {(rt, day): n for rt, day, n in held}
    rows = list(InventoryNight.objects.filter(property=property))
    missing = set(counts) - {(r.room_type_id, r.date) for r in rows}
    if missing:
        raise RuntimeError(f"stays hold nights without an inventory row: {sorted(missing)[:3]}")
    changed = []
    for row in rows:
        sold = counts.get((row.room_type_id, row.date), 0)
        if row.sold != sold:
            row.sold = sold
            changed.append(row)
    InventoryNight.objects.bulk_update(changed, ["sold"], batch_size=500)
    return len(changed)
