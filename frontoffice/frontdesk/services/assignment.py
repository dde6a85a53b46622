"""Room assignment and room moves: which room a stay holds.

Load → decide → persist: each write locks the rooms it touches (always before any reservation
row, in id order, so two writers never wait on each other in a circle), then the reservation
and the stays overlapping it, asks ``frontdesk.domain.assignment`` whether the room can take
the stay, and writes. On PostgreSQL an exclusion constraint also refuses two active stays in
one room on one night; a violation becomes a 409 ``room_taken``.

A stay keeps the price of the room type it was booked in; an upgrade or downgrade puts it in a
room of another type, with the reason written to the audit trail, and its inventory follows the
room (``reservation_room_type_hold``): the booked type gets the nights back, the type of the room
counts them as sold, and an upgrade that would leave a guest of the higher type without a room
is refused. A room move counts the stay in its new room from the move's date (``room_since``).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from frontoffice.core.access import require
from frontoffice.core.audit import audit_record
from frontoffice.core.domain.errors import Conflict, InvalidInput
from frontoffice.core.models import AuditEntry, Property
from frontoffice.folios.services.inputs import free_text
from frontoffice.frontdesk.domain.assignment import (
    UNPLACED,
    UPGRADED,
    Arrival,
    Occupancy,
    Period,
    Placement,
    RoomInfo,
    RoomTypeInfo,
    assign_rooms,
    preferences_met_fraction,
    room_refusal,
)
from frontoffice.frontdesk.models import RoomMove
from frontoffice.frontdesk.services.room_status import room_mark_dirty
from frontoffice.reservations.domain.status import HOLDS_INVENTORY, Status
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.services import reservation_room_type_hold
from frontoffice.rooms.inventory import inventory_lock
from frontoffice.rooms.models import Room, RoomBlock, RoomBlockKind, RoomType

PERMISSION = "core.assign_rooms"
ACTIVE = sorted(s.value for s in HOLDS_INVENTORY)  # the statuses the database's exclusion constraint covers
ASSIGNABLE = (Status.TENTATIVE.value, Status.CONFIRMED.value)


def refusal_text(code: str, number: str) -> str:
    texts = {
        "room_out_of_order": _("Room %(room)s is out of order on a night of this stay."),
        "room_occupied": _("Room %(room)s is occupied by a guest staying on those nights."),
        "room_taken": _("Room %(room)s is already assigned to another stay on those nights."),
        "room_inactive": _("Room %(room)s is not in use."),
    }
    return texts.get(code, _("Room %(room)s cannot take this stay.")) % {"room": number}


def unplaced_text(reason: str) -> str:
    return {
        "no_room": _("No free room of the booked type or higher for the whole stay."),
        "no_room_with_features": _("No free room has the features the guest requires."),
    }.get(reason, reason)


# --- loading what the rule needs ----------------------------------------------------------


def room_types_info(property: Property) -> list[RoomTypeInfo]:
    """Room types with their category: the sort order (higher is better)."""
    rows = RoomType.objects.filter(property=property).values_list("id", "sort_order", "max_occupancy", "code")
    return [RoomTypeInfo(pk, rank, top, code) for pk, rank, top, code in rows]


def rooms_info(
    property: Property, start: dt.date, end: dt.date, *, lock: bool = False, only: int | None = None
) -> list[RoomInfo]:
    """The property's rooms in use (or just room ``only``), with their out-of-order and
    out-of-service periods in ``[start, end)``."""
    rooms = Room.objects.filter(property=property, active=True).order_by("id")
    blocks_qs = RoomBlock.objects.filter(property=property, released_at__isnull=True, start__lt=end, end__gt=start)
    if only is not None:
        rooms, blocks_qs = rooms.filter(pk=only), blocks_qs.filter(room_id=only)
    if lock:
        rooms = rooms.select_for_update()
    rows = list(rooms.values_list("id", "number", "floor", "room_type_id", "features", "condition", "connects_to_id"))
    blocks: dict[int, dict[str, list[Period]]] = {}
    for room_id, kind, b_start, b_end in blocks_qs.values_list("room_id", "kind", "start", "end"):
        blocks.setdefault(room_id, {}).setdefault(kind, []).append(Period(b_start, b_end))
    return [
        RoomInfo(
            id=pk,
            number=number,
            floor=floor,
            room_type=type_id,
            features=frozenset(features or ()),
            condition=condition,
            connects_to=connects,
            out_of_order=tuple(blocks.get(pk, {}).get(RoomBlockKind.OUT_OF_ORDER.value, ())),
            out_of_service=tuple(blocks.get(pk, {}).get(RoomBlockKind.OUT_OF_SERVICE.value, ())),
        )
        for pk, number, floor, type_id, features, condition, connects in rows
    ]


def occupancy(qs) -> list[Occupancy]:
    """The stays in ``qs`` as the rule sees them: in their room from ``room_since`` (a move) or the arrival."""
    rows = qs.values_list("id", "room_id", "arrival", "room_since", "departure", "status")
    return [
        Occupancy(pk, room_id, since or arrival, departure, status == Status.IN_HOUSE.value)
        for pk, room_id, arrival, since, departure, status in rows
    ]


def occupied_between(property: Property, start: dt.date, end: dt.date):
    """Active stays holding a room on a night of ``[start, end)``, and in-house guests past departure."""
    return Reservation.objects.filter(property=property, room__isnull=False, status__in=ACTIVE).filter(
        Q(arrival__lt=end, departure__gt=start) | Q(status=Status.IN_HOUSE.value)
    )


def arrival_of(res: Reservation) -> Arrival:
    guest = res.guest
    return Arrival(
        reservation=res.pk,
        room_type=res.booked_room_type_id,
        arrival=res.arrival,
        departure=res.departure,
        party=res.party,
        guests=res.adults + len(res.children_ages or []),
        preferences=tuple(str(p) for p in (guest.preferences or [])) if guest else (),
        room=res.room_id,
        priority=guest.vip_level if guest else 0,
    )


# --- manual assignment --------------------------------------------------------------------


def _room_check(res: Reservation, room: Room, start: dt.date | None = None) -> None:
    """Lock the stays overlapping ``res`` in ``room`` from ``start`` (default: the arrival) and
    refuse when the room cannot take it for those nights."""
    prop = res.property
    start = start or res.arrival
    if not room.active:
        raise Conflict(refusal_text("room_inactive", room.number), code="room_inactive")
    overlapping = (
        Reservation.objects.select_for_update(of=("self",))
        .filter(room=room, status__in=ACTIVE)
        .annotate(room_from=Coalesce("room_since", "arrival"))
        .filter(Q(room_from__lt=res.departure, departure__gt=start) | Q(status=Status.IN_HOUSE.value))
        .exclude(pk=res.pk)
        .order_by("id")
    )
    occupied = occupancy(overlapping)
    (info,) = rooms_info(prop, start, res.departure, only=room.pk)
    refusal = room_refusal(
        room=info, arrival=start, departure=res.departure, occupied=occupied, today=prop.business_date
    )
    if refusal:
        raise Conflict(refusal_text(refusal, room.number), code=refusal)


def _save_room(res: Reservation, room: Room | None, since: dt.date | None = None) -> None:
    res.room, res.room_since = room, since
    try:
        with transaction.atomic():
            Reservation.objects.filter(pk=res.pk).update(room=room, room_since=since)
    except IntegrityError:
        # PostgreSQL's exclusion constraint: another stay took the room for those nights meanwhile.
        raise Conflict(refusal_text("room_taken", room.number if room else "?"), code="room_taken") from None


def _type_change(res: Reservation, room: Room) -> str:
    """``""`` for the booked type, else ``upgrade`` or ``downgrade`` by the types' category."""
    booked = res.booked_room_type_id
    if room.room_type_id == booked:
        return ""
    ranks = dict(RoomType.objects.filter(pk__in=[room.room_type_id, booked]).values_list("id", "sort_order"))
    return "upgrade" if ranks[room.room_type_id] > ranks[booked] else "downgrade"


