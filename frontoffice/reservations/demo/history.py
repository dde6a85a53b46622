"""The history of the seeded reservations: when each was booked, by whom, and its cancellation.

A reservation's page shows its audit entries. Each seeded stay gets a "create" entry at
the moment it was booked (its booking date at a time of the working day, never after its
cancellation nor after now), with its booking agent as actor (none for the channels no
agent handles) and a snapshot of what was booked; a cancelled stay also gets a "cancel"
entry at its cancellation, with the fee charged and the reason. The entries go in
through the driver: ``AuditEntry.at`` is ``auto_now_add``, which ``bulk_create`` would
overwrite with the moment of seeding.
"""

import datetime as dt
import random

from frontoffice.core.audit import snapshot
from frontoffice.core.models import AuditEntry, Property
from frontoffice.rates.models import RatePlan
from frontoffice.reservations.demo.bulk import bulk_insert
from frontoffice.reservations.demo.planner import BookingPlan, PlannedStay
from frontoffice.reservations.domain.status import Status
from frontoffice.rooms.models import RoomType

AUDIT_COLUMNS = ["property_id", "entity", "entity_id", "action", "actor_id", "at", "changes", "reason"]
# What a stay looked like when it was booked, in the order ``reservation_create`` records it.
BOOKED_FIELDS = ["arrival", "departure", "adults", "children_ages"]
TERMS_FIELDS = ["total", "market_segment", "channel", "customer_type"]
# The status a stay was booked in: options and the waitlist as they are, everything else confirmed.
BOOKED_AS = {Status.TENTATIVE: Status.TENTATIVE, Status.WAITLISTED: Status.WAITLISTED}


def history_write(property: Property, plan: BookingPlan, *, rng: random.Random, now: dt.datetime) -> int:
    """Insert the audit entries of a written plan's reservations; returns how many."""
    room_types = {rt.pk: str(rt) for rt in RoomType.objects.filter(property=property)}
    rate_plans = {p.pk: str(p) for p in RatePlan.objects.filter(property=property)}
    tz = property.tz

    def entries():
        for stay in plan.stays:
            booked_as = BOOKED_AS.get(stay.status, Status.CONFIRMED).value
            guest = plan.guests[stay.guest]
            booked = {
                "status": booked_as,
                "room_type": room_types[stay.room_type_id],
                "rate_plan": rate_plans[stay.rate_plan_id],
                **snapshot(stay, BOOKED_FIELDS),
                "guest": f"{guest.first_name} {guest.last_name}".strip(),
                **snapshot(stay, TERMS_FIELDS),
            }
            moment = dt.datetime.combine(stay.booked_on, dt.time(rng.randint(8, 21), rng.randint(0, 59)), tzinfo=tz)
            at = min(moment, stay.cancelled_at or now, now)
            yield _entry(property, stay, "create", at, booked)
            if stay.status == Status.CANCELLED:
                changes = {"status": [booked_as, stay.status]}
                if stay.cancellation_fee:
                    changes["cancellation_fee"] = ["0.00", str(stay.cancellation_fee)]
                yield _entry(property, stay, "cancel", stay.cancelled_at, changes, stay.cancel_reason)

    return bulk_insert(AuditEntry, AUDIT_COLUMNS, entries())


def _entry(property: Property, stay: PlannedStay, action: str, at: dt.datetime, changes: dict, reason: str = ""):
    """Values for ``AUDIT_COLUMNS``: the stay's booking agent (or no one) did ``action`` at ``at``."""
    return (property.pk, "reservation", stay.confirmation, action, stay.created_by_id, at, changes, reason)
