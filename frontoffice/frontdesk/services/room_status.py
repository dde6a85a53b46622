"""Room status writes: housekeeping condition, do-not-disturb / make-up-room overlays and what
housekeeping found, for one room or many at once; and making a room dirty when a guest leaves or
the night audit runs.

Each change locks the rooms it touches, asks ``domain.room_status.housekeeping_change`` for the
new fields, writes them with ``status_changed_at`` and leaves one audit record per room changed.
A change that changes nothing writes nothing.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from frontoffice.core.access import require
from frontoffice.core.audit import audit_record
from frontoffice.core.domain.errors import InvalidInput
from frontoffice.core.models import AuditEntry, Property
from frontoffice.frontdesk.domain.room_status import Condition, Found, Housekeeping, housekeeping_change
from frontoffice.rooms.models import Room

PERMISSION = "core.update_room_status"
READ_PERMISSIONS = ("core.view_reservations", PERMISSION)
FIELDS = ("condition", "do_not_disturb", "make_up_room", "housekeeping_found")


def room_status_readable(user) -> bool:
    """The board is read by the desk (who sees reservations) and by whoever keeps the rooms (who
    updates room status): either permission will do."""
    return any(user.has_perm(p) for p in READ_PERMISSIONS)


def _check(
    *, condition: str | None, do_not_disturb: bool | None, make_up_room: bool | None, housekeeping_found: str | None
) -> None:
    """Refuse, in words the agent reads, what the domain would refuse."""
    errors = []
    if condition is not None and condition not in {c.value for c in Condition}:
        errors.append({"field": "condition", "message": _("Condition must be dirty, clean or inspected.")})
    if housekeeping_found not in (None, "") and housekeeping_found not in {f.value for f in Found}:
        errors.append({"field": "housekeeping_found", "message": _("Housekeeping found the room vacant or occupied.")})
    if do_not_disturb and make_up_room:
        errors.append({"field": "make_up_room", "message": _("A room cannot be both do-not-disturb and make-up-room.")})
    if errors:
        raise InvalidInput(errors[0]["message"], errors=errors)
    if condition is None and do_not_disturb is None and make_up_room is None and housekeeping_found is None:
        raise InvalidInput(_("Nothing to change: give a condition, an overlay or what housekeeping found."))


def _apply(room: Room, *, actor, now, reason: str = "", **change) -> bool:
    """Write the change to a locked ``room``; False when it changed nothing."""
    current = Housekeeping(
        condition=Condition(room.condition),
        do_not_disturb=room.do_not_disturb,
        make_up_room=room.make_up_room,
        found=room.housekeeping_found or "",
    )
    new = housekeeping_change(
        current,
        condition=change.get("condition"),
        do_not_disturb=change.get("do_not_disturb"),
        make_up_room=change.get("make_up_room"),
        found=change.get("housekeeping_found"),
    )
    before = {
        "condition": current.condition.value,
        "do_not_disturb": current.do_not_disturb,
        "make_up_room": current.make_up_room,
        "housekeeping_found": current.found,
    }
    after = {
        "condition": new.condition.value,
        "do_not_disturb": new.do_not_disturb,
        "make_up_room": new.make_up_room,
        "housekeeping_found": new.found,
    }
    changes = {k: [before[k], after[k]] for k in FIELDS if before[k] != after[k]}
    if not changes:
        return False
    for k, v in after.items():
        setattr(room, k, v)
    room.status_changed_at = now
    room.save(update_fields=[*FIELDS, "status_changed_at"])
    audit_record(
        property=room.property,
        entity="room",
        entity_id=room.number,
        action="status",
        actor=actor,
        changes=changes,
        reason=reason,
    )
    return True


def room_status_set(
    *,
    room: Room,
    actor,
    condition: str | None = None,
    do_not_disturb: bool | None = None,
    make_up_room: bool | None = None,
    housekeeping_found: str | None = None,
) -> Room:
    """Change one room's housekeeping status (``None``: leave as is). Needs
    ``core.update_room_status``."""
    require(actor, PERMISSION)
    change = {
        "condition": condition,
        "do_not_disturb": do_not_disturb,
        "make_up_room": make_up_room,
        "housekeeping_found": housekeeping_found,
    }
    _check(**change)
    with transaction.atomic():
        locked = Room.objects.select_for_update().select_related("property").get(pk=room.pk)
        _apply(locked, actor=actor, now=timezone.now(), **change)
    return locked


def room_status_set_bulk(
    *,
    property: Property,
    numbers: list[str],
    actor,
    condition: str | None = None,
    do_not_disturb: bool | None = None,
    make_up_room: bool | None = None,
    housekeeping_found: str | None = None,
) -> list[Room]:
    """The same change to many rooms in one transaction: all of them or none (an unknown room
    number refuses the whole change). Returns the rooms by number. Needs ``core.update_room_status``."""
    require(actor, PERMISSION)
    change = {
        "condition": condition,
        "do_not_disturb": do_not_disturb,
        "make_up_room": make_up_room,
        "housekeeping_found": housekeeping_found,
    }
    _check(**change)
    wanted = list(dict.fromkeys(n.strip() for n in numbers if n and n.strip()))
    if not wanted:
        raise InvalidInput(
            _("Choose at least one room."), errors=[{"field": "rooms", "message": _("Choose at least one room.")}]
        )
    with transaction.atomic():
        rooms = list(
            Room.objects.select_for_update()
            .select_related("property")
            .filter(property=property, number__in=wanted)
            .order_by("pk")
        )
        missing = sorted(set(wanted) - {r.number for r in rooms})
        if missing:
            message = _("No room %(numbers)s in this property.") % {"numbers": ", ".join(missing)}
            raise InvalidInput(message, code="unknown_room", errors=[{"field": "rooms", "message": message}])
        now = timezone.now()
        for room in rooms:
            _apply(room, actor=actor, now=now, **change)
    return sorted(rooms, key=lambda r: (r.floor, r.number))


def room_mark_dirty(room: Room, actor) -> Room:
    """The room becomes dirty: a guest checked out of it, or the night audit ran while it was
    occupied. What housekeeping found at its last check no longer says anything and is cleared.
    Internal (check-out and the night audit call it): no permission check; call it inside the
    caller's transaction."""
    with transaction.atomic():
        locked = Room.objects.select_for_update().select_related("property").get(pk=room.pk)
        _apply(locked, actor=actor, now=timezone.now(), condition=Condition.DIRTY.value, housekeeping_found="")
    room.condition = locked.condition
    room.housekeeping_found = locked.housekeeping_found
    room.make_up_room = locked.make_up_room
    room.status_changed_at = locked.status_changed_at
    return room