def _locked(reservation: Reservation, *rooms: Room) -> tuple[Reservation, list[Room]]:
    """Lock the rooms (id order), then the reservation; fresh copies of each."""
    locked = {r.pk: r for r in Room.objects.select_for_update().filter(pk__in=[r.pk for r in rooms]).order_by("id")}
    res = (
        Reservation.objects.select_for_update(of=("self",))
        .select_related("property", "room_type", "room", "guest")
        .get(pk=reservation.pk)
    )
    return res, [locked[r.pk] for r in rooms]


def room_assign(*, reservation: Reservation, room: Room, actor, reason: str = "") -> Reservation:
    """Put a booked stay (tentative or confirmed) in ``room``.

    Refused (409) when the room is out of order, occupied or assigned to another stay on a night
    of this one, or not in use; a room of another type needs a reason (422 ``reason_required``),
    recorded in the audit trail as an upgrade or a downgrade, and a room of that type unsold on
    every night (409 ``type_full``): the stay's inventory moves to the room's type. Assigning the
    room it already holds changes nothing.
    """
    require(actor, PERMISSION)
    reason = free_text(reason, "reason", 200)
    if room.property_id != reservation.property_id:
        raise InvalidInput(_("That room is not in this property."), errors=[{"field": "room"}])
    with transaction.atomic():
        res, (room,) = _locked(reservation, room)
        if res.status not in ASSIGNABLE:
            code = "in_house" if res.status == Status.IN_HOUSE.value else "not_assignable"
            detail = (
                _("The guest is in house: move the room instead.")
                if code == "in_house"
                else _("Only a tentative or confirmed stay can be given a room.")
            )
            raise Conflict(detail, code=code)
        if res.room_id == room.pk:
            return res
        change = _type_change(res, room)
        if change and room.room_type_id != res.room_type_id and not reason:
            text = _("Room %(room)s is not of the booked type: give the reason for the %(change)s.") % {
                "room": room.number,
                "change": _("upgrade") if change == "upgrade" else _("downgrade"),
            }
            raise InvalidInput(text, code="reason_required", errors=[{"field": "reason", "message": text}])
        _room_check(res, room)
        before = res.room.number if res.room_id else None
        before_type = res.room_type.code
        _save_room(res, room)
        reservation_room_type_hold(reservation=res, room_type=room.room_type)
        audit_record(
            property=res.property,
            entity="reservation",
            entity_id=res.confirmation,
            action=f"room_{change}" if change else "room_assign",
            actor=actor,
            changes={
                "room": [before, room.number],
                **({"room_type": [before_type, room.room_type.code]} if before_type != room.room_type.code else {}),
            },
            reason=reason,
        )
    reservation.room = room
    return res


