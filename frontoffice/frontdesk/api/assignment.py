"""Room assignment (by hand and for a whole arrivals list) and room moves."""

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from frontoffice.core.api import scoped, user_of
from frontoffice.core.domain.errors import InvalidInput, NotFound
from frontoffice.frontdesk.services import room_assign, room_move, room_unassign, rooms_auto_assign
from frontoffice.reservations.selectors import reservation_get
from frontoffice.rooms.models import Room

router = Router()
PERMISSION = "core.assign_rooms"


class AssignRoomIn(Schema):
    room: str = Field(..., max_length=10, description="Room number")
    reason: str = Field("", max_length=200, description="Required when the room is of another type")


class MoveRoomIn(Schema):
    room: str = Field(..., max_length=10, description="Room number to move to")
    reason: str = Field(..., max_length=200)


class AutoAssignIn(Schema):
    date: dt.date
    reshuffle: bool = Field(False, description="Place every arrival of the date afresh, assigned or not")


class RoomAssignmentOut(Schema):
    confirmation: str
    status: str
    room_type: str
    room: str | None


class RoomMoveOut(Schema):
    confirmation: str
    from_room: str
    to_room: str
    reason: str
    business_date: dt.date


class UnplacedOut(Schema):
    confirmation: str
    reason: str


class AutoAssignOut(Schema):
    date: dt.date
    arrivals: int
    kept: int
    assigned: int
    upgraded: int
    unplaced: list[UnplacedOut]
    preferences_met: float | None = Field(None, description="Wishes met ÷ wishes made over the placed stays")
    rooms: dict[str, str | None] = Field(description="Confirmation → room number")


def _reservation(prop, confirmation: str):
    res = reservation_get(property=prop, confirmation=confirmation)
    if res is None:
        raise NotFound(_("No reservation %(confirmation)s.") % {"confirmation": confirmation})
    return res


def _room(prop, number: str) -> Room:
    room = Room.objects.filter(property=prop, number=number.strip()).first()
    if room is None:
        text = _("No room %(number)s.") % {"number": number}
        raise InvalidInput(text, errors=[{"field": "room", "message": text}])
    return room


def _assignment(res) -> dict:
    res.refresh_from_db(fields=["room", "status"])
    return {
        "confirmation": res.confirmation,
        "status": res.status,
        "room_type": res.room_type.code,
        "room": res.room.number if res.room_id else None,
    }


@router.post("/properties/{code}/reservations/{confirmation}/assign-room", response=RoomAssignmentOut)
def assign_room(request, code: str, confirmation: str, payload: AssignRoomIn):
    """Give a booked stay a room. 409 ``room_taken``/``room_occupied``/``room_out_of_order`` when the
    room cannot take it; 422 ``reason_required`` for a room of another type without a reason."""
    prop = scoped(request, code, PERMISSION)
    res = _reservation(prop, confirmation)
    room_assign(reservation=res, room=_room(prop, payload.room), actor=user_of(request), reason=payload.reason)
    return _assignment(res)


@router.post("/properties/{code}/reservations/{confirmation}/unassign-room", response=RoomAssignmentOut)
def unassign_room(request, code: str, confirmation: str):
    """Take the room away from a booked stay (not from a guest in house)."""
    prop = scoped(request, code, PERMISSION)
    res = _reservation(prop, confirmation)
    room_unassign(reservation=res, actor=user_of(request))
    return _assignment(res)


@router.post("/properties/{code}/arrivals/auto-assign", response=AutoAssignOut)
def auto_assign(request, code: str, payload: AutoAssignIn):
    """Give rooms to the arrivals of ``date``: the booked type (an upgrade only when it is full),
    free and not out of order for the whole stay, ready rooms first for today, guest wishes and
    bookings of several rooms kept together. Stays that have a room keep it unless ``reshuffle``."""
    prop = scoped(request, code, PERMISSION)
    summary = rooms_auto_assign(property=prop, date=payload.date, actor=user_of(request), reshuffle=payload.reshuffle)
    return {
        **{k: getattr(summary, k) for k in ("date", "arrivals", "kept", "assigned", "upgraded", "preferences_met")},
        "unplaced": [{"confirmation": c, "reason": why} for c, why in summary.unplaced],
        "rooms": summary.rooms,
    }


@router.post("/properties/{code}/reservations/{confirmation}/move-room", response=RoomMoveOut)
def move_room(request, code: str, confirmation: str, payload: MoveRoomIn):
    """Move a guest in house to another room, with the reason. The old room becomes dirty."""
    prop = scoped(request, code, PERMISSION)
    res = _reservation(prop, confirmation)
    move = room_move(reservation=res, to_room=_room(prop, payload.room), actor=user_of(request), reason=payload.reason)
    return {
        "confirmation": res.confirmation,
        "from_room": move.from_room.number,
        "to_room": move.to_room.number,
        "reason": move.reason,
        "business_date": move.business_date,
    }
