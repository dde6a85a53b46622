"""Per-night inventory rows: created when first needed, locked in a fixed order.

Every write that changes what can be sold (a booking, a change, a cancellation, an
out-of-order period, a new room) goes through ``inventory_lock`` inside its
transaction. It locks rows ordered by (room type, date), so that two writers never
deadlock and never both take the last room.
"""

import datetime as dt
from collections import defaultdict

from django.db.models import Count

from frontoffice.rooms.models import InventoryNight, Room, RoomBlock, RoomBlockKind


def dates_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """Every date in ``[start, end)``."""
    return [start + dt.timedelta(days=i) for i in range((end - start).days)]


def physical_counts(property_id: int) -> dict[int, int]:
    """Active rooms per room type id."""
    rows = Room.objects.filter(property_id=property_id, active=True).values("room_type_id").annotate(n=Count("id"))
    return {r["room_type_id"]: r["n"] for r in rows}


def out_of_order_counts(property_id: int, start: dt.date, end: dt.date) -> dict[tuple[int, dt.date], int]:
    """Rooms out of order per (room type id, date) in ``[start, end)``."""
    counts: dict[tuple[int, dt.date], int] = defaultdict(int)
    blocks = RoomBlock.objects.filter(
        property_id=property_id,
        kind=RoomBlockKind.OUT_OF_ORDER,
        released_at__isnull=True,
        start__lt=end,
        end__gt=start,
        room__active=True,
    ).values_list("room__room_type_id", "start", "end")
    for room_type_id, b_start, b_end in blocks:
        for day in dates_between(max(b_start, start), min(b_end, end)):
            counts[(room_type_id, day)] += 1
    return counts


def inventory_ensure(*, property_id: int, keys: set[tuple[int, dt.date]]) -> None:
    """Create the missing rows among ``(room_type_id, date)`` keys (concurrency-safe).

    Rows are inserted in one statement sorted by (room type, date): two transactions
    inserting overlapping keys then wait for each other in the same order and can never
    deadlock. Call it once per transaction, before locking.
    """
    if not keys:
        return
    type_ids = sorted({k[0] for k in keys})
    first = min(k[1] for k in keys)
    last = max(k[1] for k in keys)
    existing = set(
        InventoryNight.objects.filter(room_type_id__in=type_ids, date__gte=first, date__lte=last).values_list(
            "room_type_id", "date"
        )
    )
    wanted = sorted(keys - existing)
    if not wanted:
        return
    physical = physical_counts(property_id)
    ooo = out_of_order_counts(property_id, first, last + dt.timedelta(days=1))
    InventoryNight.objects.bulk_create(
        [
            InventoryNight(
                property_id=property_id,
                room_type_id=rt,
                date=d,
                physical=physical.get(rt, 0),
                out_of_order=ooo.get((rt, d), 0),
            )
            for rt, d in wanted
        ],
        ignore_conflicts=True,
        batch_size=2000,
    )


def inventory_lock(
    *, property_id: int, stays: list[tuple[int, dt.date, dt.date]]
) -> dict[tuple[int, dt.date], InventoryNight]:
    """Lock (room type, date) rows covering every ``(room_type_id, start, end)``; call inside atomic().

    Missing rows are created first; rows are then locked ordered by (room type, date), the
    one order every writer uses.
    """
    keys: set[tuple[int, dt.date]] = set()
    for room_type_id, start, end in stays:
        keys.update((room_type_id, d) for d in dates_between(start, end))
    if not keys:
        return {}
    inventory_ensure(property_id=property_id, keys=keys)
    type_ids = sorted({k[0] for k in keys})
    first = min(k[1] for k in keys)
    last = max(k[1] for k in keys)
    rows = (
        InventoryNight.objects.select_for_update()
        .filter(room_type_id__in=type_ids, date__gte=first, date__lte=last)
        .order_by("room_type_id", "date")
    )
    return {(r.room_type_id, r.date): r for r in rows if (r.room_type_id, r.date) in keys}