def room_unassign(*, reservation: Reservation, actor) -> Reservation:
    """Take the room away from a booked stay (not from a guest in house: move them instead).

    An upgraded or downgraded stay goes back to its booked type (409 ``type_full`` when that
    type has been sold out meanwhile: the stay keeps its room)."""
    require(actor, PERMISSION)
    with transaction.atomic():
        res = (
            Reservation.objects.select_for_update(of=("self",))
            .select_related("property", "room")
            .get(pk=reservation.pk)
        )
        if res.status not in ASSIGNABLE:
            raise Conflict(_("Only a tentative or confirmed stay can give up its room."), code="not_assignable")
        if res.room_id is None:
            return res
        before = res.room.number
        _save_room(res, None)
        if res.room_type_charged_id:
            reservation_room_type_hold(reservation=res, room_type=res.room_type_charged)
        audit_record(
            property=res.property,
            entity="reservation",
            entity_id=res.confirmation,
            action="room_unassign",
            actor=actor,
            changes={"room": [before, None]},
        )
    reservation.room = None
    return res


# --- room moves ---------------------------------------------------------------------------


def room_move(*, reservation: Reservation, to_room: Room, actor, reason: str) -> RoomMove:
    """Move a guest in house to ``to_room`` for the rest of the stay, with a reason.

    The new room must be free and not out of order from tonight (the business date) to the
    departure; the stay holds it from that night (``room_since``), so a room another guest used
    earlier in the stay is fine. A room of another type moves the remaining nights' inventory to
    that type (409 ``type_full`` when none is left to sell); the price stays the booked one.
    The old room becomes dirty for housekeeping; both rooms' status change time is set. Postings
    stay on the folio; the move is recorded (``RoomMove``) for the stay's room history.
    """
    require(actor, PERMISSION)
    reason = free_text(reason, "reason", 200)
    if not reason:
        text = _("Give the reason for the room move.")
        raise InvalidInput(text, code="reason_required", errors=[{"field": "reason", "message": text}])
    if to_room.property_id != reservation.property_id:
        raise InvalidInput(_("That room is not in this property."), errors=[{"field": "room"}])
    with transaction.atomic():
        rooms = [to_room] + ([reservation.room] if reservation.room_id else [])
        res, locked = _locked(reservation, *rooms)
        to_room = locked[0]
        if res.status != Status.IN_HOUSE.value:
            raise Conflict(_("Only a guest in house can be moved."), code="not_in_house")
        if res.room_id == to_room.pk:
            raise InvalidInput(_("The guest is already in that room."), code="same_room", errors=[{"field": "room"}])
        from_room = res.room
        prop = res.property
        since = max(prop.business_date, res.arrival)
        if since > res.departure:
            raise Conflict(
                _("The stay ended on %(date)s: check the guest out or extend the stay before moving rooms.")
                % {"date": res.departure.isoformat()},
                code="stay_ended",
            )
        _room_check(res, to_room, start=since)
        change = _type_change(res, to_room)
        _save_room(res, to_room, since=since)
        reservation_room_type_hold(reservation=res, room_type=to_room.room_type, start=since)
        move = RoomMove.objects.create(
            property=prop,
            reservation=res,
            from_room=from_room,
            to_room=to_room,
            business_date=prop.business_date,
            reason=reason,
            actor=actor,
        )
        room_mark_dirty(from_room, actor)
        Room.objects.filter(pk=to_room.pk).update(status_changed_at=timezone.now())
        audit_record(
            property=prop,
            entity="reservation",
            entity_id=res.confirmation,
            action="room_move",
            actor=actor,
            changes={"room": [from_room.number, to_room.number], **({"room_type": change} if change else {})},
            reason=reason,
        )
    reservation.room = to_room
    return move