def rooms_occupied_mark_dirty(*, property: Property, room_ids: list[int], actor) -> int:
    """The night audit: every occupied room becomes dirty for tomorrow's housekeeping (what was
    found at the last check is cleared), in one statement. Returns how many rooms changed.
    Internal: the night audit checks its own permission and calls it inside its transaction."""
    now = timezone.now()
    who = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        rooms = list(
            Room.objects.select_for_update()
            .filter(property=property, pk__in=room_ids)
            .exclude(condition=Condition.DIRTY.value, housekeeping_found="")
            .order_by("pk")
            .values_list("pk", "number", "condition", "housekeeping_found")
        )
        Room.objects.filter(pk__in=[r[0] for r in rooms]).update(
            condition=Condition.DIRTY.value, housekeeping_found="", status_changed_at=now
        )
        entries = []
        for _pk, number, condition, found in rooms:
            changes = {}
            if condition != Condition.DIRTY.value:
                changes["condition"] = [condition, Condition.DIRTY.value]
            if found:
                changes["housekeeping_found"] = [found, ""]
            entries.append(
                AuditEntry(
                    property=property,
                    entity="room",
                    entity_id=number,
                    action="status",
                    actor=who,
                    changes=changes,
                    reason=_("Night audit: occupied tonight"),
                )
            )
        AuditEntry.objects.bulk_create(entries, batch_size=500)
    return len(rooms)
