"""Writes for room types, rooms and out-of-order / out-of-service periods."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from frontoffice.core.access import require
from frontoffice.core.audit import audit_record
from frontoffice.core.domain.errors import Conflict, InvalidInput
from frontoffice.core.models import Property
from frontoffice.rooms.inventory import dates_between, inventory_lock
from frontoffice.rooms.models import (
    HousekeepingCondition,
    InventoryNight,
    Room,
    RoomBlock,
    RoomBlockKind,
    RoomFeature,
    RoomType,
)

FEATURES = {f.value for f in RoomFeature}
# Reservation statuses that hold a room (the reservations app, above this one, owns the full list).
HOLDING_STATUSES = ("tentative", "confirmed", "in_house")


def room_type_create(
    *,
    property: Property,
    actor,
    code: str,
    name_en: str,
    name_es: str = "",
    description_en: str = "",
    description_es: str = "",
    base_occupancy: int = 2,
    max_occupancy: int = 2,
    bed_configuration: str = "",
    sort_order: int = 0,
) -> RoomType:
    require(actor, "core.manage_rooms")
    code = code.strip().upper()
    errors = []
    if not code or len(code) > 10:
        errors.append({"field": "code", "message": _("A code of 1 to 10 characters is required.")})
    if not name_en.strip():
        errors.append({"field": "name", "message": _("A name is required.")})
    if base_occupancy < 1:
        errors.append({"field": "base_occupancy", "message": _("Base occupancy must be at least 1.")})
    if max_occupancy < base_occupancy:
        errors.append({"field": "max_occupancy", "message": _("Maximum occupancy cannot be below the base.")})
    if errors:
        raise InvalidInput(_("The room type is not valid."), errors=errors)
    if RoomType.objects.filter(property=property, code=code).exists():
        raise Conflict(_("Room type %(code)s already exists.") % {"code": code}, code="duplicate")
    room_type = RoomType.objects.create(
        property=property,
        code=code,
        name_en=name_en.strip(),
        name_es=name_es.strip(),
        description_en=description_en,
        description_es=description_es,
        base_occupancy=base_occupancy,
        max_occupancy=max_occupancy,
        bed_configuration=bed_configuration,
        sort_order=sort_order,
    )
    audit_record(property=property, entity="room_type", entity_id=code, action="create", actor=actor, changes={})
    return room_type


def room_create(
    *,
    property: Property,
    actor,
    number: str,
    room_type: RoomType,
    floor: int = 0,
    features: list[str] | None = None,
    smoking: bool = False,
) -> Room:
    """Add a room; every inventory night of its type from the business date on gains one physical room.

    Past nights keep the count they had (statistics stay true). Rows are locked in date
    order, the order every booking uses.
    """
    require(actor, "core.manage_rooms")
    number = number.strip()
    features = sorted(set(features or []))
    unknown = [f for f in features if f not in FEATURES]
    if not number:
        raise InvalidInput(_("A room number is required."), errors=[{"field": "number", "message": _("Required.")}])
    if unknown:
        raise InvalidInput(
            _("Unknown room features: %(features)s.") % {"features": ", ".join(unknown)},
            errors=[
                {
                    "field": "features",
                    "message": _("Known features: %(features)s.") % {"features": ", ".join(sorted(FEATURES))},
                }
            ],
        )
    if room_type.property_id != property.pk:
        raise InvalidInput(_("The room type belongs to another property."))
    with transaction.atomic():
        if Room.objects.filter(property=property, number=number).exists():
            raise Conflict(_("Room %(number)s already exists.") % {"number": number}, code="duplicate")
        room = Room.objects.create(
            property=property, number=number, floor=floor, room_type=room_type, features=features, smoking=smoking
        )
        future = InventoryNight.objects.filter(room_type=room_type, date__gte=property.business_date)
        list(future.select_for_update().order_by("date").values_list("pk", flat=True))
        future.update(physical=F("physical") + 1)
        audit_record(property=property, entity="room", entity_id=number, action="create", actor=actor, changes={})
    return room


def room_block_create(*, room: Room, actor, kind: str, start: dt.date, end: dt.date, reason: str) -> RoomBlock:
    """Take a room out of order (it leaves sellable inventory) or out of service (it does not).

    Refused when an out-of-order period would leave fewer physical rooms than are already
    sold on any night, or when a stay is assigned to the room in that period (move the
    guest first).
    """
    require(actor, "core.manage_rooms")
    if kind not in {k.value for k in RoomBlockKind}:
        raise InvalidInput(_("Kind must be out_of_order or out_of_service."), errors=[{"field": "kind"}])
    if end <= start:
        raise InvalidInput(_("The period must end after it starts."), errors=[{"field": "end"}])
    if not reason.strip():
        raise InvalidInput(_("A reason is required."), errors=[{"field": "reason", "message": _("Required.")}])
    with transaction.atomic():
        # Lock the room: two managers blocking it at once must not both succeed.
        Room.objects.select_for_update().filter(pk=room.pk).exists()
        occupied = room.reservations.filter(status__in=HOLDING_STATUSES, arrival__lt=end, departure__gt=start).exists()
        if kind == RoomBlockKind.OUT_OF_ORDER and occupied:
            raise Conflict(
                _("A guest is assigned to room %(number)s in that period: move the stay first.")
                % {"number": room.number},
                code="room_occupied",
            )
        overlapping = RoomBlock.objects.filter(
            room=room, released_at__isnull=True, start__lt=end, end__gt=start
        ).exists()
        if overlapping:
            raise Conflict(
                _("Room %(number)s already has a block in that period.") % {"number": room.number}, code="overlap"
            )
        if kind == RoomBlockKind.OUT_OF_ORDER:
            rows = inventory_lock(property_id=room.property_id, stays=[(room.room_type_id, start, end)])
            short = [d for d in dates_between(start, end) if rows[(room.room_type_id, d)].sellable_after_ooo() < 0]
            if short:
                raise Conflict(
                    _("Room %(number)s cannot go out of order: its room type is fully sold on %(date)s.")
                    % {"number": room.number, "date": short[0].isoformat()},
                    code="would_oversell",
                )
            try:
                with transaction.atomic():
                    InventoryNight.objects.filter(room_type_id=room.room_type_id, date__gte=start, date__lt=end).update(
                        out_of_order=F("out_of_order") + 1
                    )
            except IntegrityError:
                raise Conflict(_("That out-of-order period would oversell."), code="would_oversell") from None
        block = RoomBlock.objects.create(
            property_id=room.property_id, room=room, kind=kind, start=start, end=end, reason=reason.strip()
        )
        audit_record(
            property=room.property,
            entity="room",
            entity_id=room.number,
            action=kind,
            actor=actor,
            changes={"start": start, "end": end},
            reason=reason,
        )
    return block


def room_block_release(*, block: RoomBlock, actor) -> None:
    """End a block from the business date on; the rooms return to inventory for those nights.

    Nights already past keep their block (statistics stay true): a block that started
    before the business date is shortened to end there; one that starts later is released
    whole; one already over is left as it is.
    """
    require(actor, "core.manage_rooms")
    with transaction.atomic():
        block = RoomBlock.objects.select_for_update(of=("self",)).select_related("room__property").get(pk=block.pk)
        today = block.room.property.business_date
        if block.released_at or block.end <= today:
            return
        release_from = max(block.start, today)
        if block.kind == RoomBlockKind.OUT_OF_ORDER:
            room_type_id = block.room.room_type_id
            inventory_lock(property_id=block.property_id, stays=[(room_type_id, release_from, block.end)])
            InventoryNight.objects.filter(room_type_id=room_type_id, date__gte=release_from, date__lt=block.end).update(
                out_of_order=F("out_of_order") - 1
            )
        old_end = block.end
        if block.start < today:
            block.end = today
            block.save(update_fields=["end"])
        else:
            block.released_at = timezone.now()
            block.save(update_fields=["released_at"])
        audit_record(
            property=block.room.property,
            entity="room",
            entity_id=block.room.number,
            action="block_released",
            actor=actor,
            changes={"end": [old_end, release_from]},
        )


def room_condition_set(*, room: Room, actor, condition: str) -> Room:
    require(actor, "core.manage_rooms")
    if condition not in {c.value for c in HousekeepingCondition}:
        raise InvalidInput(_("Condition must be dirty, clean or inspected."), errors=[{"field": "condition"}])
    Room.objects.filter(pk=room.pk).update(condition=condition)
    room.condition = condition
    return room