# --- automatic assignment -----------------------------------------------------------------


@dataclass
class AutoAssignSummary:
    date: dt.date
    arrivals: int = 0
    kept: int = 0
    assigned: int = 0
    upgraded: int = 0
    unplaced: list[tuple[str, str]] = field(default_factory=list)  # (confirmation, reason text)
    preferences_met: float | None = None  # wishes met ÷ wishes made, over the placed stays
    rooms: dict[str, str | None] = field(default_factory=dict)  # confirmation → room number


def rooms_auto_assign(*, property: Property, date: dt.date, actor, reshuffle: bool = False) -> AutoAssignSummary:
    """Give rooms to the booked stays arriving on ``date`` (tentative and confirmed).

    Stays that already have a room keep it unless ``reshuffle``; then every arrival of the date
    is placed afresh (one that finds no room loses the one it had). All in one transaction:
    the property's rooms are locked first, so manual assignments wait for it and it for them.
    """
    require(actor, PERMISSION)
    with transaction.atomic():
        arrivals_qs = (
            Reservation.objects.filter(property=property, arrival=date, status__in=ASSIGNABLE)
            .select_related("guest")
            .order_by("id")
        )
        # Rooms first (the lock order every assignment follows), then the arrivals.
        first = list(arrivals_qs.values_list("departure", flat=True))
        end = max(first, default=date + dt.timedelta(days=1))
        rooms = rooms_info(property, date, end, lock=True)
        stays = list(arrivals_qs.select_for_update(of=("self",)))
        end = max((s.departure for s in stays), default=end)
        arrivals = [arrival_of(s) for s in stays]
        occupied = occupancy(occupied_between(property, date, end))
        placements = assign_rooms(
            arrivals=arrivals,
            rooms=rooms,
            room_types=room_types_info(property),
            occupied=occupied,
            today=property.business_date,
            reshuffle=reshuffle,
            spare=_spare(property, stays, date, end),
        )
        summary = _write(property, stays, placements, rooms, actor, date)
    return summary


def _spare(property: Property, stays: list[Reservation], start: dt.date, end: dt.date) -> dict:
    """Rooms of each type left unsold on each night of ``[start, end)``, counting the stays being
    placed in the type they booked (an upgraded one gives its night back to the type it holds)."""
    type_ids = RoomType.objects.filter(property=property).values_list("id", flat=True)
    rows = inventory_lock(property_id=property.pk, stays=[(t, start, end) for t in type_ids])
    spare = {key: n.physical - n.out_of_order - n.sold for key, n in rows.items()}
    for s in stays:
        if s.room_type_id != s.booked_room_type_id:
            for i in range(s.nights):
                d = s.arrival + dt.timedelta(days=i)
                spare[(s.room_type_id, d)] = spare.get((s.room_type_id, d), 0) + 1
                spare[(s.booked_room_type_id, d)] = spare.get((s.booked_room_type_id, d), 0) - 1
    return spare


def _write(property, stays, placements: list[Placement], rooms: list[RoomInfo], actor, date) -> AutoAssignSummary:
    numbers = {r.id: r.number for r in rooms}
    types = {t.id: t.code for t in room_types_info(property)}
    by_id = {s.pk: s for s in stays}
    before = {s.pk: s.room_id for s in stays}
    changed = [p for p in placements if p.room != by_id[p.reservation].room_id]
    summary = AutoAssignSummary(date=date, arrivals=len(stays))
    if changed:
        # Clear first, then set: a swap between two stays must not trip the exclusion constraint.
        Reservation.objects.filter(pk__in=[p.reservation for p in changed]).update(room=None)
        for p in changed:
            by_id[p.reservation].room_id = p.room
        try:
            with transaction.atomic():
                Reservation.objects.bulk_update(
                    [by_id[p.reservation] for p in changed if p.room is not None], ["room"], batch_size=500
                )
        except IntegrityError:
            raise Conflict(
                _("Another assignment took one of these rooms meanwhile; run the automatic assignment again."),
                code="room_taken",
            ) from None
    # Inventory follows the room: upgrades first take their nights in the higher type, then stays
    # that lost an upgrade go back to the type they booked.
    room_type_of = {r.id: r.room_type for r in rooms}
    type_objects = RoomType.objects.in_bulk([t for t in room_type_of.values()] + [s.booked_room_type_id for s in stays])
    moves = []
    for p in placements:
        res = by_id[p.reservation]
        target = room_type_of[p.room] if p.room is not None else res.booked_room_type_id
        if target != res.room_type_id:
            moves.append((target == res.booked_room_type_id, res, type_objects[target]))
    for _back, res, room_type in sorted(moves, key=lambda m: (m[0], m[1].pk)):
        reservation_room_type_hold(reservation=res, room_type=room_type)
    for p in placements:
        res = by_id[p.reservation]
        summary.rooms[res.confirmation] = numbers.get(p.room) if p.room else None
        if p.outcome == UNPLACED:
            summary.unplaced.append((res.confirmation, unplaced_text(p.reason)))
        elif p.outcome == UPGRADED:
            summary.upgraded += 1
        elif p.room == before[p.reservation]:
            summary.kept += 1
        else:
            summary.assigned += 1
    # One audit entry per changed stay, written in one statement (what audit_record writes, in bulk).
    who = actor if getattr(actor, "is_authenticated", False) else None
    entries = []
    for p in changed:
        res = by_id[p.reservation]
        reason = ""
        if p.upgrade:
            booked = types.get(res.booked_room_type_id)
            reason = _("Automatic upgrade: no free room of type %(type)s.") % {"type": booked}
        action = "room_upgrade" if p.upgrade else ("room_assign" if p.room else "room_unassign")
        entries.append(
            AuditEntry(
                property=property,
                entity="reservation",
                entity_id=res.confirmation,
                action=action,
                actor=who,
                changes={"room": [numbers.get(before[p.reservation]), numbers.get(p.room)]},
                reason=reason[:200],
            )
        )
    AuditEntry.objects.bulk_create(entries, batch_size=500)
    summary.preferences_met = preferences_met_fraction(placements)
    return summary
